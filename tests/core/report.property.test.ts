import fc from 'fast-check';
import { emptyDataset, type Rate } from '../../src/core/dataset';
import { prepareDataset, sessionAt } from '../../src/core/prepare';
import { buildSessions, type Session } from '../../src/core/sessions';
import { ACTIVE_USER_METRICS, computeReport } from '../../src/core/report';
import { computeBucketReports, computeSeries, seriesOf, SERIES_METRICS } from '../../src/core/series';
import { PORTAL_EVENT_TYPES, type PortalEvent, type Ticket } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DAY, ev, MIN, person, T0, ticket } from './fixtures';

const people = ['p1', 'p2', 'p3'];
const eventArb: fc.Arbitrary<PortalEvent> = fc
  .record({
    type: fc.constantFrom(...PORTAL_EVENT_TYPES),
    at: fc.integer({ min: 0, max: 10 * 24 * 60 }),
    visitor: fc.constantFrom('v1', 'v2', 'v3', 'v4'),
    person: fc.option(fc.constantFrom(...people)),
    results: fc.option(fc.integer({ min: 0, max: 3 })),
    clicked: fc.option(fc.boolean()),
    query: fc.constantFrom('a', 'B ', 'c  d'),
    device: fc.constantFrom('desktop' as const, 'mobile' as const, 'tablet' as const),
  })
  .map((r) =>
    ev(r.type, T0 + r.at * MIN, r.visitor, {
      person_id: r.person,
      result_count: r.results,
      clicked_result: r.clicked,
      query: r.query,
      device: r.device,
    }),
  );

const ticketArb: fc.Arbitrary<Ticket> = fc
  .record({
    id: fc.integer({ min: 0, max: 1e6 }),
    requester: fc.constantFrom(...people),
    at: fc.integer({ min: 0, max: 10 * 24 * 60 }),
    replies: fc.integer({ min: 0, max: 3 }),
    reopens: fc.integer({ min: 0, max: 2 }),
    solvedAfter: fc.option(fc.integer({ min: 0, max: 3 * 24 * 60 })),
    sat: fc.constantFrom('good' as const, 'bad' as const, 'offered' as const, 'unoffered' as const),
  })
  .map((r) =>
    ticket(`t${r.id}`, r.requester, T0 + r.at * MIN, {
      agent_replies: r.replies,
      reopens: r.reopens,
      solved_at: r.solvedAfter === null ? null : T0 + (r.at + r.solvedAfter) * MIN,
      satisfaction: r.sat,
    }),
  );

const dataArb = fc.record({
  events: fc.array(eventArb, { maxLength: 40 }),
  tickets: fc.uniqueArray(ticketArb, { maxLength: 20, selector: (t) => t.id }),
});

const window = { from: T0 + DAY, to: T0 + 8 * DAY };

function run(d: { events: PortalEvent[]; tickets: Ticket[] }) {
  const data = { ...emptyDataset(), ...d, persons: people.map((p) => person(p)) };
  return computeReport(prepareDataset(data, DEFAULT_SETTINGS), window, DEFAULT_SETTINGS);
}

function isRate(v: unknown): v is Rate {
  return typeof v === 'object' && v !== null && 'numerator' in v && 'denominator' in v;
}

describe('report properties', () => {
  it('every rate except the self-service score is in [0, 1], or null exactly when its denominator is 0', () => {
    fc.assert(
      fc.property(dataArb, (d) => {
        const m = run(d).metrics;
        const rates = [...Object.entries(m), ...Object.entries(m.feature_utilization)].filter(
          ([k, v]) => k !== 'self_service_score' && isRate(v),
        );
        for (const [, r] of rates as [string, Rate][]) {
          if (r.denominator === 0) expect(r.value).toBeNull();
          else expect(r.value! >= 0 && r.value! <= 1).toBe(true);
        }
      }),
    );
  });

  it('TAP + session deflection = 1 whenever there are help-seeking sessions', () => {
    fc.assert(
      fc.property(dataArb, (d) => {
        const m = run(d).metrics;
        if (m.ticket_after_portal_rate.value === null) expect(m.session_deflection_rate.value).toBeNull();
        else expect(m.ticket_after_portal_rate.value + m.session_deflection_rate.value!).toBeCloseTo(1, 12);
      }),
    );
  });

  it('input order never changes a result', () => {
    fc.assert(
      fc.property(dataArb, fc.infiniteStream(fc.double()), (d, noise) => {
        const shuffle = <T>(a: T[]) =>
          a
            .map((x) => ({ x, k: noise.next().value }))
            .sort((p, q) => p.k - q.k)
            .map((p) => p.x);
        expect(run({ events: shuffle(d.events), tickets: shuffle(d.tickets) })).toEqual(run(d));
      }),
    );
  });
});

describe('prepared sessions', () => {
  it('are the sessions buildSessions makes', () => {
    fc.assert(
      fc.property(dataArb, (d) => {
        const persons = people.map((p) => person(p));
        const p = prepareDataset({ ...emptyDataset(), ...d, persons }, DEFAULT_SETTINGS);
        const key = (s: Session) => `${s.start}|${s.visitor_id}`;
        const fromPrepared = Array.from({ length: p.sessStart.length }, (_, i) => sessionAt(p, i)).sort(
          (a, b) => key(a).localeCompare(key(b)),
        );
        const built = buildSessions(d.events, persons, 30).sort((a, b) => key(a).localeCompare(key(b)));
        expect(fromPrepared).toEqual(built);
      }),
    );
  });
});

describe('trends that skip the active-user look-back', () => {
  it('give every other metric exactly the series computed with it', () => {
    fc.assert(
      fc.property(dataArb, (d) => {
        const data = { ...emptyDataset(), ...d, persons: people.map((p) => person(p)) };
        const p = prepareDataset(data, DEFAULT_SETTINGS);
        const full = computeBucketReports(p, window, 'day', DEFAULT_SETTINGS);
        for (const metric of SERIES_METRICS) {
          expect(computeSeries(p, metric, window, 'day', DEFAULT_SETTINGS)).toEqual(seriesOf(full, metric));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('refuse to read an active-user metric from reports computed without it', () => {
    const p = prepareDataset(emptyDataset(), DEFAULT_SETTINGS);
    const reduced = computeBucketReports(p, window, 'day', DEFAULT_SETTINGS, {}, { activeUsers: false });
    for (const metric of ACTIVE_USER_METRICS) expect(() => seriesOf(reduced, metric)).toThrow(/active users/);
  });
});
