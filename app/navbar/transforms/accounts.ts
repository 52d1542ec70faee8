import type { HealthFactor } from '../../../src/core/health/types';
import type { AccountSort } from '../api';
import type { ScreenFigure } from './csv';

/** Clicking a column: score sorts worst first (who needs help), name A–Z; a second click reverses. */
export function nextSort(current: AccountSort, column: 'score' | 'name'): AccountSort {
  if (current === column) return `-${column}`;
  return column;
}

export function sortOf(current: AccountSort, column: 'score' | 'name'): 'asc' | 'desc' | undefined {
  if (current === column) return 'asc';
  if (current === `-${column}`) return 'desc';
  return undefined;
}

/** Factors costing the most points first: the ones to talk about with the account. */
export function factorsByCost(factors: HealthFactor[]): HealthFactor[] {
  const cost = (f: HealthFactor) => (f.value === null ? -1 : f.weight * (1 - f.value));
  return [...factors].sort((a, b) => cost(b) - cost(a) || a.key.localeCompare(b.key));
}

export function accountCsvRows(
  rows: Array<{ account_id: string; name: string; score: number | null; band: string | null }>,
): ScreenFigure[] {
  return rows.map((r) => ({
    section: `account:${r.band ?? 'none'}`,
    metric: `${r.account_id} ${r.name}`,
    value: r.score,
  }));
}
