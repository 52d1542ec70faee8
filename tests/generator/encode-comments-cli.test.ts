import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import fc from 'fast-check';
import { encodeRecord } from '../../src/core/codec/encode';
import type { PortalEvent, Ticket } from '../../src/core/records';
import { registerGenerate } from '../../src/cli/commands/generate';
import { agents, createGenerator, helpCenterArticles, ticketComments } from '../../src/generator';
import { TapTracker } from '../../src/generator/tap-tracker';

const ticket: Ticket = {
  kind: 'ticket',
  id: 't7',
  account_id: 'org1',
  requester_id: 'p3',
  channel: 'email',
  priority: 'high',
  status: 'solved',
  created_at: Date.UTC(2026, 2, 4, 9, 5, 7, 42),
  solved_at: Date.UTC(2026, 2, 5, 10, 0, 0, 0),
  agent_replies: 3,
  reopens: 0,
  group_stations: 2,
  first_reply_minutes: 30,
  full_resolution_minutes: 1495,
  satisfaction: 'good',
  tags: ['billing', 'portal'],
  subject: 'Say "hi"',
  description: 'This is terrible. Nothing works and nobody answers.\n\nLine two.\n\nFix it now or we cancel.',
};

const event = (over: Partial<PortalEvent>): PortalEvent => ({
  kind: 'portal_event',
  type: 'page_view',
  occurred_at: 0,
  visitor_id: 'v1',
  person_id: null,
  account_id: null,
  query: null,
  result_count: null,
  clicked_result: null,
  article_id: null,
  device: 'desktop',
  ...over,
});

describe('encodeRecord', () => {
  it('writes snake_case fields with ISO 8601 UTC times', () => {
    const parsed = JSON.parse(encodeRecord(ticket)) as Record<string, unknown>;
    expect(parsed).toEqual({
      ...ticket,
      created_at: '2026-03-04T09:05:07.042Z',
      solved_at: '2026-03-05T10:00:00.000Z',
    });
    const e = JSON.parse(
      encodeRecord(event({ type: 'search', query: 'a "b"', result_count: 0, clicked_result: false })),
    );
    expect(e).toMatchObject({
      occurred_at: '1970-01-01T00:00:00.000Z',
      query: 'a "b"',
      result_count: 0,
      clicked_result: false,
    });
    expect(
      JSON.parse(encodeRecord({ kind: 'account', id: 'a', name: 'A', tags: [], created_at: null })),
    ).toEqual({
      kind: 'account',
      id: 'a',
      name: 'A',
      tags: [],
      created_at: null,
    });
  });

  it('formats any time exactly as toISOString does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 4e14 }), (ms) => {
        const line = encodeRecord(event({ occurred_at: ms }));
        expect((JSON.parse(line) as { occurred_at: string }).occurred_at).toBe(new Date(ms).toISOString());
      }),
    );
  });
});

describe('TapTracker', () => {
  const H = 3_600_000;
  it('counts a hand-worked example: a sign-in mid-session, a late ticket, an anonymous submit', () => {
    const tr = new TapTracker();
    // v1: help-seeking; p1 files a ticket at 30 s and signs in at 60 s → followed once p1 is known.
    tr.event(event({ visitor_id: 'v1', type: 'search', occurred_at: 0 }));
    tr.ticket({ ...ticket, requester_id: 'p1', created_at: 30_000 });
    tr.event(event({ visitor_id: 'v1', type: 'login', person_id: 'p1', occurred_at: 60_000 }));
    // v2: help-seeking, anonymous, submits → followed.
    tr.event(event({ visitor_id: 'v2', type: 'article_view', occurred_at: 2 * 60_000 }));
    tr.event(event({ visitor_id: 'v2', type: 'ticket_submit', occurred_at: 3 * 60_000 }));
    // v3: browsing only → not help-seeking.
    tr.event(event({ visitor_id: 'v3', person_id: 'p1', occurred_at: 4 * 60_000 }));
    // v1 again 31 minutes after its last event: a new session, whose next ticket comes 25 h later → not followed.
    tr.event(event({ visitor_id: 'v1', type: 'search', person_id: 'p1', occurred_at: 32 * 60_000 }));
    tr.ticket({ ...ticket, requester_id: 'p1', created_at: 32 * 60_000 + 25 * H });
    expect([tr.helpSeeking, tr.followed]).toEqual([3, 2]);
    expect(tr.share()).toBeCloseTo(2 / 3, 12);
  });
});

