import type { RoiInputs } from './settings';

export interface RoiPoint {
  month: number;
  cumulative_gain: number;
  cumulative_cost: number;
}

export interface RoiResult {
  support_savings_monthly: number;
  support_savings_yearly: number;
  labor_savings_monthly: number;
  labor_savings_yearly: number;
  /** Savings over `months`. */
  gain: number;
  /** Portal cost over `months`: subscription × months + implementation + yearly management pro rata. */
  cost: number;
  /** (gain − cost) / cost × 100; null when the cost is 0 (any gain would be "infinite"). */
  roi_percent: number | null;
  /** First month (1-based) whose cumulative gain reaches cumulative cost; null if none within `months`. */
  breakeven_month: number | null;
  months: number;
  series: RoiPoint[];
}

/**
 * ROI of the portal (METRICS.md "ROI"). The implementation cost falls in month 1; the yearly
 * management cost is spread evenly over the months; savings accrue evenly per month.
 */
export function computeRoi(inputs: RoiInputs, deflectedTicketsPerMonth: number, months: number): RoiResult {
  const supportMonthly = deflectedTicketsPerMonth * inputs.cost_per_ticket;
  const laborYearly = inputs.hours_saved_per_week * inputs.hourly_rate * 52;
  const laborMonthly = laborYearly / 12;
  const gainMonthly = supportMonthly + laborMonthly;
  const costMonthly = inputs.subscription_per_month + inputs.yearly_management_cost / 12;
  const series: RoiPoint[] = [];
  let breakeven: number | null = null;
  for (let m = 1; m <= months; m++) {
    const gain = gainMonthly * m;
    const cost = inputs.implementation_cost + costMonthly * m;
    series.push({ month: m, cumulative_gain: gain, cumulative_cost: cost });
    if (breakeven === null && gain >= cost) breakeven = m;
  }
  const gain = gainMonthly * months;
  const cost = inputs.implementation_cost + costMonthly * months;
  return {
    support_savings_monthly: supportMonthly,
    support_savings_yearly: supportMonthly * 12,
    labor_savings_monthly: laborMonthly,
    labor_savings_yearly: laborYearly,
    gain,
    cost,
    roi_percent: cost === 0 ? null : ((gain - cost) / cost) * 100,
    breakeven_month: breakeven,
    months,
    series,
  };
}

/** Deflected tickets per month from a monthly ticket volume and a deflection share in [0, 1]. */
export function deflectedPerMonth(ticketsPerMonth: number, deflectionShare: number): number {
  return ticketsPerMonth * deflectionShare;
}
