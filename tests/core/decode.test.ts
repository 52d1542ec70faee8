import { decodeLines, parseRecordLine } from '../../src/core/codec/decode';

describe('parseRecordLine', () => {
  it('decodes a ticket with ISO times and defaults for absent optional fields, ignoring unknown fields', () => {
    const r = parseRecordLine(
      '{"kind":"ticket","id":7,"requester_id":"p","status":"solved","created_at":"2026-01-01T00:00:00Z","solved_at":"2026-01-01T01:00:00Z","extra":1}',
      1,
    );
    expect(r).toEqual({
      record: expect.objectContaining({
        kind: 'ticket',
        id: '7',
        created_at: Date.UTC(2026, 0, 1),
        solved_at: Date.UTC(2026, 0, 1, 1),
        channel: 'other',
        priority: 'normal',
        agent_replies: 0,
        group_stations: 1,
        satisfaction: 'unoffered',
        tags: [],
      }),
    });
  });

  it('decodes a portal event', () => {
    const r = parseRecordLine(
      '{"kind":"portal_event","type":"search","occurred_at":"2026-01-01T00:00:00.000Z","visitor_id":"v","query":"x","result_count":0,"clicked_result":false,"device":"mobile"}',
      1,
    );
    expect(r).toEqual({
      record: expect.objectContaining({
        type: 'search',
        person_id: null,
        result_count: 0,
        clicked_result: false,
        device: 'mobile',
      }),
    });
  });

  it.each([
    ['nope', 'line 3: not valid JSON'],
    ['[1]', 'line 3: expected a JSON object'],
    ['{"kind":"robot"}', 'line 3: field "kind" must be one of'],
    [
      '{"kind":"ticket","id":"1","requester_id":"p","status":"open","created_at":"yesterday"}',
      'line 3: ticket: field "created_at" must be an ISO 8601 time, got "yesterday"',
    ],
    [
      '{"kind":"portal_event","type":"click","occurred_at":"2026-01-01T00:00:00Z","visitor_id":"v"}',
      'line 3: portal_event: field "type" must be one of',
    ],
    ['{"kind":"person"}', 'line 3: person: field "id" must be a non-empty string'],
  ])('reports %s with its line and field', (line, message) => {
    const r = parseRecordLine(line, 3);
    expect('error' in r && r.error).toContain(message);
  });
});

describe('decodeLines', () => {
  it('collects every bad line with its number, skips blank lines and keeps the good ones', async () => {
    const out = await decodeLines([
      '{"kind":"account","id":"a","tags":["x"]}',
      '',
      'bad',
      '{"kind":"person","id":"p"}',
    ]);
    expect(out.records.map((r) => r.kind)).toEqual(['account', 'person']);
    expect(out.errors).toEqual([{ line: 3, message: expect.stringContaining('line 3') }]);
    expect(out.lines).toBe(4);
  });
});
