import fc from 'fast-check';
import { emptyDataset, type Segment } from '../../src/core/dataset';
import { orderByKey } from '../../src/core/order';
import { prepareDataset } from '../../src/core/prepare';
import { normalizeQuery } from '../../src/core/queries';
import { PORTAL_EVENT_TYPES, type PortalEvent, type Ticket } from '../../src/core/records';
import { computeReport } from '../../src/core/report';
import { buildSessions, visitorKey } from '../../src/core/sessions';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { median, medianInPlace, RangeSelect } from '../../src/core/stats';
import { account, DAY, ev, MIN, person, T0, ticket } from './fixtures';

describe('orderByKey', () => {
  const keys = fc.oneof(
    // Epoch-ms-like integers (radix path), with many ties.
    fc.array(
      fc.integer({ min: 0, max: 40 }).map((k) => T0 + k * 1_000_003),
      { maxLength: 300 },
    ),
    // Wide integer range and negatives.
    fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 300 }),
    // Fractions (comparison path).
    fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 300 }),
  );

  it('is a stable sort by key, and orders ties by the tie-break when given', () => {
    fc.assert(
      fc.property(keys, fc.boolean(), (list, withTie) => {
        const key = Float64Array.from(list);
        const tie = (a: number, b: number): number => (a % 3) - (b % 3) || a - b;
        const expected = list
          .map((_, i) => i)
          .sort((a, b) => (key[a] as number) - (key[b] as number) || (withTie ? tie(a, b) : a - b));
        expect(Array.from(orderByKey(key, withTie ? tie : undefined))).toEqual(expected);
      }),
    );
  });
});

describe('RangeSelect', () => {
  // Long enough to span several 2,048-value blocks, so whole blocks and partial ends both count.
  const values = fc
    .record({
      length: fc.integer({ min: 0, max: 7_000 }),
      seed: fc.integer(),
      spread: fc.constantFrom(3, 1000, 1e9),
      nanEvery: fc.constantFrom(0, 2, 7),
    })
    .map(({ length, seed, spread, nanEvery }) => {
      let x = seed >>> 0;
      return Float64Array.from({ length }, (_, i) => {
        x = (Math.imul(x, 1_103_515_245) + 12_345) >>> 0;
        return nanEvery > 0 && i % nanEvery === 0 ? NaN : (x % spread) / 7;
      });
    });

  it('gives the median of any range that sorting the range gives', () => {
    fc.assert(
      fc.property(values, fc.nat(), fc.nat(), (v, a, b) => {
        const from = v.length === 0 ? 0 : a % (v.length + 1);
        const to = v.length === 0 ? 0 : from + (b % (v.length - from + 1));
        const present = Array.from(v.subarray(from, to)).filter((x) => !Number.isNaN(x));
        expect(new RangeSelect(v).median(from, to)).toBe(median(present));
        expect(medianInPlace(Float64Array.from(present), present.length)).toBe(median(present));
      }),
      { numRuns: 60 },
    );
  });
});

