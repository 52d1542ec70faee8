/**
 * Account health (../shared/METRICS.md, "Account health"; docs/metrics.md for every scoring
 * choice): the score with its factors for every account, the weekly trend, and the key figures
 * an agent reads beside a ticket.
 */
import { DAY_MS, rate } from '../dataset';
import type { PreparedDataset } from '../prepare';
import type { Settings } from '../settings';
import {
  accountFiguresAt,
  accountRowIndex,
  eachHealthFigures,
  healthFigures,
  tenantFiguresAt,
  type HealthFigures,
} from './accumulate';
import { checkWeights, factorValues, scoreOf, weigh } from './factors';
import type { AccountHealth, AccountKeyFigures, AccountTrend, HealthTrendPoint } from './types';

export * from './types';
export { bandOf, TYPICAL } from './factors';
export { FACTOR_KEYS } from './types';

/** Weekly points over the last 90 days: as of asOf and each of the 12 week ends before it. */
export const TREND_WEEKS = 12;
/** A trend is falling when its least-squares slope is at most this many points lost a week. */
export const FALLING_SLOPE = 0.8;
/** Fewest scored weeks a slope is drawn from. */
const MIN_TREND_POINTS = 4;

function scoreAll(p: PreparedDataset, settings: Settings, f: HealthFigures): AccountHealth[] {
  const out: AccountHealth[] = [];
  for (const [id, a] of p.accountIndex) out.push(weigh(id, factorValues(f, a), settings.health_weights));
  return out.sort((x, y) => (x.account_id < y.account_id ? -1 : x.account_id > y.account_id ? 1 : 0));
}

/** Health of every account as of `asOf`, sorted by account id, from one scan over the data. */
export function accountHealth(p: PreparedDataset, settings: Settings, asOf: number): AccountHealth[] {
  checkWeights(settings.health_weights);
  return scoreAll(p, settings, healthFigures(p, settings.health_window_days, asOf));
}

/** Health of one account, or null when the tenant has no such account; costs only its own rows. */
export function accountHealthOf(
  p: PreparedDataset,
  settings: Settings,
  accountId: string,
  asOf: number,
): AccountHealth | null {
  checkWeights(settings.health_weights);
  const a = p.accountIndex.get(accountId);
  if (a === undefined) return null;
  const [f] = accountFiguresAt(p, a, settings.health_window_days, [asOf]);
  return weigh(accountId, factorValues(f as HealthFigures, 0), settings.health_weights);
}

/** As-of times of the trend points, oldest first. */
export function trendTimes(asOf: number): number[] {
  return Array.from({ length: TREND_WEEKS + 1 }, (_, k) => asOf - (TREND_WEEKS - k) * 7 * DAY_MS);
}

/** Least-squares slope of the scored points, in points per week. */
export function slopePerWeek(points: HealthTrendPoint[]): number | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const pt of points) {
    if (pt.score === null) continue;
    xs.push(Date.parse(pt.at) / (7 * DAY_MS));
    ys.push(pt.score);
  }
  if (xs.length < MIN_TREND_POINTS) return null;
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    sxy += dx * ((ys[i] as number) - my);
    sxx += dx * dx;
  }
  return sxx === 0 ? null : sxy / sxx;
}

function trendOf(points: HealthTrendPoint[]): AccountTrend {
  const slope = slopePerWeek(points);
  return { points, slope_per_week: slope, falling: slope !== null && slope <= -FALLING_SLOPE };
}

/**
 * Every account's weekly trend, by account id. The 13 as-of times share one pass (see
 * {@link eachHealthFigures}); each point equals {@link accountHealth} at its time.
 */
