import fc from 'fast-check';
import type { Account, Person, PortalEvent, PulseRecord, Ticket } from '../../src/core/records';
import { portalActivityBefore, type SidebarContext } from '../../src/server/routes/ticket-context';
import { bearer, serveCoreApi } from './helpers';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 10);

const ticket = (id: string, requester: string, account: string | null, createdAt: number): Ticket => ({
  kind: 'ticket',
  id,
  account_id: account,
  requester_id: requester,
  channel: 'web',
  priority: 'normal',
  status: 'open',
  created_at: createdAt,
  solved_at: null,
  agent_replies: 0,
  reopens: 0,
  group_stations: 1,
  first_reply_minutes: null,
  full_resolution_minutes: null,
  satisfaction: 'unoffered',
  tags: [],
  subject: 'Cannot export invoices',
  description: 'The export button does nothing.',
});

const event = (type: PortalEvent['type'], at: number, extra: Partial<PortalEvent> = {}): PortalEvent => ({
  kind: 'portal_event',
  type,
  occurred_at: at,
  visitor_id: 'v1',
  person_id: 'p1',
  account_id: 'a1',
  query: null,
  result_count: null,
  clicked_result: null,
  article_id: null,
  device: 'desktop',
  ...extra,
});

const ACCOUNT: Account = { kind: 'account', id: 'a1', name: 'Acme', tags: [], created_at: null };
const PEOPLE: Person[] = [
  { kind: 'person', id: 'p1', account_id: 'a1', name: 'Ada', email: null },
  { kind: 'person', id: 'p2', account_id: null, name: 'Bo', email: null },
];
const FILED = T0 + 100 * H;
const EVENTS: PortalEvent[] = [
  // Two days before: outside the 24-hour look-back.
  event('search', FILED - 48 * H, { query: 'old question' }),
  event('search', FILED - 2 * H, { query: 'export invoices', result_count: 3 }),
  event('article_view', FILED - 2 * H + 60_000, { article_id: '360001' }),
  event('search', FILED - H, { query: 'export csv', result_count: 0 }),
  // After filing: not "before".
  event('search', FILED + H, { query: 'still broken' }),
];
const TICKETS = [ticket('t1', 'p1', 'a1', FILED), ticket('t2', 'p2', null, FILED)];
const RECORDS: PulseRecord[] = [ACCOUNT, ...PEOPLE, ...TICKETS, ...EVENTS];

describe('portalActivityBefore', () => {
  it('lists what the requester searched and read in the look-back, newest first', () => {
    expect(portalActivityBefore(TICKETS[0]!, EVENTS, 24)).toEqual({
      hours: 24,
      known: true,
      searched: true,
      read_articles: true,
      queries: ['export csv', 'export invoices'],
      articles: ['360001'],
    });
  });

  it('knows nothing of a requester without portal events', () => {
    expect(portalActivityBefore(TICKETS[1]!, [], 24)).toEqual({
      hours: 24,
      known: false,
      searched: false,
      read_articles: false,
      queries: [],
      articles: [],
    });
  });

  it('never lists more than five queries, nor one twice, nor one outside the look-back', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            offsetH: fc.integer({ min: -72, max: 72 }),
            q: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g'),
          }),
        ),
        (specs) => {
          const events = specs.map((s) =>
            event('search', FILED + s.offsetH * H, { query: `${s.q}${s.offsetH}` }),
          );
          const got = portalActivityBefore(TICKETS[0]!, events, 24);
          expect(got.queries.length).toBeLessThanOrEqual(5);
          expect(new Set(got.queries).size).toBe(got.queries.length);
          for (const q of got.queries) {
            const offset = Number(q.slice(1));
            expect(offset >= -24 && offset <= 0).toBe(true);
          }
          expect(got.searched).toBe(specs.some((s) => s.offsetH >= -24 && s.offsetH <= 0));
        },
      ),
    );
  });
});

describe('GET /api/v1/sidebar', () => {
  const call = serveCoreApi(RECORDS);

  const get = async (query: string) =>
    call('GET', `/api/v1/sidebar?${query}`, { headers: await bearer({ subdomain: 'acme' }) });

  it("answers an org-less ticket with the requester's help-center activity and no account", async () => {
    const res = await get('ticket=t2');
    expect(res.status).toBe(200);
    const body = res.body as SidebarContext;
    expect(body.account_id).toBeNull();
    expect(body.account).toBeNull();
    expect(body.ticket).toMatchObject({
      ticket_id: 't2',
      status: 'open',
      portal: { known: false, searched: false },
    });
    expect(body.ticket!.model.status).not.toBe('ok');
    expect(body.data_as_of).toEqual(expect.any(String));
  });

  it("answers a ticket with its account's detail and the requester's searches before it", async () => {
    const res = await get('ticket=t1');
    expect(res.status).toBe(200);
    const body = res.body as SidebarContext & {
      account: {
        health: { account_id: string; score: number | null };
        key_figures: { open_tickets: number };
      };
    };
    expect(body.account_id).toBe('a1');
    expect(body.account.health.account_id).toBe('a1');
    expect(body.account.key_figures.open_tickets).toBe(1);
    expect(body.ticket!.portal).toMatchObject({ searched: true, queries: ['export csv', 'export invoices'] });
    // The same detail GET /accounts/:id serves.
    const detail = await call('GET', '/api/v1/accounts/a1', { headers: await bearer({ subdomain: 'acme' }) });
    expect(body.account.health).toEqual((detail.body as { health: unknown }).health);
  });

  it('refuses a request that names neither ticket nor organization', async () => {
    const res = await get('');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', field: 'ticket' });
  });

  it('needs a token', async () => {
    const res = await call('GET', '/api/v1/sidebar?ticket=t1');
    expect(res.status).toBe(401);
  });

  it('answers an unknown ticket with no ticket part rather than an error', async () => {
    const res = await get('ticket=t404');
    expect(res.status).toBe(200);
    expect((res.body as SidebarContext).ticket).toBeNull();
  });
});
