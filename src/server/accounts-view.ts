import type { AccountHealthRow, HealthBand } from './engine';

export type AccountSort = 'score' | '-score' | 'name' | '-name';

export interface AccountQuery {
  band?: HealthBand;
  tag?: string;
  search?: string;
  sort: AccountSort;
  page: number;
  per_page: number;
}

/**
 * Filters, sorts and pages the health list. Accounts without a score sort last either way, since
 * "no data" is neither good nor bad.
 */
export function selectAccounts(
  rows: AccountHealthRow[],
  q: AccountQuery,
): { total: number; items: AccountHealthRow[] } {
  const needle = q.search?.trim().toLowerCase();
  const kept = rows.filter(
    (r) =>
      (q.band === undefined || r.band === q.band) &&
      (q.tag === undefined || r.tags.includes(q.tag)) &&
      (!needle || r.name.toLowerCase().includes(needle) || r.account_id === q.search),
  );
  const dir = q.sort.startsWith('-') ? -1 : 1;
  const byName = (a: AccountHealthRow, b: AccountHealthRow) =>
    a.name.localeCompare(b.name) || a.account_id.localeCompare(b.account_id);
  kept.sort((a, b) => {
    if (q.sort.endsWith('score')) {
      if (a.score === null || b.score === null)
        return a.score === b.score ? byName(a, b) : a.score === null ? 1 : -1;
      return dir * (a.score - b.score) || byName(a, b);
    }
    return dir * byName(a, b);
  });
  const start = (q.page - 1) * q.per_page;
  return { total: kept.length, items: kept.slice(start, start + q.per_page) };
}
