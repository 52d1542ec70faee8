import styled from 'styled-components';
import { getColor } from '@zendeskgarden/react-theming';
import { Well } from '@zendeskgarden/react-notifications';
import { Table } from '@zendeskgarden/react-tables';
import { LG, MD, XXL } from '@zendeskgarden/react-typography';
import { fetchBackendStatus, type BackendStatus } from '../backend/client';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Loading';
import { ModeTag } from '../components/ModeTag';
import { useI18n } from '../i18n/I18nProvider';
import { useZafSession } from '../zaf/ClientProvider';
import { useLoadable } from '../zaf/useZafGet';

const StyledPage = styled.main`
  padding: ${({ theme }) => theme.space.lg};
  max-width: 960px;
`;

const StyledSubtitle = styled(MD)`
  margin: ${({ theme }) => `${theme.space.xs} 0 ${theme.space.lg}`};
  color: ${({ theme }) => getColor({ theme, variable: 'foreground.subtle' })};
`;

const StyledSection = styled.section`
  display: grid;
  gap: ${({ theme }) => theme.space.sm};
`;

const StyledHeading = styled.div`
  display: flex;
  align-items: center;
  gap: ${({ theme }) => theme.space.sm};
`;

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

function BackendPanel({ backendUrl }: { backendUrl: string }) {
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

/** Nav bar page: the heading and whether a backend answers. The metrics page comes on top (issue 7). */
export default function NavBar() {
  const { t } = useI18n();
  const { settings } = useZafSession();
  return (
    <StyledPage>
      <XXL tag="h1" isBold>
        {t('nav_bar.title')}
      </XXL>
      <StyledSubtitle>{t('nav_bar.subtitle')}</StyledSubtitle>
      <StyledSection aria-labelledby="backend-heading">
        <StyledHeading>
          <LG tag="h2" id="backend-heading" isBold>
            {t('nav_bar.backend_heading')}
          </LG>
          <ModeTag />
        </StyledHeading>
        {settings.backendUrl ? (
          <BackendPanel backendUrl={settings.backendUrl} />
        ) : (
          <Well isRecessed>
            <Well.Paragraph data-testid="backend-status">
              {t('nav_bar.backend_not_configured')}
            </Well.Paragraph>
          </Well>
        )}
      </StyledSection>
    </StyledPage>
  );
}