describe('catalogs and comments', () => {
  it('are deterministic per seed', () => {
    expect(agents(4)).toEqual(agents(4));
    expect(helpCenterArticles(4)).toEqual(helpCenterArticles(4));
    expect(ticketComments(ticket, 4)).toEqual(ticketComments(ticket, 4));
    expect(agents(4)).not.toEqual(agents(5));
  });

  it('start with the description, then exactly agent_replies public agent replies in time order', () => {
    const comments = ticketComments(ticket, 1);
    expect(comments[0]).toMatchObject({
      author_id: 'p3',
      author_is_agent: false,
      body: ticket.description,
      created_at: ticket.created_at,
    });
    expect(comments.filter((c) => c.author_is_agent && c.public)).toHaveLength(3);
    expect(comments.filter((c) => !c.public)).toHaveLength(1); // one handover note for two group stations
    const times = comments.map((c) => c.created_at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(comments[1]?.created_at).toBe(ticket.created_at + 30 * 60_000);
    // The requester's follow-ups keep the angry tone of the description.
    const followUps = comments.filter((c, i) => i > 0 && !c.author_is_agent);
    const angry = [
      'Useless answer. Still broken!',
      'This is ridiculous, nobody reads my messages.',
      'Terrible. Escalate this now.',
    ];
    for (const f of followUps) expect(angry).toContain(f.body);
  });
});

describe('streaming', () => {
  it('keeps memory flat: the heap does not grow with the records read', () => {
    const g = createGenerator({ seed: 3, tickets: 40_000 });
    let n = 0;
    let early = 0;
    let peak = 0;
    for (const r of g.records()) {
      n++;
      if (r.kind !== 'portal_event' || n % 5000 !== 0) continue;
      const heap = process.memoryUsage().heapUsed;
      if (early === 0 && n > 60_000) early = heap;
      peak = Math.max(peak, heap);
    }
    expect(n).toBeGreaterThan(200_000);
    // Holding the ~240k records would take well over 100 MB; a day's buffer takes a few.
    expect(peak - early).toBeLessThan(60 * 1024 * 1024);
  });
});

describe('portal-pulse generate', () => {
  it('writes records.ndjson, truth.json and the zendesk/ export files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'pulse-gen-'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const program = new Command().exitOverride();
      registerGenerate(program);
      await program.parseAsync([
        'node',
        'portal-pulse',
        'generate',
        '--seed',
        '9',
        '--scale',
        '300',
        '--days',
        '90',
        '--out',
        out,
      ]);
      const truth = JSON.parse(readFileSync(join(out, 'truth.json'), 'utf8')) as {
        counts: Record<string, number>;
      };
      const lines = readFileSync(join(out, 'records.ndjson'), 'utf8').trimEnd().split('\n');
      const c = truth.counts as { accounts: number; persons: number; tickets: number; portal_events: number };
      expect(lines).toHaveLength(c.accounts + c.persons + c.tickets + c.portal_events);
      expect(c.tickets).toBe(300);
      const tickets = readFileSync(join(out, 'zendesk', 'tickets.json'), 'utf8')
        .trimEnd()
        .split('\n');
      expect(tickets).toHaveLength(300);
      const first = JSON.parse(tickets[0] as string) as { id: number; metric_set: { ticket_id: number } };
      expect(first.metric_set.ticket_id).toBe(first.id);
      const users = readFileSync(join(out, 'zendesk', 'users.json'), 'utf8')
        .trimEnd()
        .split('\n');
      expect(users).toHaveLength(c.persons + agents(9).length);
      const orgs = readFileSync(join(out, 'zendesk', 'organizations.json'), 'utf8')
        .trimEnd()
        .split('\n');
      expect(orgs).toHaveLength(c.accounts);
      expect(log.mock.calls[0]?.[0]).toMatch(/300 tickets/);
    } finally {
      log.mockRestore();
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('names a bad scale', async () => {
    const program = new Command().exitOverride();
    registerGenerate(program);
    await expect(
      program.parseAsync(['node', 'p', 'generate', '--scale', 'huge', '--out', '/tmp/never']),
    ).rejects.toThrow(/"huge"/);
  });
});
