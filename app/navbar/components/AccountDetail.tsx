import { useMemo, useState } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { getColor } from '@zendeskgarden/react-theming';
import { Table } from '@zendeskgarden/react-tables';
import { LG, MD, SM } from '@zendeskgarden/react-typography';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useZafSession } from '../../zaf/ClientProvider';
import { describeError } from '../../zaf/useZafGet';
import { fetchAccount } from '../api';
import { factorsByCost } from '../transforms/accounts';
import { formatFigure } from '../transforms/format';
import { useData } from '../useData';
import { BandTag } from './AccountsPanel';
import { TrendChart } from './TrendChart';

const StyledDetail = styled.section`
  display: grid;
  gap: ${({ theme }) => theme.space.sm};
  margin-top: ${({ theme }) => theme.space.md};
  padding: ${({ theme }) => theme.space.md};
  border: ${({ theme }) => theme.borders.sm};
  border-color: ${({ theme }) => getColor({ theme, variable: 'border.default' })};
  border-radius: ${({ theme }) => theme.borderRadii.md};
`;

const StyledActions = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.space.sm};
  align-items: center;
`;

/** One account: score, factors, trend, summary and recent tickets; can open it in the workspace. */
export function AccountDetail({ id, name, onClose }: { id: string; name: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const session = useZafSession();
  const detail = useData(() => fetchAccount(session, id), id);
  const [routeError, setRouteError] = useState<string | null>(null);
  const trend = detail.status === 'ready' ? detail.value.trend?.points : undefined;
  const chart = useMemo(
    () =>
      trend && trend.length > 1
        ? {
            xs: trend.map((p) => Date.parse(p.at) / 1000),
            lines: [
              {
                label: t('nav_bar.accounts.score'),
                values: trend.map((p) => p.score),
                style: 'main' as const,
              },
            ],
          }
        : null,
    [trend, t],
  );
  const formatScore = useMemo(() => (v: number) => formatFigure(v, 'count', locale), [locale]);
  const openInWorkspace = () => {
    setRouteError(null);
    session.client
      .invoke('routeTo', 'organization', id)
      .catch((err: unknown) => setRouteError(describeError(err)));
  };
  let body;
  if (detail.status === 'loading') body = <Loading />;
  else if (detail.status === 'error') body = <ErrorNotice message={detail.message} onRetry={detail.reload} />;
  else {
    const d = detail.value;
    body = (
      <>
        <StyledActions>
          <MD isBold data-testid="detail-score">
            {t('nav_bar.accounts.score_value', {
              score: formatFigure(d.health?.score ?? null, 'count', locale),
            })}
          </MD>
          <BandTag band={d.health?.band ?? null} />
          {d.trend?.falling && <SM>{t('nav_bar.accounts.falling')}</SM>}
        </StyledActions>
        {chart && (
          <TrendChart
            xs={chart.xs}
            lines={chart.lines}
            isTime
            formatY={formatScore}
            height={140}
            label={t('nav_bar.accounts.trend_label')}
          />
        )}
        {d.summary && d.summary.sentences.length > 0 && <MD>{d.summary.sentences.join(' ')}</MD>}
        {d.factors && d.factors.length > 0 && (
          <Table size="small" aria-label={t('nav_bar.accounts.factors')} data-testid="factors-table">
            <Table.Head>
              <Table.HeaderRow>
                <Table.HeaderCell>{t('nav_bar.accounts.factor')}</Table.HeaderCell>
                <Table.HeaderCell>{t('nav_bar.accounts.points')}</Table.HeaderCell>
                <Table.HeaderCell>{t('nav_bar.accounts.weight')}</Table.HeaderCell>
              </Table.HeaderRow>
            </Table.Head>
            <Table.Body>
              {factorsByCost(d.factors).map((f) => (
                <Table.Row key={f.key}>
                  <Table.Cell>{t(`nav_bar.factor.${f.key}`)}</Table.Cell>
                  <Table.Cell>
                    {f.value === null ? t('nav_bar.no_data') : formatFigure(f.points, 'count', locale)}
                  </Table.Cell>
                  <Table.Cell>{formatFigure(f.weight, 'count', locale)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <LG tag="h4" isBold>
          {t('nav_bar.accounts.recent_tickets')}
        </LG>
        <Table size="small" aria-label={t('nav_bar.accounts.recent_tickets')} data-testid="recent-tickets">
          <Table.Head>
            <Table.HeaderRow>
              <Table.HeaderCell>{t('nav_bar.accounts.subject')}</Table.HeaderCell>
              <Table.HeaderCell>{t('nav_bar.accounts.status')}</Table.HeaderCell>
              <Table.HeaderCell>{t('nav_bar.accounts.created')}</Table.HeaderCell>
            </Table.HeaderRow>
          </Table.Head>
          <Table.Body>
            {d.recent_tickets.map((tk) => (
              <Table.Row key={tk.id}>
                <Table.Cell>{tk.subject ?? tk.id}</Table.Cell>
                <Table.Cell>{tk.status}</Table.Cell>
                <Table.Cell>{tk.created_at?.slice(0, 10) ?? '–'}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </>
    );
  }
  return (
    <StyledDetail aria-labelledby="account-detail-heading" data-testid="account-detail">
      <StyledActions>
        <LG tag="h3" id="account-detail-heading" isBold>
          {name}
        </LG>
        <Button size="small" data-testid="route-to-org" onClick={openInWorkspace}>
          {t('nav_bar.accounts.open_in_workspace')}
        </Button>
        <Button size="small" isBasic onClick={onClose}>
          {t('nav_bar.accounts.close')}
        </Button>
      </StyledActions>
      {routeError && <ErrorNotice message={routeError} />}
      {body}
    </StyledDetail>
  );
}
