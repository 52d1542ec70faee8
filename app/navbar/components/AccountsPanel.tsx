import { useEffect, useState } from 'react';
import styled from 'styled-components';
import { Button } from '@zendeskgarden/react-buttons';
import { Field, Input, Select } from '@zendeskgarden/react-forms';
import { Well } from '@zendeskgarden/react-notifications';
import { Table } from '@zendeskgarden/react-tables';
import { Tag } from '@zendeskgarden/react-tags';
import { MD, SM } from '@zendeskgarden/react-typography';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { useI18n } from '../../i18n/I18nProvider';
import { useZafSession } from '../../zaf/ClientProvider';
import { fetchAccounts, type AccountRow, type AccountsQuery } from '../api';
import { nextSort, sortOf } from '../transforms/accounts';
import { formatFigure } from '../transforms/format';
import { shown, useData } from '../useData';
import { AccountDetail } from './AccountDetail';

const PER_PAGE = 25;

const StyledFilters = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: ${({ theme }) => theme.space.sm};
  align-items: flex-end;
  margin-bottom: ${({ theme }) => theme.space.sm};
`;

const StyledPager = styled.div`
  display: flex;
  gap: ${({ theme }) => theme.space.sm};
  align-items: center;
  margin-top: ${({ theme }) => theme.space.sm};
`;

const BAND_TAG = { healthy: 'green', watch: 'yellow', at_risk: 'red' } as const;

export function BandTag({ band }: { band: AccountRow['band'] }) {
  const { t } = useI18n();
  if (band === null) return <Tag size="small">{t('nav_bar.band.none')}</Tag>;
  return (
    <Tag size="small" hue={BAND_TAG[band]}>
      {t(`nav_bar.band.${band}`)}
    </Tag>
  );
}

export interface IAccountsPanelProps {
  /** The rows on screen, for the CSV export. */
  onRows: (rows: AccountRow[]) => void;
}

/** Health of every account: filter, sort, page; a click opens the account. */
export function AccountsPanel({ onRows }: IAccountsPanelProps) {
  const { t, locale } = useI18n();
  const session = useZafSession();
  const [q, setQ] = useState<AccountsQuery>({ sort: 'score', page: 1, per_page: PER_PAGE });
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<{ id: string; name: string } | null>(null);
  const accounts = useData(() => fetchAccounts(session, q), JSON.stringify(q));
  const value = shown(accounts);
  useEffect(() => onRows(value?.accounts ?? []), [value, onRows]);

  if (accounts.status === 'error' && accounts.httpStatus === 404)
    return (
      <Well isRecessed>
        <Well.Paragraph>{t('nav_bar.not_available')}</Well.Paragraph>
      </Well>
    );
  const pages = value ? Math.max(1, Math.ceil(value.total / PER_PAGE)) : 1;
  const sortable = (column: 'score' | 'name') => (
    <Table.SortableCell
      sort={sortOf(q.sort, column)}
      data-testid={`sort-${column}`}
      onClick={() => setQ({ ...q, sort: nextSort(q.sort, column), page: 1 })}
    >
      {t(`nav_bar.accounts.${column}`)}
    </Table.SortableCell>
  );
  return (
    <>
      <StyledFilters>
        <Field>
          <Field.Label>{t('nav_bar.accounts.band')}</Field.Label>
          <Select
            data-testid="band-select"
            value={q.band ?? ''}
            onChange={(e) =>
              setQ({ ...q, page: 1, band: (e.target.value || undefined) as AccountsQuery['band'] })
            }
          >
            <option value="">{t('nav_bar.toolbar.all')}</option>
            {(['healthy', 'watch', 'at_risk'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`nav_bar.band.${b}`)}
              </option>
            ))}
          </Select>
        </Field>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setQ({ ...q, page: 1, search: search.trim() || undefined });
          }}
        >
          <Field>
            <Field.Label>{t('nav_bar.accounts.search')}</Field.Label>
            <Input data-testid="account-search" value={search} onChange={(e) => setSearch(e.target.value)} />
          </Field>
        </form>
      </StyledFilters>
      {accounts.status === 'error' && <ErrorNotice message={accounts.message} onRetry={accounts.reload} />}
      {!value && accounts.status === 'loading' && <Loading />}
      {value && (
        <>
          <Table size="small" aria-label={t('nav_bar.tabs.accounts')} data-testid="accounts-table">
            <Table.Head>
              <Table.HeaderRow>
                {sortable('name')}
                {sortable('score')}
                <Table.HeaderCell>{t('nav_bar.accounts.band')}</Table.HeaderCell>
                <Table.HeaderCell>{t('nav_bar.accounts.trend')}</Table.HeaderCell>
                <Table.HeaderCell>{t('nav_bar.accounts.top_factor')}</Table.HeaderCell>
              </Table.HeaderRow>
            </Table.Head>
            <Table.Body>
              {value.accounts.map((a) => (
                <Table.Row
                  key={a.account_id}
                  isSelected={a.account_id === open?.id}
                  data-testid="account-row"
                  data-account-id={a.account_id}
                >
                  <Table.Cell>
                    <Button isLink onClick={() => setOpen({ id: a.account_id, name: a.name })}>
                      {a.name || a.account_id}
                    </Button>
                  </Table.Cell>
                  <Table.Cell data-testid="account-score">
                    {formatFigure(a.score, 'count', locale)}
                  </Table.Cell>
                  <Table.Cell>
                    <BandTag band={a.band} />
                  </Table.Cell>
                  <Table.Cell>
                    {a.falling === undefined
                      ? '–'
                      : t(a.falling ? 'nav_bar.accounts.falling' : 'nav_bar.accounts.steady')}
                  </Table.Cell>
                  <Table.Cell>{a.top_factor ? t(`nav_bar.factor.${a.top_factor}`) : '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
          {value.accounts.length === 0 && <MD>{t('nav_bar.accounts.none')}</MD>}
          <StyledPager data-testid="accounts-pager">
            <Button size="small" disabled={q.page <= 1} onClick={() => setQ({ ...q, page: q.page - 1 })}>
              {t('nav_bar.accounts.previous_page')}
            </Button>
            <SM>{t('nav_bar.accounts.page', { page: q.page, pages, total: value.total })}</SM>
            <Button size="small" disabled={q.page >= pages} onClick={() => setQ({ ...q, page: q.page + 1 })}>
              {t('nav_bar.accounts.next_page')}
            </Button>
          </StyledPager>
        </>
      )}
      {open !== null && <AccountDetail id={open.id} name={open.name} onClose={() => setOpen(null)} />}
    </>
  );
}
