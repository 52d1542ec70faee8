import { useEffect } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { Skeleton } from '@zendeskgarden/react-loaders';
import { Alert, Well } from '@zendeskgarden/react-notifications';
import { useI18n } from '../i18n/I18nProvider';
import { useZafSession } from '../zaf/ClientProvider';
import { describeError } from '../zaf/useZafGet';
import { classifyBackendError } from './format';

const StyledSkeleton = styled.div`
  display: grid;
  gap: ${({ theme }) => theme.space.xs};
`;

/** The card's shape in grey while the one request is under way. */
export function CardSkeleton() {
  const { t } = useI18n();
  return (
    <StyledSkeleton role="status" aria-label={t('common.loading')} data-testid="sidebar-loading">
      <Skeleton height="32px" width="50%" />
      <Skeleton width="90%" />
      <Skeleton width="80%" />
      <Skeleton width="85%" />
      <Skeleton width="60%" />
    </StyledSkeleton>
  );
}

export function NoOrganization() {
  const { t } = useI18n();
  return (
    <Well isRecessed data-testid="no-organization">
      <Well.Title>{t('ticket_sidebar.no_organization_title')}</Well.Title>
      <Well.Paragraph>{t('ticket_sidebar.no_organization_body')}</Well.Paragraph>
    </Well>
  );
}

/** A new account, or one the backend has not synced yet. */
export function NoData({ live }: { live: boolean }) {
  const { t } = useI18n();
  return (
    <Well isRecessed data-testid="no-data">
      <Well.Title>{t('sidebar.no_data_title')}</Well.Title>
      <Well.Paragraph>{t(live ? 'sidebar.no_data_live' : 'sidebar.no_data_backend')}</Well.Paragraph>
    </Well>
  );
}

/**
 * Retry delay while the backend is loading after a start. It holds each request up to 10 s before
 * saying so, so the card fills in at most ~15 s after the load ends.
 */
const WARMING_RETRY_MS = 5000;

/** What went wrong and what to fix, worded for the cause, with a retry. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n();
  const { settings } = useZafSession();
  const live = settings.mode === 'live';
  const problem = live ? 'live' : classifyBackendError(error);
  // A backend that is loading after a start answers again within seconds: try by itself.
  useEffect(() => {
    if (problem !== 'warming') return;
    const timer = setTimeout(onRetry, WARMING_RETRY_MS);
    return () => clearTimeout(timer);
  }, [problem, onRetry]);
  return (
    <Alert
      type={problem === 'warming' ? 'info' : problem === 'unauthorized' ? 'warning' : 'error'}
      role="alert"
      data-testid={`error-${problem}`}
    >
      <Alert.Title>{t(`sidebar.error.${problem}_title`)}</Alert.Title>
      <Alert.Paragraph>
        {t(`sidebar.error.${problem}_body`, { url: settings.backendUrl ?? '', reason: describeError(error) })}
      </Alert.Paragraph>
      <Button size="small" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
