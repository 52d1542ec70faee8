import type { Dataset } from '../../src/core/dataset';
import {
  accountHealth,
  accountHealthOf,
  accountKeyFigures,
  accountTrend,
  bandOf,
  slopePerWeek,
  type AccountHealth,
} from '../../src/core/health';
import { anchoredUp, logRatio, zScore } from '../../src/core/health/factors';
import { prepareDataset, type PreparedDataset } from '../../src/core/prepare';
import type { Ticket } from '../../src/core/records';
import { DEFAULT_SETTINGS, type Settings } from '../../src/core/settings';
import { account, DAY, MIN, solvedTicket, T0, ticket } from './fixtures';

const AS_OF = T0 + 200 * DAY;
const noModel = () => ({ model: { status: 'unavailable' as const, reason: 'test' }, predictions: null });
const prepare = (d: Dataset): PreparedDataset => prepareDataset(d, DEFAULT_SETTINGS, noModel);

const solved = (id: string, acc: string, created: number, minutes: number, extra: Partial<Ticket> = {}) =>
  solvedTicket(id, `r-${acc}`, created, {
    account_id: acc,
    solved_at: created + minutes * MIN,
    full_resolution_minutes: minutes,
    ...extra,
  });

/**
 * a1: 9 tickets 100–92 days before asOf (the data starts there, so the prior period covers 70
 * days), then in the window t1 (1 reply, good, 60 min), t2 (2 replies, reopened, bad, 120 min)
 * and t3 (urgent, open, 8 days old). a2: one ticket in the window (good, 30 min). a3: one ticket
 * in the prior period only. a4: no tickets.
 */
function tiny(): Dataset {
  const prior = Array.from({ length: 9 }, (_, k) => solved(`p${k}`, 'a1', AS_OF - (100 - k) * DAY, 60));
  return {
    accounts: ['a1', 'a2', 'a3', 'a4'].map((id) => account(id)),
    persons: [],
    tickets: [
      ...prior,
      solved('t1', 'a1', AS_OF - 10 * DAY, 60, { satisfaction: 'good' }),
      solved('t2', 'a1', AS_OF - 9 * DAY, 120, { satisfaction: 'bad', agent_replies: 2, reopens: 1 }),
      ticket('t3', 'r-a1', AS_OF - 8 * DAY, { account_id: 'a1', priority: 'urgent' }),
      solved('u1', 'a2', AS_OF - 5 * DAY, 30, { satisfaction: 'good' }),
      solved('v1', 'a3', AS_OF - 60 * DAY, 60),
    ],
    events: [],
  };
}

const factor = (h: AccountHealth, key: string) => {
  const f = h.factors.find((x) => x.key === key);
  if (!f) throw new Error(`no factor ${key}`);
  return f;
};

