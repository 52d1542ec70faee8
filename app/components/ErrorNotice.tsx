import { Button } from '@zendeskgarden/react-buttons';
import { Alert } from '@zendeskgarden/react-notifications';
import { useI18n } from '../i18n/I18nProvider';

export interface IErrorNoticeProps {
  /** What went wrong, shown under the title. */
  message: string;
  /** Shows a retry button when given. */
  onRetry?: () => void;
}

export function ErrorNotice({ message, onRetry }: IErrorNoticeProps) {
  const { t } = useI18n();
  return (
    <Alert type="error" role="alert">
      <Alert.Title>{t('common.error_title')}</Alert.Title>
      <Alert.Paragraph>{t('common.error_body', { message })}</Alert.Paragraph>
      {onRetry && (
        <Button size="small" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
