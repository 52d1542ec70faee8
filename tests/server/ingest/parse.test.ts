import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseAccount,
  parsePerson,
  parseSatisfactionRating,
  parseTicket,
  parseTicketsPage,
  parseUserEvents,
} from '../../../src/platforms/zendesk/parse';

const FIXTURES = path.resolve(__dirname, '../../..', '../shared/fixtures/zendesk');
const HAVE_FIXTURES = existsSync(FIXTURES);
if (!HAVE_FIXTURES) console.warn(`parse.test: ${FIXTURES} is absent; the recorded-payload tests are skipped`);
const fixture = (rel: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(FIXTURES, rel), 'utf8')) as Record<string, unknown>;
const withFixtures = HAVE_FIXTURES ? it : it.skip;

describe('parseTicket', () => {
  const ticket = {
    id: 35436,
    created_at: '2024-01-02T10:00:00Z',
    updated_at: '2024-01-03T10:00:00Z',
    via: { channel: 'web' },
    priority: 'high',
    status: 'solved',
    requester_id: 20978392,
    organization_id: 509974,
    tags: ['vip', 3],
    subject: 'Help',
    description: 'It broke',
    satisfaction_rating: { score: 'good' },
  };
  const metric = {
    ticket_id: 35436,
    replies: 2,
    reopens: 1,
    group_stations: 3,
    solved_at: '2024-01-03T09:00:00Z',
    reply_time_in_minutes: { calendar: 42, business: 12 },
    full_resolution_time_in_minutes: { calendar: 1380, business: 300 },
  };

  it('joins a ticket to its metric set (calendar minutes, solved_at from the metrics)', () => {
    expect(parseTicket(ticket, metric)).toEqual({
      kind: 'ticket',
      id: '35436',
      account_id: '509974',
      requester_id: '20978392',
      channel: 'web',
      priority: 'high',
      status: 'solved',
      created_at: Date.UTC(2024, 0, 2, 10),
      solved_at: Date.UTC(2024, 0, 3, 9),
      agent_replies: 2,
      reopens: 1,
      group_stations: 3,
      first_reply_minutes: 42,
      full_resolution_minutes: 1380,
      satisfaction: 'good',
      tags: ['vip'],
      subject: 'Help',
      description: 'It broke',
    });
  });

  it('defaults what a young ticket lacks, and maps unknown channels to other', () => {
    const t = parseTicket(
      { ...ticket, via: { channel: 'sample_ticket' }, priority: null, satisfaction_rating: null },
      undefined,
    );
    expect(t).toMatchObject({
      channel: 'other',
      priority: 'normal',
      satisfaction: 'unoffered',
      agent_replies: 0,
      first_reply_minutes: null,
      solved_at: Date.UTC(2024, 0, 3, 10),
    });
    expect(parseTicket({ created_at: 'x' }, undefined)).toBeNull();
  });

  withFixtures('reads every ticket of a real cursor export page', () => {
    const page = fixture('recorded/zenpy_incremental_tickets_cursor_start0.json');
    const tickets = parseTicketsPage(page);
    expect(tickets).toHaveLength((page.tickets as unknown[]).length);
    expect(tickets[0]).toMatchObject({ id: '28', channel: 'api', status: 'new', subject: 'test' });
    for (const t of tickets) expect(Number.isFinite(t.created_at)).toBe(true);
  });

  withFixtures("reads Zendesk's documented export and metric examples", () => {
    const page = fixture('oas_examples/CursorBasedExportIncrementalTicketsResponseExample.json');
    expect(parseTicketsPage(page).length).toBe((page.tickets as unknown[]).length);
    // The published example wraps its one metric set in an array.
    const wrapped = fixture('oas_examples/TicketMetricResponseExample.json').ticket_metric as unknown[];
    const metric = wrapped[0] as Record<string, unknown>;
    const t = parseTicket({ id: metric.ticket_id, created_at: '2024-01-01T00:00:00Z' }, metric);
    expect(t).toMatchObject({
      agent_replies: metric.replies,
      full_resolution_minutes: (metric.full_resolution_time_in_minutes as { calendar: number }).calendar,
    });
  });
});

describe('persons, accounts and ratings', () => {
  it('keeps end users only, as persons of their organization', () => {
    expect(parsePerson({ id: 5, role: 'end-user', organization_id: 9, name: 'Ann', email: 'a@x' })).toEqual({
      kind: 'person',
      id: '5',
      account_id: '9',
      name: 'Ann',
      email: 'a@x',
    });
    expect(parsePerson({ id: 6, role: 'agent' })).toBeNull();
  });

  withFixtures('reads real organizations and search-exported users', () => {
    const orgs = fixture('recorded/zenpy_organizations_cursor_page.json').organizations as unknown[];
    expect(orgs.map(parseAccount).every((a) => a !== null && a.name !== '')).toBe(true);
    const users = fixture('recorded/zenpy_search_export_users_page1.json').results as unknown[];
    for (const u of users) expect(() => parsePerson(u)).not.toThrow();
  });

  it('maps a satisfaction rating to its ticket', () => {
    expect(parseSatisfactionRating({ ticket_id: 7, score: 'bad' })).toEqual({
      ticket_id: '7',
      satisfaction: 'bad',
    });
    expect(parseSatisfactionRating({ ticket_id: 7, score: 'meh' })).toBeNull();
  });
});

describe('parseUserEvents', () => {
  const person = { id: '5', account_id: '9' };
  it('turns searches, clicks, views and page views into portal events', () => {
    const events = parseUserEvents(
      [
        {
          type: 'article_search_result_clicked',
          created_at: '2024-01-01T10:00:05.000000000Z',
          properties: { article_id: 77 },
        },
        {
          type: 'help_center_searched',
          created_at: '2024-01-01T10:00:00.000000000Z',
          properties: { result_count: 3, search_query: { query: 'reset password' } },
        },
        { type: 'article_viewed', created_at: '2024-01-01T10:00:06Z', properties: { article_id: 77 } },
        {
          type: 'page_view',
          created_at: '2024-01-01T10:01:00Z',
          properties: {
            url: 'https://x.zendesk.com/hc/en-us/requests/new',
            user_agent: 'Mozilla (iPhone) Mobile',
          },
        },
      ],
      person,
    );
    expect(events.map((e) => [e.type, e.query, e.clicked_result, e.article_id, e.device])).toEqual([
      ['search', 'reset password', true, '77', 'desktop'],
      ['article_view', null, null, '77', 'desktop'],
      ['ticket_form_view', null, null, null, 'mobile'],
    ]);
    expect(events.every((e) => e.person_id === '5' && e.account_id === '9')).toBe(true);
  });

  withFixtures("reads Zendesk's documented user event examples", () => {
    const doc = fixture('recorded/docs_examples_events_and_webhooks.json');
    const found: unknown[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (typeof v === 'object' && v !== null) {
        const o = v as Record<string, unknown>;
        if (typeof o.type === 'string' && 'created_at' in o && 'properties' in o) found.push(o);
        else Object.values(o).forEach(walk);
      }
    };
    walk(doc);
    expect(found.length).toBeGreaterThan(0);
    const events = parseUserEvents(found, person);
    expect(events.length).toBeGreaterThan(0);
  });
});
