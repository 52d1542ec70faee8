import fc from 'fast-check';
import { decodeLines, decodeLinesToColumns } from '../../src/core/codec/decode';
import { encodeRecord } from '../../src/core/codec/encode';
import { toColumnarDataset, toDataset, type Segment } from '../../src/core/dataset';
import { eventAt, eventTableOf, EventTableBuilder } from '../../src/core/event-table';
import { prepareColumns, prepareDataset, sessionAt } from '../../src/core/prepare';
import {
  DEVICES,
  PORTAL_EVENT_TYPES,
  type PortalEvent,
  type PulseRecord,
  type Ticket,
} from '../../src/core/records';
import { computeReport } from '../../src/core/report';
import { buildSessions } from '../../src/core/sessions';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { account, DAY, ev, MIN, person, T0, ticket } from './fixtures';

const people = ['p1', 'p2', 'p3'];
const accounts = ['a1', 'a2'];

// Few minutes and few visitors: many events share a visitor and a timestamp, so the tie-break
// order of events decides sessions' first events and search success.
const eventArb: fc.Arbitrary<PortalEvent> = fc
  .record({
    type: fc.constantFrom(...PORTAL_EVENT_TYPES),
    at: fc.integer({ min: 0, max: 3 * 24 * 60 }).map((m) => m - (m % 20)),
    visitor: fc.constantFrom('v1', 'v2', 'v3', 'v4'),
    person: fc.option(fc.constantFrom(...people)),
    account: fc.option(fc.constantFrom(...accounts, 'a-events-only')),
    results: fc.option(fc.integer({ min: 0, max: 3 })),
    clicked: fc.option(fc.boolean()),
    query: fc.option(fc.constantFrom('a', 'B ', 'c  d', '', '  ')),
    article: fc.option(fc.constantFrom('art1', 'art2')),
    device: fc.constantFrom(...DEVICES),
  })
  .map((r) =>
    ev(r.type, T0 + r.at * MIN, r.visitor, {
      person_id: r.person,
      account_id: r.account,
      result_count: r.results,
      clicked_result: r.clicked,
      query: r.query,
      article_id: r.article,
      device: r.device,
    }),
  );

const ticketArb: fc.Arbitrary<Ticket> = fc
  .record({
    id: fc.integer({ min: 0, max: 1e6 }),
    requester: fc.constantFrom(...people),
    account: fc.option(fc.constantFrom(...accounts)),
    at: fc.integer({ min: 0, max: 3 * 24 * 60 }),
    replies: fc.integer({ min: 0, max: 3 }),
    solvedAfter: fc.option(fc.integer({ min: 0, max: 24 * 60 })),
    sat: fc.constantFrom('good' as const, 'bad' as const, 'offered' as const, 'unoffered' as const),
  })
  .map((r) =>
    ticket(`t${r.id}`, r.requester, T0 + r.at * MIN, {
      account_id: r.account,
      agent_replies: r.replies,
      solved_at: r.solvedAfter === null ? null : T0 + (r.at + r.solvedAfter) * MIN,
      satisfaction: r.sat,
    }),
  );

const recordsArb: fc.Arbitrary<PulseRecord[]> = fc
  .record({
    events: fc.array(eventArb, { maxLength: 60 }),
    tickets: fc.uniqueArray(ticketArb, { maxLength: 20, selector: (t) => t.id }),
  })
  .map((d) => [
    account('a1', ['vip']),
    account('a2'),
    person('p1', 'a1'),
    person('p2', 'a2'),
    person('p3'),
    ...d.tickets,
    ...d.events,
  ]);

const window = { from: T0, to: T0 + 4 * DAY };
const segments: Segment[] = [{}, { account_id: 'a1' }, { account_tag: 'vip' }, { device: 'mobile' }];

describe('event table', () => {
  it('gives back every event as it was added, also past its initial capacity', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 80 }), (events) => {
        const b = new EventTableBuilder(1);
        for (const e of events) b.add(e);
        const t = b.build();
        expect(t.length).toBe(events.length);
        expect(Array.from({ length: t.length }, (_, i) => eventAt(t, i))).toEqual(events);
        expect(eventTableOf(events)).toEqual(t);
      }),
    );
  });

  it('prepared from decoded NDJSON columns, reports exactly what the object path reports', async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, async (records) => {
        const lines = records.map(encodeRecord);
        const columnar = prepareColumns((await decodeLinesToColumns(lines)).data, DEFAULT_SETTINGS);
        const objects = prepareDataset(toDataset((await decodeLines(lines)).records), DEFAULT_SETTINGS);
        for (const segment of segments)
          expect(computeReport(columnar, window, DEFAULT_SETTINGS, segment)).toEqual(
            computeReport(objects, window, DEFAULT_SETTINGS, segment),
          );
        expect(prepareColumns(toColumnarDataset(records), DEFAULT_SETTINGS).sessStart).toEqual(
          objects.sessStart,
        );
      }),
      { numRuns: 150 },
    );
  });

  it('prepared from columns, has the sessions buildSessions makes from the objects', () => {
    fc.assert(
      fc.property(recordsArb, (records) => {
        const data = toDataset(records);
        const p = prepareColumns(toColumnarDataset(records), DEFAULT_SETTINGS);
        const key = (s: { start: number; visitor_id: string }) => `${s.start}|${s.visitor_id}`;
        const sessions = Array.from({ length: p.sessStart.length }, (_, i) => sessionAt(p, i)).sort((a, b) =>
          key(a).localeCompare(key(b)),
        );
        const built = buildSessions(data.events, data.persons, DEFAULT_SETTINGS.session_gap_minutes).sort(
          (a, b) => key(a).localeCompare(key(b)),
        );
        expect(sessions).toEqual(built);
      }),
    );
  });
});
