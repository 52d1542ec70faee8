/**
 * From raw figures to factor scores in [0, 1] and the weighted score (docs/metrics.md, "Account
 * health"). Every relative factor puts the tenant's typical figure at TYPICAL, so an account like
 * the tenant as a whole scores 75 ("healthy"), and better or worse moves it up or down.
 */
import type { HealthWeights } from '../settings';
import type { HealthFigures } from './accumulate';
import {
  FACTOR_KEYS,
  type AccountHealth,
  type FactorUnit,
  type HealthBand,
  type HealthFactor,
  type HealthFactorKey,
} from './types';

/** The score of a factor whose figure equals the tenant's. */
export const TYPICAL = 0.75;
/** Pseudo-ratings of the prior (predicted or tenant CSAT) that the account's CSAT is shrunk with. */
export const CSAT_PRIOR_RATINGS = 2;
/** Pseudo-tickets at the tenant's figure that FCR, reopens, sentiment and self-service are shrunk with. */
export const PRIOR_TICKETS = 3;

/** Floor of the tenant's sentiment spread, so a tenant of identical texts does not magnify noise. */
const MIN_SENTIMENT_SPREAD = 0.05;

const spread = (squares: number, sum: number, n: number): number =>
  Math.sqrt(Math.max(0, squares / n - (sum / n) ** 2));

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Higher is better, on [0, 1]: 0 → 0, the tenant's figure → TYPICAL, 1 → 1, linear in between. */
export function anchoredUp(x: number, typical: number): number {
  if (typical <= 0) return TYPICAL + (1 - TYPICAL) * clamp01(x);
  if (typical >= 1) return TYPICAL * clamp01(x);
  return x <= typical
    ? TYPICAL * clamp01(x / typical)
    : TYPICAL + (1 - TYPICAL) * clamp01((x - typical) / (1 - typical));
}

/** Lower is better, on [0, 1]: the mirror of {@link anchoredUp}. */
export const anchoredDown = (x: number, typical: number): number => anchoredUp(1 - x, 1 - typical);

/**
 * A ratio against the tenant on a log scale: equal → TYPICAL, twice as good → 1, worse loses
 * TYPICAL / 2 per halving, so four times worse → 0 (a slide should show before a rise does).
 */
export function logRatio(ratio: number, higherIsBetter: boolean): number {
  const d = higherIsBetter ? Math.log2(ratio) : -Math.log2(ratio);
  return clamp01(d >= 0 ? TYPICAL + d * (1 - TYPICAL) : TYPICAL + (d * TYPICAL) / 2);
}

/** A difference in tenant standard deviations: 0 → TYPICAL, +1 sd → 1, −2 sd → 0. */
export function zScore(z: number): number {
  return clamp01(z >= 0 ? TYPICAL + z * (1 - TYPICAL) : TYPICAL + (z * TYPICAL) / 2);
}

/** (n·x + k·prior) / (n + k): a small sample leans on the prior. */
const shrink = (sum: number, n: number, prior: number, k: number): number => (sum + k * prior) / (n + k);

/** The mean of the factor parts that have data (NaN marks none); NaN when neither has. */
const meanOf = (x: number, y: number): number => (x !== x ? y : y !== y ? x : (0 + x + y) / 2);

export interface FactorValue {
  key: HealthFactorKey;
  value: number | null;
  account_figure: number | null;
  tenant_figure: number | null;
  unit: FactorUnit;
}

const UNITS: Record<HealthFactorKey, FactorUnit> = {
  csat: 'rate',
  volume_trend: 'tickets_per_day',
  sentiment: 'sentiment',
  fcr_reopens: 'rate',
  resolution_time: 'minutes',
  backlog: 'count',
  portal_engagement: 'rate',
};

/**
 * The seven factors of account `a`, in FACTOR_KEYS order, into `values` (NaN: no data) and, when
 * given, the account's and the tenant's figure of factor k into `figures[2k]` and `figures[2k + 1]`
 * (NaN: unknown). Numbers rather than objects, so scoring every account week by week allocates nothing.
 */