describe('account health on a hand-worked tenant', () => {
  const p = prepare(tiny());
  const all = accountHealth(p, DEFAULT_SETTINGS, AS_OF);
  const a1 = all.find((h) => h.account_id === 'a1') as AccountHealth;
  const a2 = all.find((h) => h.account_id === 'a2') as AccountHealth;

  it('scores CSAT as good/(good+bad) shrunk by 2 pseudo-ratings toward the tenant CSAT 2/3', () => {
    expect(factor(a1, 'csat').value).toBeCloseTo((1 + 2 * (2 / 3)) / (2 + 2), 12);
    expect(factor(a2, 'csat').value).toBeCloseTo((1 + 2 * (2 / 3)) / (1 + 2), 12);
    expect(factor(a1, 'csat')).toMatchObject({ account_figure: 0.5, unit: 'rate' });
    expect(factor(a1, 'csat').tenant_figure).toBeCloseTo(2 / 3, 12);
  });

  it("compares the account's volume change (+1 ticket each period) with the tenant's", () => {
    // Tenant: 4 tickets in the window, 10 in the 70 prior days (a1's 9 and a3's 1).
    const tenantChange = 4 / 30 / (10 / 70);
    const a1Change = (3 + 1) / 30 / ((9 + 1) / 70);
    const a2Change = (1 + 1) / 30 / ((0 + 1) / 70);
    expect(factor(a1, 'volume_trend').value).toBeCloseTo(
      0.75 - 0.25 * Math.log2(a1Change / tenantChange),
      12,
    );
    // a2 rose five times as fast as the tenant: past four times the factor is 0.
    expect(a2Change / tenantChange).toBeCloseTo(5, 12);
    expect(factor(a2, 'volume_trend').value).toBe(0);
    expect(factor(a1, 'volume_trend').account_figure).toBeCloseTo(3 / 30, 12);
    expect(factor(a1, 'volume_trend').tenant_figure).toBeCloseTo((9 / 70) * tenantChange, 12);
  });

  it('reads FCR and reopens shrunk by 3 pseudo-tickets at the tenant rates, as their mean', () => {
    // Tenant: FCR 2/3, reopen rate 1/3. a1: FCR (1 + 3·2/3)/5 = 0.6 and reopens (1 + 3·1/3)/5 = 0.4.
    expect(factor(a1, 'fcr_reopens').value).toBeCloseTo(0.75 * (0.6 / (2 / 3)), 12);
    // a2: FCR (1 + 2)/4 = 0.75 and reopens 1/4: both 0.75 + 0.25 · (0.75 − 2/3) / (1/3).
    expect(factor(a2, 'fcr_reopens').value).toBeCloseTo(0.8125, 12);
  });

  it('compares the median resolution with the tenant median (60 min) on a log scale', () => {
    expect(factor(a1, 'resolution_time')).toMatchObject({ account_figure: 90, tenant_figure: 60 });
    expect(factor(a1, 'resolution_time').value).toBeCloseTo(0.75 - 0.375 * Math.log2(1.5 ** (2 / 5)), 12);
    expect(factor(a2, 'resolution_time').value).toBeCloseTo(0.75 + 0.25 * 0.25, 12);
  });

  it('weighs open tickets by urgency and age; none open is 1', () => {
    // t3: urgent (×2), 8 days old (1 + 8/7). Tenant load per ticket 30/7 / 4.
    const load = 2 * (1 + 8 / 7);
    const tenant = load / 4;
    const own = (load + 3 * tenant) / (3 + 3);
    expect(factor(a1, 'backlog').value).toBeCloseTo(0.75 - 0.375 * Math.log2(own / tenant), 12);
    expect(factor(a1, 'backlog').account_figure).toBe(1);
    expect(factor(a2, 'backlog').value).toBe(1);
  });

  it('scores portal engagement from self-service resolution and users per ticket', () => {
    // No portal at all: self-service 0 like the tenant (typical), users (0+1)/(3+1) vs (0+1)/(4+1).
    expect(factor(a1, 'portal_engagement').value).toBeCloseTo((0.75 + 0.75 + 0.25 * Math.log2(1.25)) / 2, 12);
  });

  it('adds the points up to the score, renormalizing over the factors with data', () => {
    for (const h of all) {
      const sum = h.factors.reduce((s, f) => s + f.points, 0);
      expect(h.score === null ? 0 : h.score).toBe(sum);
    }
    const expected = a1.factors.reduce((s, f) => s + f.weight * (f.value as number), 0);
    expect(a1.score).toBeCloseTo(expected, 10);
    // a3 has only the volume factor: it carries the whole score.
    const a3 = all.find((h) => h.account_id === 'a3') as AccountHealth;
    expect(a3.factors.filter((f) => f.value !== null).map((f) => f.key)).toEqual(['volume_trend']);
    expect(a3.score).toBeCloseTo(100 * (factor(a3, 'volume_trend').value as number), 12);
    // a4 has no data: no score, no band.
    expect(all.find((h) => h.account_id === 'a4')).toMatchObject({
      score: null,
      band: null,
      top_factor: null,
    });
  });

  it('names the factor that costs the most points', () => {
    const lost = a1.factors
      .filter((f) => f.value !== null)
      .map((f) => [f.key, f.weight * (1 - (f.value as number))] as const)
      .sort((x, y) => y[1] - x[1]);
    expect(a1.top_factor).toBe(lost[0]?.[0]);
  });

  it('takes the weights from settings', () => {
    const onlyCsat: Settings = {
      ...DEFAULT_SETTINGS,
      health_weights: {
        csat: 1,
        volume_trend: 0,
        sentiment: 0,
        fcr_reopens: 0,
        resolution_time: 0,
        backlog: 0,
        portal_engagement: 0,
      },
    };
    const h = accountHealthOf(p, onlyCsat, 'a1', AS_OF) as AccountHealth;
    expect(h.score).toBeCloseTo(100 * (factor(a1, 'csat').value as number), 12);
    expect(() =>
      accountHealth(p, { ...onlyCsat, health_weights: { ...onlyCsat.health_weights, csat: -1 } }, AS_OF),
    ).toThrow(/health weight "csat"/);
  });

  it('gives the key figures of the window', () => {
    expect(accountKeyFigures(p, DEFAULT_SETTINGS, 'a1', AS_OF)).toEqual({
      open_tickets: 1,
      urgent_open_tickets: 1,
      oldest_open_days: 8,
      csat: { value: 0.5, numerator: 1, denominator: 2 },
      predicted_csat: null,
      fcr: { value: 0.5, numerator: 1, denominator: 2 },
      ticket_after_portal_rate: { value: null, numerator: 0, denominator: 0 },
      active_portal_users: 0,
      tickets_in_window: 3,
      baseline_tickets: (9 / 70) * 30,
    });
    expect(accountKeyFigures(p, DEFAULT_SETTINGS, 'nope', AS_OF)).toBeNull();
  });

  it('draws a weekly trend over 90 days ending at asOf', () => {
    const t = accountTrend(p, DEFAULT_SETTINGS, 'a1', AS_OF);
    expect(t?.points).toHaveLength(13);
    expect(t?.points.at(-1)).toEqual({ at: new Date(AS_OF).toISOString(), score: a1.score });
    expect(t?.points[0]?.at).toBe(new Date(AS_OF - 84 * DAY).toISOString());
    expect(accountTrend(p, DEFAULT_SETTINGS, 'nope', AS_OF)).toBeNull();
  });

  it('rejects a window that is not a positive number of days', () => {
    expect(() => accountHealth(p, { ...DEFAULT_SETTINGS, health_window_days: 0 }, AS_OF)).toThrow(
      /health_window_days/,
    );
  });
});

