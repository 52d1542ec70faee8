import fc from 'fast-check';
import { rate } from '../../src/core/dataset';
import { computeRoi } from '../../src/core/roi';
import type { Metrics } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import type { SeriesPoint } from '../../src/core/series';
import { formatChange, formatFigure, formatMoney } from '../../app/navbar/transforms/format';
import { buildKpis, KPI_KEYS, progressToTarget, trendOf } from '../../app/navbar/transforms/kpis';
import { deflectedPerMonth, parseRoiInputs, roiCsvRows, roiFor } from '../../app/navbar/transforms/roi';
import { screenCsv, toCsv } from '../../app/navbar/transforms/csv';
import { factorsByCost, nextSort, sortOf } from '../../app/navbar/transforms/accounts';
import { formFromSettings, patchFromForm } from '../../app/navbar/transforms/settings-form';
import { markersWithin, trendData } from '../../app/navbar/transforms/trend';
import {
  dayEnd,
  intervalFor,
  parseDay,
  previousPeriod,
  resolveWindow,
} from '../../app/navbar/transforms/window';

const DAY = 86_400_000;

/** A report with every figure at a neutral value; tests override what they look at. */
function metrics(over: Partial<Metrics> = {}): Metrics {
  const none = rate(0, 0);
  return {
    ticket_after_portal_rate: none,
    session_deflection_rate: none,
    self_service_resolution_rate: none,
    self_service_score: none,
    deflected_tickets_vs_baseline: {
      value: null,
      baseline_tickets_per_day: null,
      baseline_source: 'none',
      days_in_window: 30,
      tickets_created: 0,
    },
    search_success_rate: none,
    zero_result_rate: none,
    content_gaps: [],
    dau: 0,
    wau: 0,
    mau: 0,
    active_account_share: none,
    return_visit_rate: none,
    feature_utilization: {} as Metrics['feature_utilization'],
    median_session_minutes: null,
    mobile_share: none,
    fcr: none,
    zero_touch_tickets: none,
    reopen_rate: none,
    csat: none,
    median_first_reply_minutes: null,
    median_full_resolution_minutes: null,
    escalation_rate: none,
    repeat_request_rate: none,
    predicted_csat: { status: 'unavailable', reason: 'none' },
    ...over,
  };
}

describe('windows', () => {
  const anchor = Date.UTC(2026, 10, 1);
  it('presets end at the anchor and span their days', () => {
    expect(resolveWindow({ kind: 'preset', preset: '30d' }, anchor)).toEqual({
      from: Date.UTC(2026, 9, 2),
      to: anchor,
    });
  });
  it('a custom range includes its last day and rejects a reversed or impossible range', () => {
    expect(resolveWindow({ kind: 'custom', from: '2026-10-01', to: '2026-10-31' }, anchor)).toEqual({
      from: Date.UTC(2026, 9, 1),
      to: Date.UTC(2026, 10, 1),
    });
    expect(() => resolveWindow({ kind: 'custom', from: '2026-10-05', to: '2026-10-01' }, anchor)).toThrow(
      /ends .* before it starts/,
    );
    expect(() => parseDay('2026-02-30')).toThrow(/not a calendar date/);
    expect(() => parseDay('yesterday')).toThrow(/not a date/);
  });
  it('dayEnd is the next UTC midnight; the previous period abuts and matches in length', () => {
    expect(dayEnd(Date.UTC(2026, 9, 31, 23, 59))).toBe(anchor);
    expect(dayEnd(anchor)).toBe(anchor + DAY);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4e12 }), fc.integer({ min: 1, max: 1e11 }), (from, len) => {
        const p = previousPeriod({ from, to: from + len });
        return p.to === from && p.to - p.from === len;
      }),
    );
  });
  it('draws days up to three months, weeks beyond', () => {
    expect(intervalFor({ from: 0, to: 90 * DAY })).toBe('day');
    expect(intervalFor({ from: 0, to: 365 * DAY })).toBe('week');
  });
});

