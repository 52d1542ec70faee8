import { computeRoi, type RoiResult } from '../../../src/core/roi';
import type { Metrics } from '../../../src/core/report';
import type { RoiInputs } from '../../../src/core/settings';
import type { ScreenFigure } from './csv';

const DAYS_PER_MONTH = 365 / 12;
/** The chart's horizon: three years shows breakeven for most portals. */
export const ROI_MONTHS = 36;

export interface DeflectionEstimate {
  perMonth: number;
  /** Tickets below the baseline when there is one, else portal sessions that ended without a ticket. */
  source: 'baseline' | 'sessions';
}

/** Deflected tickets scaled from the window to a month. */
export function deflectedPerMonth(m: Metrics): DeflectionEstimate {
  const d = m.deflected_tickets_vs_baseline;
  const days = d.days_in_window;
  if (days <= 0) return { perMonth: 0, source: d.value === null ? 'sessions' : 'baseline' };
  if (d.value !== null) return { perMonth: (d.value / days) * DAYS_PER_MONTH, source: 'baseline' };
  const sessions = m.session_deflection_rate.numerator;
  return { perMonth: (sessions / days) * DAYS_PER_MONTH, source: 'sessions' };
}

/** Checks ROI inputs typed by a person: each a finite number ≥ 0, naming the first that is not. */
export function parseRoiInputs(raw: Record<keyof RoiInputs, string>): RoiInputs {
  const out = {} as RoiInputs;
  for (const [key, text] of Object.entries(raw) as Array<[keyof RoiInputs, string]>) {
    const n = Number(text.trim() === '' ? NaN : text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${key} must be a number ≥ 0 (got "${text}")`);
    out[key] = n;
  }
  return out;
}

export function roiFor(inputs: RoiInputs, m: Metrics): { estimate: DeflectionEstimate; result: RoiResult } {
  const estimate = deflectedPerMonth(m);
  return { estimate, result: computeRoi(inputs, estimate.perMonth, ROI_MONTHS) };
}

/**
 * The ROI tab as CSV rows: the inputs as typed (saved or not), the deflection estimate and where
 * it comes from, the results, and the month-by-month cumulative gain and cost the chart draws.
 */
export function roiCsvRows(inputs: RoiInputs, m: Metrics): ScreenFigure[] {
  const { estimate, result } = roiFor(inputs, m);
  const row = (section: string, metric: string, value: number | null): ScreenFigure => ({
    section,
    metric,
    value,
  });
  return [
    ...(Object.keys(inputs) as Array<keyof RoiInputs>).map((k) => row('roi_input', k, inputs[k])),
    row('roi', `deflected_tickets_per_month_from_${estimate.source}`, estimate.perMonth),
    row('roi', 'support_savings_monthly', result.support_savings_monthly),
    row('roi', 'support_savings_yearly', result.support_savings_yearly),
    row('roi', 'labor_savings_monthly', result.labor_savings_monthly),
    row('roi', 'labor_savings_yearly', result.labor_savings_yearly),
    row('roi', `gain_over_${result.months}_months`, result.gain),
    row('roi', `cost_over_${result.months}_months`, result.cost),
    row('roi', 'roi_percent', result.roi_percent),
    row('roi', 'breakeven_month', result.breakeven_month),
    ...result.series.flatMap((p) => [
      row('roi_month', `cumulative_gain_month_${p.month}`, p.cumulative_gain),
      row('roi_month', `cumulative_cost_month_${p.month}`, p.cumulative_cost),
    ]),
  ];
}
