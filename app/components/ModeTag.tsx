import { Tag } from '@zendeskgarden/react-tags';
import { useI18n } from '../i18n/I18nProvider';
import { useZafSession } from '../zaf/ClientProvider';

/** Says whether figures come from the backend or are computed live in the browser. */
export function ModeTag() {
  const { t } = useI18n();
  const { settings } = useZafSession();
  return (
    <Tag size="small" hue={settings.mode === 'backend' ? 'blue' : 'yellow'}>
      {t(settings.mode === 'backend' ? 'common.mode_backend' : 'common.mode_live')}
    </Tag>
  );
}