describe('KPI tiles', () => {
  it('compares with the previous period and the baseline, and judges the direction', () => {
    const current = metrics({
      ticket_after_portal_rate: rate(30, 100),
      csat: rate(80, 100),
      predicted_csat: {
        status: 'ok',
        value: 0.78,
        tickets: 90,
        auc: 0.8,
        trained_on: 500,
        held_out: 125,
        calibration: [],
      },
      deflected_tickets_vs_baseline: {
        value: 100,
        baseline_tickets_per_day: 20,
        baseline_source: 'explicit',
        days_in_window: 30,
        tickets_created: 500,
      },
    });
    const previous = metrics({ ticket_after_portal_rate: rate(40, 100), csat: rate(90, 100) });
    const baseline = metrics({ ticket_after_portal_rate: rate(50, 100) });
    const targets = { ...DEFAULT_SETTINGS.targets, ticket_after_portal_rate: 0.15, csat: 0.9 };
    const kpis = buildKpis(current, previous, baseline, targets);
    expect(kpis.map((k) => k.key)).toEqual([...KPI_KEYS]);
    const tap = kpis.find((k) => k.key === 'ticket_after_portal_rate')!;
    expect(tap.value).toBeCloseTo(0.3);
    expect(tap.change).toBeCloseTo(-0.1);
    expect(tap.changeVsBaseline).toBeCloseTo(-0.2);
    expect(tap.trend).toBe('better');
    expect(tap.progress).toBeCloseTo(0.5);
    const csat = kpis.find((k) => k.key === 'csat')!;
    expect(csat.trend).toBe('worse');
    expect(csat.predicted).toBe(0.78);
    expect(csat.progress).toBeCloseTo(0.8 / 0.9);
    const volume = kpis.find((k) => k.key === 'ticket_volume')!;
    expect(volume).toMatchObject({ value: 500, baseline: 600, changeVsBaseline: -100, target: null });
  });
  it('leaves unknowns unknown instead of showing 0', () => {
    const [tap] = buildKpis(metrics(), null, null, null);
    expect(tap).toMatchObject({ value: null, change: null, baseline: null, trend: null, progress: null });
  });
  it('progress stays in [0, 1] and is 1 exactly when the target is met', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.boolean(),
        (value, target, lower) => {
          const p = progressToTarget(value, target, lower)!;
          const met = lower ? value <= target : value >= target;
          return p >= 0 && p <= 1 && (p === 1) === met;
        },
      ),
    );
    expect(trendOf(0, true)).toBe('flat');
  });
});

describe('trend chart data', () => {
  const point = (day: number, value: number | null, inProgress = false): SeriesPoint => ({
    from: new Date(Date.UTC(2026, 9, day)).toISOString(),
    to: new Date(Date.UTC(2026, 9, day + 1)).toISOString(),
    value,
    in_progress: inProgress,
  });
  it('splits the in-progress tail off, joined to the last finished point', () => {
    const d = trendData([point(1, 0.2), point(2, 0.3), point(3, 0.5, true)], 0.25);
    expect(d.xs).toEqual([
      Date.UTC(2026, 9, 1) / 1000,
      Date.UTC(2026, 9, 2) / 1000,
      Date.UTC(2026, 9, 3) / 1000,
    ]);
    expect(d.done).toEqual([0.2, 0.3, null]);
    expect(d.inProgress).toEqual([null, 0.3, 0.5]);
    expect(d.target).toEqual([0.25, 0.25, 0.25]);
  });
  it('has no target line without a target and keeps gaps as gaps', () => {
    const d = trendData([point(1, null), point(2, 0.4)], null);
    expect(d.target).toBeNull();
    expect(d.done).toEqual([null, 0.4]);
    expect(d.inProgress).toEqual([null, null]);
  });
  it('keeps only markers inside the range', () => {
    expect(
      markersWithin(
        [
          { at: 1000, label: 'a' },
          { at: 5000, label: 'b' },
        ],
        0,
        5000,
      ),
    ).toEqual([{ x: 1, label: 'a' }]);
  });
});

describe('ROI', () => {
  /** METRICS.md's worked example: 250 tickets a month below the baseline. */
  const workedExample = () =>
    metrics({
      deflected_tickets_vs_baseline: {
        value: 250 * (30 / (365 / 12)),
        baseline_tickets_per_day: 1000 / 30,
        baseline_source: 'explicit',
        days_in_window: 30,
        tickets_created: 1000 - 250,
      },
    });

  it("matches METRICS.md's worked example: 250 deflected a month at $10 is $2,500 a month", () => {
    const m = workedExample();
    const inputs = { ...DEFAULT_SETTINGS.roi, cost_per_ticket: 10, hours_saved_per_week: 3, hourly_rate: 60 };
    const { estimate, result } = roiFor(inputs, m);
    expect(estimate.source).toBe('baseline');
    expect(estimate.perMonth).toBeCloseTo(250);
    expect(result.support_savings_monthly).toBeCloseTo(2500);
    expect(result.support_savings_yearly).toBeCloseTo(30000);
    expect(result.labor_savings_yearly).toBeCloseTo(9360);
    expect(result).toEqual(computeRoi(inputs, estimate.perMonth, 36));
  });
  it('without a baseline, counts sessions that ended without a ticket', () => {
    const m = metrics({ session_deflection_rate: rate(60, 100) });
    expect(deflectedPerMonth(m)).toEqual({ perMonth: (60 / 30) * (365 / 12), source: 'sessions' });
  });
  it('exports the inputs, the estimate with its source, the results and the chart as CSV rows', () => {
    const m = workedExample();
    const inputs = {
      ...DEFAULT_SETTINGS.roi,
      cost_per_ticket: 10,
      subscription_per_month: 500,
      implementation_cost: 0,
      yearly_management_cost: 0,
      hours_saved_per_week: 3,
      hourly_rate: 60,
    };
    const rows = roiCsvRows(inputs, m);
    const value = (metric: string) => rows.find((r) => r.metric === metric)?.value;
    expect(rows.filter((r) => r.section === 'roi_input')).toHaveLength(6);
    expect(value('subscription_per_month')).toBe(500);
    expect(value('deflected_tickets_per_month_from_baseline')).toBeCloseTo(250);
    expect(value('support_savings_monthly')).toBeCloseTo(2500);
    // 3 h a week × $60 × 52 weeks.
    expect(value('labor_savings_yearly')).toBeCloseTo(9360);
    // 36 months of ($2,500 + $780) against 36 × $500.
    expect(value('gain_over_36_months')).toBeCloseTo(118_080);
    expect(value('cost_over_36_months')).toBeCloseTo(18_000);
    expect(value('roi_percent')).toBeCloseTo(556);
    expect(value('breakeven_month')).toBe(1);
    expect(value('cumulative_gain_month_36')).toBeCloseTo(118_080);
    expect(rows.filter((r) => r.section === 'roi_month')).toHaveLength(72);
  });
  it('parses typed inputs and names the bad one', () => {
    const raw = {
      cost_per_ticket: '12.5',
      subscription_per_month: '99',
      implementation_cost: '0',
      yearly_management_cost: '1200',
      hours_saved_per_week: '3',
      hourly_rate: '60',
    };
    expect(parseRoiInputs(raw)).toMatchObject({ cost_per_ticket: 12.5, yearly_management_cost: 1200 });
    expect(() => parseRoiInputs({ ...raw, hourly_rate: '-1' })).toThrow(/hourly_rate must be a number ≥ 0/);
    expect(() => parseRoiInputs({ ...raw, cost_per_ticket: '' })).toThrow(/cost_per_ticket/);
  });
});

