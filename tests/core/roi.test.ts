import { computeRoi, deflectedPerMonth } from '../../src/core/roi';
import { DEFAULT_SETTINGS, type RoiInputs } from '../../src/core/settings';

const none: RoiInputs = {
  ...DEFAULT_SETTINGS.roi,
  cost_per_ticket: 0,
  hours_saved_per_week: 0,
  hourly_rate: 0,
};

describe('computeRoi', () => {
  it('1,000 tickets a month at $10 with 25 % deflection saves $2,500 a month and $30,000 a year', () => {
    const r = computeRoi({ ...none, cost_per_ticket: 10 }, deflectedPerMonth(1000, 0.25), 12);
    expect(r.support_savings_monthly).toBe(2500);
    expect(r.support_savings_yearly).toBe(30000);
    expect(r.gain).toBe(30000);
  });

  it('3 hours a week at $60 an hour is $9,360 a year', () => {
    const r = computeRoi({ ...none, hours_saved_per_week: 3, hourly_rate: 60 }, 0, 12);
    expect(r.labor_savings_yearly).toBe(9360);
    expect(r.labor_savings_monthly).toBe(780);
  });

  it('ROI % and breakeven month from subscription, implementation and yearly management', () => {
    // gain 2,500/month; cost 1,000/month + 6,000 up front + 1,200/year (100/month).
    const r = computeRoi(
      {
        ...none,
        cost_per_ticket: 10,
        subscription_per_month: 1000,
        implementation_cost: 6000,
        yearly_management_cost: 1200,
      },
      250,
      12,
    );
    expect(r.cost).toBe(1000 * 12 + 6000 + 1200);
    expect(r.roi_percent).toBeCloseTo(((30000 - 19200) / 19200) * 100, 10);
    // month m: 2500 m ≥ 6000 + 1100 m → m ≥ 4.29 → 5
    expect(r.breakeven_month).toBe(5);
    expect(r.series[4]).toEqual({ month: 5, cumulative_gain: 12500, cumulative_cost: 11500 });
    expect(r.series).toHaveLength(12);
  });

  it('no breakeven when savings never catch up; no ROI % when there is no cost', () => {
    expect(computeRoi({ ...none, subscription_per_month: 10 }, 0, 12).breakeven_month).toBeNull();
    expect(computeRoi({ ...none, cost_per_ticket: 10 }, 1, 12).roi_percent).toBeNull();
  });
});