function evaluate(f: HealthFigures, a: number, values: Float64Array, figures: Float64Array | null): void {
  const t = f.tenant;
  const tenantCsat = t.good + t.bad > 0 ? t.good / (t.good + t.bad) : NaN;
  const tenantFcr = t.touched > 0 ? t.oneTouch / t.touched : NaN;
  const tenantReopen = t.solved > 0 ? t.reopened / t.solved : NaN;
  const tenantSentiment = t.created > 0 ? t.sentimentSum / t.created : NaN;
  const tenantDeflected = t.helpSeeking - t.followed;
  const tenantSsr = tenantDeflected + t.created > 0 ? tenantDeflected / (tenantDeflected + t.created) : NaN;
  const tenantMedian = t.medianResolution ?? NaN;

  const good = f.good[a] as number;
  const bad = f.bad[a] as number;
  const solved = f.solved[a] as number;
  const touched = f.touched[a] as number;
  const created = f.created[a] as number;
  const prior = f.createdPrior[a] as number;

  // CSAT on its own scale (a rating already is a judgement), shrunk toward the account's predicted
  // CSAT, or toward the tenant's CSAT when there is no model. An account with solved tickets but no
  // ratings gets the prior itself, so a first bad rating can only lower its score.
  const predicted = f.hasPredictions && solved > 0 ? (f.predictedSum[a] as number) / solved : NaN;
  const csatPrior = predicted === predicted ? predicted : tenantCsat;
  values[0] =
    solved === 0 || csatPrior !== csatPrior ? NaN : shrink(good, good + bad, csatPrior, CSAT_PRIOR_RATINGS);

  // Volume: the account's per-day change against the tenant's, +1 ticket in each period so a
  // small account's 0 → 1 is not an infinite rise.
  let volumeFigure = NaN;
  let volumeTypical = NaN;
  values[1] = NaN;
  if (f.priorDays > 0 && created + prior > 0 && t.createdPrior > 0 && t.created > 0) {
    const tenantChange = t.created / f.windowDays / (t.createdPrior / f.priorDays);
    const change = (created + 1) / f.windowDays / ((prior + 1) / f.priorDays);
    values[1] = logRatio(change / tenantChange, false);
    volumeFigure = created / f.windowDays;
    volumeTypical = (prior / f.priorDays) * tenantChange;
  }

  // Sentiment scores bunch near 0, so the distance is read in the tenant's per-ticket spread.
  values[2] =
    tenantSentiment !== tenantSentiment || created === 0
      ? NaN
      : zScore(
          (shrink(f.sentimentSum[a] as number, created, tenantSentiment, PRIOR_TICKETS) - tenantSentiment) /
            Math.max(MIN_SENTIMENT_SPREAD, spread(t.sentimentSquares, t.sentimentSum, t.created)),
        );

  const fcrPart =
    touched === 0 || tenantFcr !== tenantFcr
      ? NaN
      : anchoredUp(shrink(f.oneTouch[a] as number, touched, tenantFcr, PRIOR_TICKETS), tenantFcr);
  const reopenPart =
    solved === 0 || tenantReopen !== tenantReopen
      ? NaN
      : anchoredDown(shrink(f.reopened[a] as number, solved, tenantReopen, PRIOR_TICKETS), tenantReopen);
  values[3] = meanOf(fcrPart, reopenPart);

  // The log of the ratio of medians, shrunk like a mean of `resolved` tickets toward the tenant (ratio 1).
  const ownMedian = f.medianResolution[a] as number;
  const resolved = f.resolved[a] as number;
  values[4] =
    ownMedian !== ownMedian || tenantMedian !== tenantMedian
      ? NaN
      : logRatio(
          (Math.max(ownMedian, 1) / Math.max(tenantMedian, 1)) ** (resolved / (resolved + PRIOR_TICKETS)),
          false,
        );

  // Backlog: open-ticket load per ticket of the window, against the tenant's; none open is 1.0.
  const open = f.open[a] as number;
  const load = f.backlogLoad[a] as number;
  let typicalOpen = NaN;
  values[5] = NaN;
  if (created > 0 || open > 0) {
    const tenantPerTicket = t.backlogLoad / Math.max(1, t.created);
    const ownPerTicket = shrink(load, created, tenantPerTicket, PRIOR_TICKETS);
    values[5] =
      load === 0
        ? 1
        : tenantPerTicket === 0
          ? 0
          : ownPerTicket <= tenantPerTicket
            ? 1 - (1 - TYPICAL) * (ownPerTicket / tenantPerTicket)
            : logRatio(ownPerTicket / tenantPerTicket, false);
    if (t.created > 0) typicalOpen = (t.open / t.created) * Math.max(1, created);
  }

  // Portal engagement: self-service resolution and active portal users per ticket, both against the tenant.
  const deflected = (f.helpSeeking[a] as number) - (f.followed[a] as number);
  const users = f.activeUsers[a] as number;
  let ssr = NaN;
  values[6] = NaN;
  if (created > 0 || users > 0 || (f.helpSeeking[a] as number) > 0) {
    ssr = deflected + created > 0 ? deflected / (deflected + created) : NaN;
    const ssrPart =
      ssr !== ssr || tenantSsr !== tenantSsr
        ? NaN
        : anchoredUp(shrink(deflected, deflected + created, tenantSsr, PRIOR_TICKETS), tenantSsr);
    const usersPart = logRatio((users + 1) / (created + 1) / ((t.activeUsers + 1) / (t.created + 1)), true);
    values[6] = meanOf(ssrPart, usersPart);
  }

  if (figures === null) return;
  figures.set([
    good + bad > 0 ? good / (good + bad) : NaN,
    tenantCsat,
    volumeFigure,
    volumeTypical,
    created > 0 ? (f.sentimentSum[a] as number) / created : NaN,
    tenantSentiment,
    touched > 0 ? (f.oneTouch[a] as number) / touched : NaN,
    tenantFcr,
    ownMedian,
    tenantMedian,
    open,
    typicalOpen,
    ssr,
    tenantSsr,
  ]);
}

