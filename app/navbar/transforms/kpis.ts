import type { Rate } from '../../../src/core/dataset';
import type { Metrics } from '../../../src/core/report';
import type { Targets } from '../../../src/core/settings';
import type { FigureKind } from './format';

/** The tiles, in the order the page shows them. `ticket_volume` compares tickets with the baseline. */
export const KPI_KEYS = [
  'ticket_after_portal_rate',
  'session_deflection_rate',
  'self_service_resolution_rate',
  'self_service_score',
  'fcr',
  'csat',
  'ticket_volume',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

interface KpiSpec {
  kind: FigureKind;
  /** For ticket-after-portal and volume a fall is the good news. */
  lowerIsBetter: boolean;
  /** The trend series drawn for the tile. */
  series: string;
  target: keyof Targets | null;
}

export const KPI_SPECS: Record<KpiKey, KpiSpec> = {
  ticket_after_portal_rate: {
    kind: 'percent',
    lowerIsBetter: true,
    series: 'ticket_after_portal_rate',
    target: 'ticket_after_portal_rate',
  },
  session_deflection_rate: {
    kind: 'percent',
    lowerIsBetter: false,
    series: 'session_deflection_rate',
    target: 'session_deflection_rate',
  },
  self_service_resolution_rate: {
    kind: 'percent',
    lowerIsBetter: false,
    series: 'self_service_resolution_rate',
    target: 'self_service_resolution_rate',
  },
  self_service_score: {
    kind: 'ratio',
    lowerIsBetter: false,
    series: 'self_service_score',
    target: 'self_service_score',
  },
  fcr: { kind: 'percent', lowerIsBetter: false, series: 'fcr', target: 'fcr' },
  csat: { kind: 'percent', lowerIsBetter: false, series: 'csat', target: 'csat' },
  ticket_volume: {
    kind: 'count',
    lowerIsBetter: true,
    series: 'deflected_tickets_vs_baseline',
    target: null,
  },
};

export interface Kpi {
  key: KpiKey;
  kind: FigureKind;
  value: number | null;
  /** Numerator and denominator when the figure is a rate, for "n of m" under the value. */
  rate: Rate | null;
  previous: number | null;
  /** value − previous; null when either is unknown. */
  change: number | null;
  baseline: number | null;
  changeVsBaseline: number | null;
  /** Whether the change vs the previous period is good news, bad news or neither. */
  trend: 'better' | 'worse' | 'flat' | null;
  target: number | null;
  /** Share of the way to the target in [0, 1]; 1 once met. null without a target or a value. */
  progress: number | null;
  /** For CSAT: the model's predicted CSAT beside the measured one. */
  predicted: number | null;
}

function rateValue(m: Metrics, key: Exclude<KpiKey, 'ticket_volume'>): Rate {
  return m[key];
}

/** Tickets created in the window, as the baseline comparison counts them. */
function volume(m: Metrics): number {
  return m.deflected_tickets_vs_baseline.tickets_created;
}

/** What the baseline rate of tickets would have produced over this window; null without a baseline. */
export function baselineVolume(m: Metrics): number | null {
  const d = m.deflected_tickets_vs_baseline;
  return d.baseline_tickets_per_day === null ? null : d.baseline_tickets_per_day * d.days_in_window;
}

function valueOf(m: Metrics, key: KpiKey): number | null {
  return key === 'ticket_volume' ? volume(m) : rateValue(m, key).value;
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/**
 * Progress to a target: for "higher is better" value / target; for "lower is better" target / value
 * (halving the distance is not half-way, but a TAP of 40 % against a 20 % target reads as 50 %).
 */
export function progressToTarget(
  value: number | null,
  target: number | null,
  lowerIsBetter: boolean,
): number | null {
  if (value === null || target === null) return null;
  if (lowerIsBetter) return value <= target ? 1 : target / value;
  if (target <= 0 || value >= target) return 1;
  return Math.max(0, value / target);
}

export function trendOf(change: number | null, lowerIsBetter: boolean): Kpi['trend'] {
  if (change === null) return null;
  if (change === 0) return 'flat';
  return change < 0 === lowerIsBetter ? 'better' : 'worse';
}

function predictedOf(m: Metrics): number | null {
  return m.predicted_csat.status === 'ok' ? m.predicted_csat.value : null;
}

/**
 * The tiles for a window: its figures against the previous period of the same length and against
 * the baseline. Volume's baseline is the baseline rate of tickets over the window's days, not the
 * baseline period's own count, so windows of any length compare fairly.
 */
export function buildKpis(
  current: Metrics,
  previous: Metrics | null,
  baseline: Metrics | null,
  targets: Targets | null,
): Kpi[] {
  return KPI_KEYS.map((key) => {
    const spec = KPI_SPECS[key];
    const value = valueOf(current, key);
    const prev = previous ? valueOf(previous, key) : null;
    const base = key === 'ticket_volume' ? baselineVolume(current) : baseline ? valueOf(baseline, key) : null;
    const target = spec.target && targets ? targets[spec.target] : null;
    const change = diff(value, prev);
    return {
      key,
      kind: spec.kind,
      value,
      rate: key === 'ticket_volume' ? null : rateValue(current, key),
      previous: prev,
      change,
      baseline: base,
      changeVsBaseline: diff(value, base),
      trend: trendOf(change, spec.lowerIsBetter),
      target,
      progress: progressToTarget(value, target, spec.lowerIsBetter),
      predicted: key === 'csat' ? predictedOf(current) : null,
    };
  });
}
