import { Skeleton } from '@zendeskgarden/react-loaders';
import { useI18n } from '../i18n/I18nProvider';

/** Placeholder lines while data loads, announced to screen readers. */
export function Loading() {
  const { t } = useI18n();
  return (
    <div role="status" aria-label={t('common.loading')}>
      <Skeleton width="60%" />
      <Skeleton />
      <Skeleton width="80%" />
    </div>
  );
}
