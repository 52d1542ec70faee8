/** Records → Zendesk JSON, on hand-worked examples. */
import type { PortalEvent, Ticket } from '../../src/core/records';
import {
  channelFromVia,
  deviceFromUserAgent,
  portalEventTypeFromPageUrl,
  toZendeskMetricSet,
  toZendeskSatisfactionRating,
  toZendeskTicket,
  toZendeskUser,
  toZendeskUserEvents,
  toZendeskWebhookTicketDetail,
} from '../../src/platforms/zendesk/serialize';

const ticket: Ticket = {
  kind: 'ticket',
  id: 't-41',
  account_id: 'acct-2',
  requester_id: 'p-7',
  channel: 'email',
  priority: 'high',
  status: 'solved',
  created_at: Date.UTC(2024, 2, 1, 9, 0, 0),
  solved_at: Date.UTC(2024, 2, 1, 13, 0, 0),
  agent_replies: 2,
  reopens: 1,
  group_stations: 2,
  first_reply_minutes: 30,
  full_resolution_minutes: 240,
  satisfaction: 'bad',
  tags: ['billing'],
  subject: 'Invoice missing',
  description: 'Where is my March invoice?',
};

test('a ticket keeps its numbers, with ids derived from ours', () => {
  const z = toZendeskTicket(ticket, { assigneeId: 362_000_000_001 });
  expect(z).toMatchObject({
    url: 'https://demo.zendesk.com/api/v2/tickets/1041.json',
    id: 1041,
    requester_id: 361_000_000_007,
    submitter_id: 361_000_000_007,
    organization_id: 360_000_000_002,
    assignee_id: 362_000_000_001,
    via: { channel: 'email', source: { from: {}, to: {}, rel: null } },
    created_at: '2024-03-01T09:00:00Z',
    updated_at: '2024-03-01T13:00:00Z',
    generated_timestamp: Date.UTC(2024, 2, 1, 13) / 1000,
    status: 'solved',
    priority: 'high',
    tags: ['billing'],
    satisfaction_rating: { score: 'bad', id: 366_000_001_041 },
  });
});

test('a new ticket is unassigned and an unoffered one says so', () => {
  const z = toZendeskTicket({ ...ticket, status: 'new', satisfaction: 'unoffered' }, { assigneeId: 5 });
  expect(z.assignee_id).toBeNull();
  expect(z.group_id).toBeNull();
  expect(z.satisfaction_rating).toEqual({ score: 'unoffered' });
});

test('the metric set carries replies, reopens, stations and times', () => {
  const m = toZendeskMetricSet(ticket);
  expect(m).toMatchObject({
    id: 365_000_001_041,
    ticket_id: 1041,
    replies: 2,
    reopens: 1,
    group_stations: 2,
    solved_at: '2024-03-01T13:00:00Z',
    reply_time_in_minutes: { calendar: 30, business: 8 },
    full_resolution_time_in_minutes: { calendar: 240, business: 64 },
    // Reopened: first resolved part way through.
    first_resolution_time_in_minutes: { calendar: 96, business: 26 },
  });
  const open = toZendeskMetricSet({
    ...ticket,
    status: 'open',
    solved_at: null,
    full_resolution_minutes: null,
  });
  expect(open.solved_at).toBeNull();
  expect(open.full_resolution_time_in_minutes).toEqual({ calendar: null, business: null });
});

test('only good and bad tickets have a full rating, after the solve', () => {
  const r = toZendeskSatisfactionRating(ticket, { assigneeId: 9 });
  expect(r).toMatchObject({
    id: 366_000_001_041,
    ticket_id: 1041,
    requester_id: 361_000_000_007,
    score: 'bad',
    assignee_id: 9,
  });
  expect(Date.parse(r!.created_at)).toBeGreaterThan(ticket.solved_at!);
  expect(r!.reason).toEqual(expect.any(String));
  expect(toZendeskSatisfactionRating({ ...ticket, satisfaction: 'offered' })).toBeNull();
});

test('people are end-users in their organization; agents are not', () => {
  const u = toZendeskUser({
    kind: 'person',
    id: 'p-7',
    account_id: 'acct-2',
    name: null,
    email: 'ann@x.test',
  });
  expect(u).toMatchObject({
    id: 361_000_000_007,
    name: 'ann',
    role: 'end-user',
    organization_id: 360_000_000_002,
  });
  const a = toZendeskUser({ id: 'agent-3', name: 'Al', email: 'al@demo.test', role: 'admin' });
  expect(a).toMatchObject({
    id: 362_000_000_003,
    role: 'admin',
    organization_id: null,
    ticket_restriction: null,
  });
});

test('portal events become help-center events, and the page views map back', () => {
  const at = Date.UTC(2024, 2, 1, 8, 0, 0);
  const base = { kind: 'portal_event' as const, visitor_id: 'v-1', person_id: 'p-7', account_id: 'acct-2' };
  const none = { query: null, result_count: null, clicked_result: null, article_id: null };
  const events: PortalEvent[] = [
    { ...base, ...none, type: 'article_view', occurred_at: at + 60_000, article_id: 'a-3', device: 'mobile' },
    {
      ...base,
      ...none,
      type: 'search',
      occurred_at: at,
      query: 'invoice',
      result_count: 4,
      clicked_result: true,
      device: 'mobile',
    },
    { ...base, ...none, type: 'login', occurred_at: at - 60_000, device: 'tablet' },
    { ...base, ...none, type: 'ticket_submit', occurred_at: at + 120_000, device: 'mobile' },
  ];
  const z = toZendeskUserEvents(events, { articleTitle: (id) => (id === 'a-3' ? 'Invoices' : undefined) });
  expect(z.map((e) => e.type)).toEqual([
    'page_view',
    'help_center_searched',
    'article_search_result_clicked',
    'article_viewed',
    'page_view',
  ]);
  expect(z[1]!.properties).toMatchObject({ result_count: 4, search_query: { query: 'invoice', page: 1 } });
  expect(z[2]!.properties).toMatchObject({
    article_id: 363_000_000_003,
    article: { display_name: 'Invoices' },
  });
  const login = z[0]!.properties as { url: string; user_agent: string; session_id: string };
  const submit = z[4]!.properties as { url: string; user_agent: string; session_id: string };
  expect(portalEventTypeFromPageUrl(login.url)).toBe('login');
  expect(portalEventTypeFromPageUrl(submit.url)).toBe('ticket_submit');
  expect(deviceFromUserAgent(login.user_agent)).toBe('tablet');
  expect(deviceFromUserAgent(submit.user_agent)).toBe('mobile');
  // Three minutes apart: one session.
  expect(submit.session_id).toBe(login.session_id);
  expect(z.every((e) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(e.id))).toBe(true);
});

test('channels map to Zendesk and back', () => {
  expect(channelFromVia(toZendeskTicket({ ...ticket, channel: 'chat' }).via.channel)).toBe('chat');
  expect(channelFromVia(toZendeskTicket({ ...ticket, channel: 'other' }).via.channel)).toBe('other');
});

test('webhook detail uses string ids and upper-case enums, as Zendesk sends them', () => {
  const d = toZendeskWebhookTicketDetail(ticket, { assigneeId: 362_000_000_001 });
  expect(d).toMatchObject({
    id: '1041',
    requester_id: '361000000007',
    assignee_id: '362000000001',
    status: 'SOLVED',
    priority: 'HIGH',
    via: { channel: 'email' },
  });
});
