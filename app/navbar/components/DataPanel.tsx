import { LG, MD } from '@zendeskgarden/react-typography';
import { Table } from '@zendeskgarden/react-tables';
import { fetchBackendStatus, type BackendStatus } from '../../backend/client';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useZafSession } from '../../zaf/ClientProvider';
import { useLoadable } from '../../zaf/useZafGet';

function SourcesTable({ status }: { status: BackendStatus }) {
  const { t } = useI18n();
  if (status.sources.length === 0) return <MD>{t('nav_bar.no_sources')}</MD>;
  return (
    <Table size="small" aria-label={t('nav_bar.sources_heading')}>
      <Table.Head>
        <Table.HeaderRow>
          <Table.HeaderCell>{t('nav_bar.source_column')}</Table.HeaderCell>
          <Table.HeaderCell>{t('nav_bar.as_of_column')}</Table.HeaderCell>
          <Table.HeaderCell>{t('nav_bar.lag_column')}</Table.HeaderCell>
        </Table.HeaderRow>
      </Table.Head>
      <Table.Body>
        {status.sources.map((s) => (
          <Table.Row key={s.source}>
            <Table.Cell>{s.source}</Table.Cell>
            <Table.Cell>{s.data_as_of ?? t('nav_bar.never')}</Table.Cell>
            <Table.Cell>
              {s.lag_seconds === null
                ? '–'
                : t('nav_bar.lag_minutes', { count: Math.round(s.lag_seconds / 60) })}
            </Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** The "Data" panel: whether the backend answers and how far each source has synced. */
export function DataPanel({ backendUrl }: { backendUrl: string }) {
  const { t } = useI18n();
  const session = useZafSession();
  const status = useLoadable(() => fetchBackendStatus(session), backendUrl);
  if (status.status === 'loading') return <Loading />;
  if (status.status === 'error')
    return (
      <ErrorNotice
        message={t('nav_bar.backend_error', { url: backendUrl, reason: status.message })}
        onRetry={status.reload}
      />
    );
  return (
    <>
      <MD data-testid="backend-status">{t('nav_bar.backend_ok', { url: backendUrl })}</MD>
      <LG tag="h3">{t('nav_bar.sources_heading')}</LG>
      <SourcesTable status={status.value} />
    </>
  );
}
