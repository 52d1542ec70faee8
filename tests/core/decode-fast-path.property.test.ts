import fc from 'fast-check';
import {
  decodeChunksToColumns,
  decodeLinesToColumns,
  parseCanonicalEvent,
  parseRecordLine,
} from '../../src/core/codec/decode';
import { encodeRecord } from '../../src/core/codec/encode';
import { DEVICES, PORTAL_EVENT_TYPES, type PortalEvent } from '../../src/core/records';
import { account, ev, T0, ticket } from './fixtures';

// Strings that need escaping, are empty, or hold non-ASCII and surrogate pairs: all must decode the same.
const text = fc.oneof(
  fc.constantFrom('', 'a', 'reset "password"', 'back\\slash', 'tab\there', 'naïve 😀', 'line\nbreak'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
const eventArb: fc.Arbitrary<PortalEvent> = fc
  .record({
    type: fc.constantFrom(...PORTAL_EVENT_TYPES),
    // Whole years either side of now, landing on every day of the month and past 9999-12-31 rarely.
    at: fc.oneof(
      fc.integer({ min: 0, max: 4e12 }),
      fc.constantFrom(T0, Date.UTC(2026, 1, 28, 23, 59, 59, 999)),
    ),
    visitor: fc.oneof(
      fc.constantFrom('v1', 'anon5080'),
      text.filter((s) => s !== ''),
    ),
    person: fc.option(text),
    account: fc.option(text),
    query: fc.option(text),
    results: fc.option(fc.oneof(fc.nat(20), fc.constantFrom(999_999_999, 1_000_000_000, 2 ** 40))),
    clicked: fc.option(fc.boolean()),
    article: fc.option(text),
    device: fc.constantFrom(...DEVICES),
  })
  .map((r) =>
    ev(r.type, r.at, r.visitor, {
      person_id: r.person,
      account_id: r.account,
      query: r.query,
      result_count: r.results,
      clicked_result: r.clicked,
      article_id: r.article,
      device: r.device,
    }),
  );

/** The general path's reading of a line, as event fields. */
function general(line: string): unknown {
  const r = parseRecordLine(line, 1);
  if (!('record' in r)) return r;
  const { kind: _kind, ...fields } = r.record as PortalEvent;
  return fields;
}

describe('the canonical portal-event fast path', () => {
  it('reads the encoder’s lines exactly as the general path does, or leaves them to it', () => {
    fc.assert(
      fc.property(eventArb, (e) => {
        const line = encodeRecord(e);
        const fast = parseCanonicalEvent(line);
        if (fast !== null) expect(fast).toEqual(general(line));
      }),
      { numRuns: 2000 },
    );
  });

  it('takes plain lines (ids without escapes), the 31st and a rolled-over 30 February too', () => {
    const line = encodeRecord(ev('search', Date.UTC(2026, 9, 14, 8, 5, 9, 7), 'anon1', { query: 'vpn' }));
    expect(parseCanonicalEvent(line)).toEqual(general(line));
    expect(parseCanonicalEvent(line)).not.toBeNull();
    for (const date of ['2026-10-31', '2026-02-30', '2024-02-29']) {
      const edited = line.replace(/"occurred_at":"\d{4}-\d\d-\d\d/, `"occurred_at":"${date}`);
      expect(parseCanonicalEvent(edited)).not.toBeNull();
      expect(parseCanonicalEvent(edited)).toEqual(general(edited));
    }
  });

  it('never accepts an edited line the general path would read differently or reject', () => {
    const edits = fc.tuple(
      fc.nat(),
      fc.constantFrom('', ' ', '"', '\\', 'x', '0', '}', ',', 'null', '\u0001'),
    );
    fc.assert(
      fc.property(eventArb, edits, (e, [at, insert]) => {
        const line = encodeRecord(e);
        const i = at % (line.length + 1);
        for (const edited of [
          line.slice(0, i) + insert + line.slice(i),
          line.slice(0, i) + line.slice(i + 1),
        ]) {
          const fast = parseCanonicalEvent(edited);
          if (fast !== null) expect(fast).toEqual(general(edited));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeChunksToColumns', () => {
  it('gives what decodeLinesToColumns gives, however the text is cut into chunks', async () => {
    const records = [
      account('a1'),
      ticket('t1', 'p1', T0),
      ev('search', T0 + 1000, 'v1', { query: 'x', result_count: 0 }),
      ev('page_view', T0 + 2000, 'v2', { query: 'quote " inside' }),
    ];
    const lines = [
      ...records.map(encodeRecord),
      '',
      '{"kind":"nope"}',
      'not json',
      encodeRecord(records[2]!),
    ];
    const expected = await decodeLinesToColumns(lines);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), async (cuts, crlf) => {
        const textOf = lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
        const at = [...new Set(cuts.map((c) => c % textOf.length))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((from, k) => textOf.slice(from, at[k] ?? textOf.length));
        async function* stream() {
          yield* chunks;
        }
        const got = await decodeChunksToColumns(stream());
        expect(got.errors).toEqual(expected.errors);
        expect(got.data).toEqual(expected.data);
        expect(got.lines).toBe(expected.lines);
      }),
      { numRuns: 100 },
    );
  });
});
