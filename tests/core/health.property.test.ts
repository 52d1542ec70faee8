import fc from 'fast-check';
import type { Dataset } from '../../src/core/dataset';
import {
  accountHealth,
  accountHealthOf,
  accountKeyFigures,
  accountTrend,
  FALLING_SLOPE,
  healthTrends,
  slopePerWeek,
  trendTimes,
} from '../../src/core/health';
import { healthFigures } from '../../src/core/health/accumulate';
import { prepareDataset } from '../../src/core/prepare';
import type { PortalEvent, Ticket } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { activitySummary } from '../../src/core/summary';
import { account, DAY, ev, MIN, person, T0, ticket } from './fixtures';

const AS_OF = T0 + 150 * DAY;
const ACCOUNTS = ['a1', 'a2', 'a3'];
const PEOPLE = ['p1', 'p2', 'p3', 'p4'];
const noModel = () => ({ model: { status: 'unavailable' as const, reason: 'test' }, predictions: null });

const ticketArb: fc.Arbitrary<Ticket> = fc
  .record({
    requester: fc.constantFrom(...PEOPLE),
    account: fc.option(fc.constantFrom(...ACCOUNTS)),
    day: fc.integer({ min: 0, max: 149 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    solvedAfter: fc.option(fc.integer({ min: 1, max: 20 * 24 * 60 })),
    replies: fc.integer({ min: 0, max: 3 }),
    reopens: fc.integer({ min: 0, max: 2 }),
    sat: fc.constantFrom('good' as const, 'bad' as const, 'offered' as const, 'unoffered' as const),
    priority: fc.constantFrom('normal' as const, 'urgent' as const),
    text: fc.constantFrom('', 'Thanks, great help', 'This is terrible and broken', 'Cannot log in'),
  })
  .map((r) => {
    const created = T0 + r.day * DAY + r.minute * MIN;
    return ticket('', r.requester, created, {
      account_id: r.account,
      solved_at: r.solvedAfter === null ? null : created + r.solvedAfter * MIN,
      full_resolution_minutes: r.solvedAfter,
      status: r.solvedAfter === null ? 'open' : 'solved',
      agent_replies: r.replies,
      reopens: r.reopens,
      satisfaction: r.solvedAfter === null ? 'unoffered' : r.sat,
      priority: r.priority,
      subject: r.text,
    });
  });

const eventArb: fc.Arbitrary<PortalEvent> = fc
  .record({
    type: fc.constantFrom('search' as const, 'article_view' as const, 'page_view' as const),
    day: fc.integer({ min: 0, max: 149 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    visitor: fc.constantFrom('v1', 'v2', 'v3'),
    person: fc.option(fc.constantFrom(...PEOPLE)),
  })
  .map((r) => ev(r.type, T0 + r.day * DAY + r.minute * MIN, r.visitor, { person_id: r.person }));

const datasetArb: fc.Arbitrary<Dataset> = fc
  .record({
    tickets: fc.array(ticketArb, { maxLength: 40 }),
    events: fc.array(eventArb, { maxLength: 30 }),
  })
  .map(({ tickets, events }) => ({
    accounts: ACCOUNTS.map((id) => account(id)),
    persons: PEOPLE.map((id, i) => person(id, ACCOUNTS[i % ACCOUNTS.length] as string)),
    tickets: tickets.map((t, i) => ({ ...t, id: `t${i}` })),
    events,
  }));

const healthOf = (d: Dataset) =>
  accountHealth(prepareDataset(d, DEFAULT_SETTINGS, noModel), DEFAULT_SETTINGS, AS_OF);

describe('account health properties', () => {
  it('adds the points of the factors up to the score, and keeps scores and values in range', () => {
    fc.assert(
      fc.property(datasetArb, (d) => {
        for (const h of healthOf(d)) {
          let sum = 0;
          for (const f of h.factors) sum += f.points;
          expect(h.score ?? 0).toBe(sum);
          if (h.score !== null) {
            expect(h.score).toBeGreaterThanOrEqual(0);
            expect(h.score).toBeLessThanOrEqual(100 + 1e-9);
          }
          for (const f of h.factors) if (f.value !== null) expect(f.value >= 0 && f.value <= 1).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never raises any account’s health when a ticket gets a bad rating', () => {
    fc.assert(
      fc.property(datasetArb, fc.nat(), (d, pick) => {
        const unrated = d.tickets.filter(
          (t) => t.solved_at !== null && (t.satisfaction === 'offered' || t.satisfaction === 'unoffered'),
        );
        fc.pre(unrated.length > 0);
        const target = unrated[pick % unrated.length] as Ticket;
        const before = healthOf(d);
        const after = healthOf({
          ...d,
          tickets: d.tickets.map((t) => (t === target ? { ...t, satisfaction: 'bad' as const } : t)),
        });
        after.forEach((h, i) => {
          const was = before[i]?.score ?? null;
          if (h.score !== null && was !== null) expect(h.score).toBeLessThanOrEqual(was + 1e-9);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same health, trend and summary whatever the input order', () => {
    fc.assert(
      fc.property(datasetArb, fc.integer(), (d, seed) => {
        const shuffled: Dataset = {
          accounts: shuffle(d.accounts, seed),
          persons: shuffle(d.persons, seed + 1),
          tickets: shuffle(d.tickets, seed + 2),
          events: shuffle(d.events, seed + 3),
        };
        const p1 = prepareDataset(d, DEFAULT_SETTINGS, noModel);
        const p2 = prepareDataset(shuffled, DEFAULT_SETTINGS, noModel);
        expect(accountHealth(p2, DEFAULT_SETTINGS, AS_OF)).toEqual(
          accountHealth(p1, DEFAULT_SETTINGS, AS_OF),
        );
        expect(healthTrends(p2, DEFAULT_SETTINGS, AS_OF)).toEqual(healthTrends(p1, DEFAULT_SETTINGS, AS_OF));
        for (const id of ACCOUNTS)
          expect(activitySummary(p2, id, AS_OF)).toEqual(activitySummary(p1, id, AS_OF));
      }),
      { numRuns: 60 },
    );
  });
});

describe('the shared-pass trend and the one-account path', () => {
  it('equal the straightforward computation: accountHealth of the whole tenant at each week', () => {
    fc.assert(
      fc.property(datasetArb, fc.integer({ min: 0, max: 60 }), (d, shiftDays) => {
        const asOf = AS_OF - shiftDays * DAY;
        // Separate preparations, so no path reads tenant totals another one cached.
        const fast = healthTrends(prepareDataset(d, DEFAULT_SETTINGS, noModel), DEFAULT_SETTINGS, asOf);
        const single = prepareDataset(d, DEFAULT_SETTINGS, noModel);
        const reference = prepareDataset(d, DEFAULT_SETTINGS, noModel);
        const weeks = trendTimes(asOf).map((at) => accountHealth(reference, DEFAULT_SETTINGS, at));
        const now = weeks.at(-1) as ReturnType<typeof accountHealth>;
        for (const id of ACCOUNTS) {
          const points = trendTimes(asOf).map((at, k) => ({
            at: new Date(at).toISOString(),
            score: weeks[k]?.find((h) => h.account_id === id)?.score ?? null,
          }));
          const slope = slopePerWeek(points);
          const expected = {
            points,
            slope_per_week: slope,
            falling: slope !== null && slope <= -FALLING_SLOPE,
          };
          expect(fast.get(id)).toEqual(expected);
          expect(accountTrend(single, DEFAULT_SETTINGS, id, asOf)).toEqual(expected);
          expect(accountHealthOf(single, DEFAULT_SETTINGS, id, asOf)).toEqual(
            now.find((h) => h.account_id === id),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads one account’s key figures from its own rows as the whole-tenant scan counts them', () => {
    fc.assert(
      fc.property(datasetArb, (d) => {
        const p = prepareDataset(d, DEFAULT_SETTINGS, noModel);
        const f = healthFigures(
          prepareDataset(d, DEFAULT_SETTINGS, noModel),
          DEFAULT_SETTINGS.health_window_days,
          AS_OF,
        );
        for (const id of ACCOUNTS) {
          const a = p.accountIndex.get(id) as number;
          const k = accountKeyFigures(p, DEFAULT_SETTINGS, id, AS_OF);
          const oldest = f.oldestOpen[a] as number;
          expect(k).toMatchObject({
            open_tickets: f.open[a],
            urgent_open_tickets: f.urgentOpen[a],
            oldest_open_days: oldest === Infinity ? null : (AS_OF - oldest) / DAY,
            active_portal_users: f.activeUsers[a],
            tickets_in_window: f.created[a],
          });
          expect(k?.csat.numerator).toBe(f.good[a]);
          expect(k?.ticket_after_portal_rate.denominator).toBe(f.helpSeeking[a]);
        }
      }),
      { numRuns: 60 },
    );
  });
});

/** A deterministic Fisher–Yates shuffle, so a failing case replays. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = xs.slice();
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