describe('scoring functions', () => {
  it('put the tenant figure at 0.75 and the ends at 0 and 1', () => {
    expect(anchoredUp(0, 0.8)).toBe(0);
    expect(anchoredUp(0.8, 0.8)).toBe(0.75);
    expect(anchoredUp(1, 0.8)).toBe(1);
    expect(anchoredUp(0.4, 0.8)).toBeCloseTo(0.375, 12);
    expect(logRatio(1, true)).toBe(0.75);
    expect(logRatio(2, true)).toBe(1);
    expect(logRatio(0.5, true)).toBe(0.375);
    expect(logRatio(4, false)).toBe(0);
    expect(zScore(0)).toBe(0.75);
    expect(zScore(1)).toBe(1);
    expect(zScore(-2)).toBe(0);
  });

  it('bands at 70 and 40', () => {
    expect([bandOf(70), bandOf(69.99), bandOf(40), bandOf(39.99)]).toEqual([
      'healthy',
      'watch',
      'watch',
      'at_risk',
    ]);
  });

  it('fits the slope in points per week', () => {
    const pts = [0, 1, 2, 3].map((k) => ({
      at: new Date(T0 + k * 7 * DAY).toISOString(),
      score: 80 - 2 * k,
    }));
    expect(slopePerWeek(pts)).toBeCloseTo(-2, 12);
    expect(slopePerWeek(pts.slice(0, 3))).toBeNull();
  });
});