describe('prepared report against a direct computation from the sessions', () => {
  const people = ['p1', 'p2', 'p3', 'p4'];
  const eventArb: fc.Arbitrary<PortalEvent> = fc
    .record({
      type: fc.constantFrom(...PORTAL_EVENT_TYPES),
      at: fc.integer({ min: 0, max: 12 * 24 * 60 }),
      visitor: fc.constantFrom('v1', 'v2', 'v3', 'v4', 'v5'),
      person: fc.option(fc.constantFrom(...people)),
      results: fc.option(fc.integer({ min: 0, max: 2 })),
      query: fc.constantFrom('Reset  password', ' reset password', 'VPN', '  ', 'billing'),
      device: fc.constantFrom('desktop' as const, 'mobile' as const),
    })
    .map((r) =>
      ev(r.type, T0 + r.at * MIN, r.visitor, {
        person_id: r.person,
        result_count: r.results,
        query: r.query,
        device: r.device,
      }),
    );
  const ticketArb: fc.Arbitrary<Ticket> = fc
    .record({
      id: fc.integer({ min: 0, max: 1e6 }),
      requester: fc.constantFrom(...people),
      at: fc.integer({ min: 0, max: 12 * 24 * 60 }),
      solvedAfter: fc.option(fc.integer({ min: 0, max: 3 * 24 * 60 })),
      firstReply: fc.option(fc.integer({ min: 0, max: 500 })),
    })
    .map((r) =>
      ticket(`t${r.id}`, r.requester, T0 + r.at * MIN, {
        solved_at: r.solvedAfter === null ? null : T0 + (r.at + r.solvedAfter) * MIN,
        first_reply_minutes: r.firstReply,
        full_resolution_minutes: r.solvedAfter,
      }),
    );
  const dataArb = fc.record({
    events: fc.array(eventArb, { maxLength: 60 }),
    tickets: fc.uniqueArray(ticketArb, { maxLength: 25, selector: (t) => t.id }),
    segment: fc.constantFrom<Segment>({}, { device: 'mobile' }),
  });
  const window = { from: T0 + DAY, to: T0 + 9 * DAY };
  const W = DEFAULT_SETTINGS.ticket_after_portal_hours * 3_600_000;

  it('has the same visitor, return, feature, gap, median and repeat figures', () => {
    fc.assert(
      fc.property(dataArb, ({ events, tickets, segment }) => {
        const persons = people.map((p) => person(p));
        const prepared = prepareDataset({ ...emptyDataset(), events, tickets, persons }, DEFAULT_SETTINGS);
        const m = computeReport(prepared, window, DEFAULT_SETTINGS, segment).metrics;

        const sessions = buildSessions(events, persons, DEFAULT_SETTINGS.session_gap_minutes).filter(
          (s) =>
            s.start >= window.from &&
            s.start < window.to &&
            (segment.device === undefined || s.device === segment.device),
        );
        const perVisitor = new Map<string, { sessions: number; types: Set<string> }>();
        const gaps = new Map<string, number>();
        for (const s of sessions) {
          const v = perVisitor.get(visitorKey(s)) ?? { sessions: 0, types: new Set<string>() };
          v.sessions++;
          for (const e of s.events) v.types.add(e.type);
          perVisitor.set(visitorKey(s), v);
          const followed =
            s.has_ticket_submit ||
            tickets.some(
              (t) => t.requester_id === s.person_id && t.created_at >= s.start && t.created_at <= s.end + W,
            );
          for (const e of s.events) {
            if (e.type !== 'search' || !(followed || e.result_count === 0)) continue;
            const q = normalizeQuery(e.query ?? '');
            if (q !== '') gaps.set(q, (gaps.get(q) ?? 0) + 1);
          }
        }
        const visitors = [...perVisitor.values()];
        expect(m.return_visit_rate.numerator).toBe(visitors.filter((v) => v.sessions >= 2).length);
        expect(m.return_visit_rate.denominator).toBe(visitors.length);
        for (const type of PORTAL_EVENT_TYPES)
          expect(m.feature_utilization[type].numerator).toBe(
            visitors.filter((v) => v.types.has(type)).length,
          );
        const expectedGaps = [...gaps]
          .map(([query, count]) => ({ query, count }))
          .sort((a, b) => b.count - a.count || (a.query < b.query ? -1 : 1))
          .slice(0, DEFAULT_SETTINGS.content_gaps_limit);
        expect(m.content_gaps).toEqual(expectedGaps);
        expect(m.median_session_minutes).toBe(median(sessions.map((s) => (s.end - s.start) / MIN)));

        const solved = tickets.filter(
          (t) => t.solved_at !== null && t.solved_at >= window.from && t.solved_at < window.to,
        );
        const firstReplies = solved.flatMap((t) =>
          t.first_reply_minutes === null ? [] : [t.first_reply_minutes],
        );
        expect(m.median_first_reply_minutes).toBe(median(firstReplies));
        const created = tickets.filter((t) => t.created_at >= window.from && t.created_at < window.to);
        const repeats = created.filter((t) =>
          tickets.some(
            (o) =>
              o !== t &&
              o.requester_id === t.requester_id &&
              o.created_at >= t.created_at - 7 * DAY &&
              o.created_at < t.created_at,
          ),
        );
        expect(m.repeat_request_rate.numerator).toBe(repeats.length);
      }),
      { numRuns: 150 },
    );
  });

  it('counts DAU, WAU, MAU and active accounts as visitors with an event in the look-back', () => {
    // Sessions may straddle the window's end: only their events before it count.
    const toArb = fc.integer({ min: 0, max: 13 * 24 * 60 }).map((m) => T0 + m * MIN);
    fc.assert(
      fc.property(dataArb, toArb, ({ events, segment }, to) => {
        const persons = [person('p1', 'a1'), person('p2', 'a1'), person('p3', 'a2'), person('p4')];
        const accounts = [account('a1'), account('a2'), account('a3')];
        const prepared = prepareDataset({ ...emptyDataset(), events, persons, accounts }, DEFAULT_SETTINGS);
        const m = computeReport(prepared, { from: to - DAY, to }, DEFAULT_SETTINGS, segment).metrics;

        const sessions = buildSessions(events, persons, DEFAULT_SETTINGS.session_gap_minutes).filter(
          (s) => segment.device === undefined || s.device === segment.device,
        );
        const activeIn = (days: number) =>
          sessions.filter((s) =>
            s.events.some((e) => e.occurred_at >= to - days * DAY && e.occurred_at < to),
          );
        const distinct = (xs: (string | null)[]) => new Set(xs.filter((x) => x !== null)).size;
        expect(m.dau).toBe(distinct(activeIn(1).map(visitorKey)));
        expect(m.wau).toBe(distinct(activeIn(7).map(visitorKey)));
        expect(m.mau).toBe(distinct(activeIn(30).map(visitorKey)));
        expect(m.active_account_share.numerator).toBe(distinct(activeIn(30).map((s) => s.account_id)));
        expect(m.active_account_share.denominator).toBe(accounts.length);
      }),
      { numRuns: 150 },
    );
  });
});