export function healthTrends(
  p: PreparedDataset,
  settings: Settings,
  asOf: number,
): Map<string, AccountTrend> {
  checkWeights(settings.health_weights);
  const times = trendTimes(asOf);
  const accounts = [...p.accountIndex];
  // scores[j × points + k]: the score of accounts[j] at times[k]; NaN for none
  const scores = new Float64Array(accounts.length * times.length);
  eachHealthFigures(p, settings.health_window_days, times, (f, k) => {
    accounts.forEach(([, a], j) => {
      scores[j * times.length + k] = scoreOf(f, a, settings.health_weights) ?? NaN;
    });
  });
  const isos = times.map((at) => new Date(at).toISOString());
  const out = new Map<string, AccountTrend>();
  accounts.forEach(([id], j) => {
    const points = isos.map((at, k) => {
      const score = scores[j * times.length + k] as number;
      return { at, score: score === score ? score : null };
    });
    out.set(id, trendOf(points));
  });
  return out;
}

/** One account's weekly health over the last 90 days (the sparkline) and its falling flag. */
export function accountTrend(
  p: PreparedDataset,
  settings: Settings,
  accountId: string,
  asOf: number,
): AccountTrend | null {
  return accountHealthDetail(p, settings, accountId, asOf)?.trend ?? null;
}

/** The figures an agent reads at a glance, over the health window; null for an unknown account. */
export function accountKeyFigures(
  p: PreparedDataset,
  settings: Settings,
  accountId: string,
  asOf: number,
): AccountKeyFigures | null {
  const a = p.accountIndex.get(accountId);
  if (a === undefined) return null;
  return keyFigures(accountFiguresAt(p, a, settings.health_window_days, [asOf])[0] as HealthFigures);
}

/**
 * Builds what one account's health reads besides its own rows – the rows grouped by account and
 * the tenant's weekly totals as of asOf – so the first account asked for costs no more than the next.
 */
export function prepareAccountHealth(p: PreparedDataset, settings: Settings, asOf: number): void {
  accountRowIndex(p);
  tenantFiguresAt(p, settings.health_window_days, trendTimes(asOf));
}

/** What an account's page shows of its health: the score with factors, the trend and the key figures. */
export interface AccountHealthDetail {
  health: AccountHealth;
  trend: AccountTrend;
  key_figures: AccountKeyFigures;
}

/**
 * One account's health, trend and key figures from one pass over its own rows (the trend's last
 * point is the as-of itself); the tenant totals come cached. Null for an unknown account.
 */
export function accountHealthDetail(
  p: PreparedDataset,
  settings: Settings,
  accountId: string,
  asOf: number,
): AccountHealthDetail | null {
  checkWeights(settings.health_weights);
  const a = p.accountIndex.get(accountId);
  if (a === undefined) return null;
  const times = trendTimes(asOf);
  const figures = accountFiguresAt(p, a, settings.health_window_days, times);
  const now = figures.at(-1) as HealthFigures;
  return {
    health: weigh(accountId, factorValues(now, 0), settings.health_weights),
    trend: trendOf(
      figures.map((f, k) => ({
        at: new Date(times[k] as number).toISOString(),
        score: scoreOf(f, 0, settings.health_weights),
      })),
    ),
    key_figures: keyFigures(now),
  };
}

/** Key figures from an account's own figures (the account at index 0). */
function keyFigures(f: HealthFigures): AccountKeyFigures {
  const solved = f.solved[0] as number;
  const oldest = f.oldestOpen[0] as number;
  const good = f.good[0] as number;
  const bad = f.bad[0] as number;
  return {
    open_tickets: f.open[0] as number,
    urgent_open_tickets: f.urgentOpen[0] as number,
    oldest_open_days: oldest === Infinity ? null : (f.asOf - oldest) / DAY_MS,
    csat: rate(good, good + bad),
    predicted_csat: f.hasPredictions && solved > 0 ? (f.predictedSum[0] as number) / solved : null,
    fcr: rate(f.oneTouch[0] as number, f.touched[0] as number),
    ticket_after_portal_rate: rate(f.followed[0] as number, f.helpSeeking[0] as number),
    active_portal_users: f.activeUsers[0] as number,
    tickets_in_window: f.created[0] as number,
    baseline_tickets: f.priorDays > 0 ? ((f.createdPrior[0] as number) / f.priorDays) * f.windowDays : null,
  };
}
