/**
 * Account health as plain text for the terminal (`portal-pulse metrics --health`): the list of
 * every account worst first, and one account's factors, weekly trend and summary.
 */
import type { Rate } from '../dataset';
import type {
  AccountHealth,
  AccountKeyFigures,
  AccountTrend,
  ActivitySummary,
  FactorUnit,
  HealthBand,
  HealthFactorKey,
} from './types';

/** One line of the health list. */
export interface HealthListRow {
  account_id: string;
  name: string;
  score: number | null;
  band: HealthBand | null;
  top_factor: HealthFactorKey | null;
  falling: boolean;
}

/** Worst first: lowest score first, accounts without a score last, ties by id. */
export function worstFirst(rows: HealthListRow[]): HealthListRow[] {
  return rows.slice().sort((x, y) => {
    if (x.score !== y.score) {
      if (x.score === null) return 1;
      if (y.score === null) return -1;
      return x.score - y.score;
    }
    return x.account_id < y.account_id ? -1 : x.account_id > y.account_id ? 1 : 0;
  });
}

const score = (s: number | null) => (s === null ? '–' : s.toFixed(1));

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** Every account's health, as given (sort with {@link worstFirst}). */
export function formatHealthList(rows: HealthListRow[], asOf: number): string {
  return (
    [
      `account health as of ${new Date(asOf).toISOString()} (${rows.length} accounts, worst first)`,
      '',
      ...table(
        ['account', 'name', 'score', 'band', 'top factor', 'trend'],
        rows.map((r) => [
          r.account_id,
          r.name,
          score(r.score),
          r.band ?? 'no data',
          r.top_factor ?? '–',
          r.falling ? 'falling' : '',
        ]),
      ),
    ].join('\n') + '\n'
  );
}

function figure(v: number | null, unit: FactorUnit): string {
  if (v === null) return '–';
  switch (unit) {
    case 'rate':
      return `${(v * 100).toFixed(1)} %`;
    case 'minutes':
      return `${Math.round(v)} min`;
    case 'tickets_per_day':
      return `${v.toFixed(2)}/day`;
    case 'sentiment':
      return (v > 0 ? '+' : '') + v.toFixed(2);
    case 'count':
      return String(Math.round(v * 10) / 10);
  }
}

const pct = (r: Rate) =>
  r.value === null ? 'no data' : `${(r.value * 100).toFixed(1)} %  (${r.numerator} / ${r.denominator})`;

export interface AccountHealthText {
  name: string;
  health: AccountHealth;
  trend: AccountTrend;
  key_figures: AccountKeyFigures;
  summary: ActivitySummary;
}

/** One account: score and band, each factor against the tenant, the weekly trend and the summary. */
export function formatAccountHealth(d: AccountHealthText, asOf: number): string {
  const h = d.health;
  const k = d.key_figures;
  const t = d.trend;
  const slope =
    t.slope_per_week === null
      ? 'too few scored weeks for a slope'
      : `${t.slope_per_week >= 0 ? '+' : ''}${t.slope_per_week.toFixed(2)} points a week${t.falling ? ' – falling' : ''}`;
  return (
    [
      `${d.name} (${h.account_id}): health ${score(h.score)}, ${h.band ?? 'no data'} – as of ${new Date(asOf).toISOString()}`,
      '',
      ...table(
        ['factor', 'value', 'weight', 'points', 'account', 'tenant typical'],
        h.factors.map((f) => [
          f.key,
          f.value === null ? 'no data' : f.value.toFixed(2),
          String(f.weight),
          f.points.toFixed(1),
          figure(f.account_figure, f.unit),
          figure(f.tenant_figure, f.unit),
        ]),
      ),
      '',
      `trend (weekly, oldest first): ${t.points.map((p) => score(p.score)).join(' ')}`,
      `slope: ${slope}`,
      '',
      ...table(
        ['key figure', 'value'],
        [
          ['open tickets', `${k.open_tickets} (${k.urgent_open_tickets} urgent)`],
          ['oldest open', k.oldest_open_days === null ? '–' : `${k.oldest_open_days.toFixed(1)} days`],
          ['tickets in window', String(k.tickets_in_window)],
          ['baseline tickets', k.baseline_tickets === null ? '–' : k.baseline_tickets.toFixed(1)],
          ['csat', pct(k.csat)],
          ['predicted csat', k.predicted_csat === null ? '–' : `${(k.predicted_csat * 100).toFixed(1)} %`],
          ['fcr', pct(k.fcr)],
          ['ticket after portal', pct(k.ticket_after_portal_rate)],
          ['active portal users', String(k.active_portal_users)],
        ],
      ),
      '',
      'summary:',
      ...d.summary.sentences.map((s) => `  ${s}`),
    ].join('\n') + '\n'
  );
}