describe('CSV', () => {
  it('quotes, neutralises formulas and leaves unknowns empty', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', '=1+1'],
          [null, 0.5],
        ],
      ),
    ).toBe('a,b\r\n"x,y",\'=1+1\r\n,0.5\r\n');
  });
  it('writes one row per figure with the window', () => {
    const csv = screenCsv([{ section: 'kpi', metric: 'fcr', value: 0.5, numerator: 1, denominator: 2 }], {
      from: 'F',
      to: 'T',
      dataAsOf: null,
    });
    expect(csv.split('\r\n')[1]).toBe('kpi,fcr,0.5,1,2,,,,F,T,');
  });
});

describe('formatting', () => {
  it('shows shares as %, ratios with ×, changes signed in points', () => {
    expect(formatFigure(0.255, 'percent', 'en')).toBe('25.5%');
    expect(formatFigure(1.8, 'ratio', 'en')).toBe('1.8×');
    expect(formatFigure(null, 'count', 'en')).toBe('–');
    expect(formatChange(-0.1, 'percent', 'en')).toBe('−10 pp');
    expect(formatChange(12, 'count', 'en')).toBe('+12');
    expect(formatMoney(2500, 'en', 'USD')).toBe('$2,500');
  });
});

describe('settings form', () => {
  it('round-trips settings through the form: targets in %, days as dates', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      targets: { ...DEFAULT_SETTINGS.targets, ticket_after_portal_rate: 0.2, self_service_score: 1.5 },
      baseline: { tickets_per_day: null, from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 3, 1) },
      portal_launch_date: Date.UTC(2026, 3, 1),
    };
    const form = formFromSettings(settings);
    expect(form.targets.ticket_after_portal_rate).toBe('20');
    expect(form.targets.self_service_score).toBe('1.5');
    expect(form.baseline_from).toBe('2026-01-01');
    expect(patchFromForm(form)).toEqual({
      targets: settings.targets,
      health_weights: settings.health_weights,
      baseline: settings.baseline,
      portal_launch_date: settings.portal_launch_date,
    });
  });
  it('names the bad field', () => {
    const form = formFromSettings(DEFAULT_SETTINGS);
    expect(() => patchFromForm({ ...form, targets: { ...form.targets, fcr: '120' } })).toThrow(/targets.fcr/);
    expect(() => patchFromForm({ ...form, baseline_from: '2026-01-01' })).toThrow(/both a start and an end/);
    expect(() => patchFromForm({ ...form, weights: { ...form.weights, backlog: '' } })).toThrow(
      /health_weights.backlog is required/,
    );
  });
});

describe('accounts table', () => {
  it('sorts by a column, then reverses it on a second click', () => {
    expect(nextSort('score', 'name')).toBe('name');
    expect(nextSort('name', 'name')).toBe('-name');
    expect(nextSort('-name', 'name')).toBe('name');
    expect(sortOf('-score', 'score')).toBe('desc');
    expect(sortOf('-score', 'name')).toBeUndefined();
  });
  it('puts the costliest factors first', () => {
    const f = (key: 'csat' | 'backlog' | 'sentiment', value: number | null, weight: number) => ({
      key,
      value,
      weight,
      points: 0,
      account_figure: null,
      tenant_figure: null,
      unit: 'rate' as const,
    });
    expect(
      factorsByCost([f('csat', 0.9, 25), f('backlog', 0.2, 10), f('sentiment', null, 15)]).map((x) => x.key),
    ).toEqual(['backlog', 'csat', 'sentiment']);
  });
});