const orNull = (x: number): number | null => (x === x ? x : null);

/** The seven factors of account `a`, before weighting. */
export function factorValues(f: HealthFigures, a: number): FactorValue[] {
  const values = new Float64Array(FACTOR_KEYS.length);
  const figures = new Float64Array(2 * FACTOR_KEYS.length);
  evaluate(f, a, values, figures);
  return FACTOR_KEYS.map((key, k) => ({
    key,
    value: orNull(values[k] as number),
    account_figure: orNull(figures[2 * k] as number),
    tenant_figure: orNull(figures[2 * k + 1] as number),
    unit: UNITS[key],
  }));
}

const scratchValues = new Float64Array(7);

/** `weigh(id, factorValues(f, a), weights).score`, without building the factors. */
export function scoreOf(f: HealthFigures, a: number, weights: HealthWeights): number | null {
  evaluate(f, a, scratchValues, null);
  let total = 0;
  for (let k = 0; k < FACTOR_KEYS.length; k++)
    if (scratchValues[k] === scratchValues[k]) total += weights[FACTOR_KEYS[k] as HealthFactorKey];
  if (total === 0) return null;
  let score = 0;
  for (let k = 0; k < FACTOR_KEYS.length; k++) {
    const v = scratchValues[k] as number;
    score += v !== v ? 0 : (100 * weights[FACTOR_KEYS[k] as HealthFactorKey] * v) / total;
  }
  return score;
}

/** Rejects weights that cannot make a weighted mean. */
export function checkWeights(w: HealthWeights): void {
  for (const key of FACTOR_KEYS) {
    const v = w[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new Error(`health weight "${key}" must be a non-negative number, got ${String(v)}`);
  }
}

export function bandOf(score: number): HealthBand {
  return score >= 70 ? 'healthy' : score >= 40 ? 'watch' : 'at_risk';
}

/**
 * Weights of the factors with data renormalized to 100; a factor's points are its share × value,
 * and the score is the sum of exactly those points, so they always add up.
 */
export function weigh(accountId: string, values: FactorValue[], weights: HealthWeights): AccountHealth {
  let total = 0;
  for (const v of values) if (v.value !== null) total += weights[v.key];
  const factors: HealthFactor[] = values.map((v) => ({
    key: v.key,
    value: v.value,
    weight: weights[v.key],
    points: v.value === null || total === 0 ? 0 : (100 * weights[v.key] * v.value) / total,
    account_figure: v.account_figure,
    tenant_figure: v.tenant_figure,
    unit: v.unit,
  }));
  if (total === 0) return { account_id: accountId, score: null, band: null, factors, top_factor: null };
  let score = 0;
  for (const f of factors) score += f.points;
  let top: HealthFactorKey | null = null;
  let worst = 0;
  for (const f of factors) {
    if (f.value === null) continue;
    const lost = f.weight * (1 - f.value);
    if (lost > worst) {
      worst = lost;
      top = f.key;
    }
  }
  return { account_id: accountId, score, band: bandOf(score), factors, top_factor: top };
}
