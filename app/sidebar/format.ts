/** Pure wording and drawing helpers of the sidebar, apart from components so they are tested alone. */
import type { FactorUnit, HealthFactor, HealthTrendPoint } from '../../src/core/health/types';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/** A figure in its unit, as an agent reads it: "62 %", "3.5 h", "1.2 / day", "−0.31". */
export function formatFigure(value: number | null, unit: FactorUnit, locale: string): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const num = (v: number, digits: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(v);
  switch (unit) {
    case 'rate':
      return `${num(value * 100, 0)} %`;
    case 'minutes':
      return value >= 120 ? `${num(value / 60, 1)} h` : `${num(value, 0)} min`;
    case 'tickets_per_day':
      return `${num(value, 1)} / d`;
    case 'count':
      return num(value, 0);
    case 'sentiment':
      return `${value > 0 ? '+' : ''}${num(value, 2)}`;
  }
}

/** "CSAT 62 %, tenant typical 85 %", or why the factor does not count. */
export function factorReason(f: HealthFactor, t: Translate, locale: string): string {
  const label = t(`sidebar.factor.${f.key}`);
  if (f.value === null) return t('sidebar.factor_no_data', { label });
  const account = formatFigure(f.account_figure, f.unit, locale);
  if (f.tenant_figure === null) return t('sidebar.factor_reason_alone', { label, account });
  return t('sidebar.factor_reason', {
    label,
    account,
    tenant: formatFigure(f.tenant_figure, f.unit, locale),
  });
}

/** Points a factor could add at full weight but does not: what to look at first. */
export function pointsLost(f: HealthFactor, totalWeight: number): number {
  if (f.value === null || totalWeight <= 0) return 0;
  return (100 * f.weight * (1 - f.value)) / totalWeight;
}

/** Factors with data, the costliest first; factors without data last. */
export function orderFactors(factors: readonly HealthFactor[]): HealthFactor[] {
  const total = factors.filter((f) => f.value !== null).reduce((s, f) => s + f.weight, 0);
  return [...factors].sort((a, b) => {
    if ((a.value === null) !== (b.value === null)) return a.value === null ? 1 : -1;
    return pointsLost(b, total) - pointsLost(a, total) || a.key.localeCompare(b.key);
  });
}

/**
 * Polyline segments of a trend on a `width` × `height` box, score 0 at the bottom and 100 at the
 * top; a point without a score breaks the line rather than pretending it was zero.
 */
export function sparklineSegments(
  points: readonly HealthTrendPoint[],
  width: number,
  height: number,
): string[] {
  const step = points.length > 1 ? width / (points.length - 1) : 0;
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.score === null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
      return;
    }
    const x = points.length > 1 ? i * step : width / 2;
    const y = height - (Math.max(0, Math.min(100, p.score)) / 100) * height;
    current.push(`${round(x)},${round(y)}`);
  });
  if (current.length) segments.push(current.join(' '));
  return segments;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** First and last known score of a trend, for the sparkline's text alternative. */
export function trendEnds(points: readonly HealthTrendPoint[]): { first: number; last: number } | null {
  const known = points.filter((p): p is HealthTrendPoint & { score: number } => p.score !== null);
  if (known.length === 0) return null;
  return { first: Math.round(known[0]!.score), last: Math.round(known[known.length - 1]!.score) };
}

export type BackendProblem = 'unreachable' | 'unauthorized' | 'misconfigured' | 'warming';

/** What the agent (or their admin) has to fix, from the failed request's status. */
export function classifyBackendError(err: unknown): BackendProblem {
  const e = (typeof err === 'object' && err !== null ? err : {}) as {
    status?: number;
    responseJSON?: { error?: unknown };
    responseText?: string;
  };
  if (e.status === 401 || e.status === 403) return 'unauthorized';
  // The backend has just started and is loading (its 503 says so): nothing to fix, only to wait.
  if (
    e.status === 503 &&
    (e.responseJSON?.error === 'warming_up' || e.responseText?.includes('"warming_up"'))
  )
    return 'warming';
  // No status at all: not a failed request but an answer this app cannot read.
  if (e.status === undefined) return 'misconfigured';
  if (e.status === 0 || e.status >= 500) return 'unreachable';
  return 'misconfigured';
}
