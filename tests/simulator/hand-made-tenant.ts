/**
 * A small tenant written by hand for the simulator's tests, independent of the data
 * generator: `n` tickets over 3 accounts and 6 people, some rated, some events.
 */
import type { Account, Person, PortalEvent, PulseRecord, Satisfaction, Ticket } from '../../src/core/records';
import type { TenantSource } from '../../src/simulator/tenant';

const DAY = 86_400_000;
export const T0 = Date.UTC(2024, 0, 1);

export const ACCOUNTS: Account[] = [
  { kind: 'account', id: 'acct-1', name: 'Acme Corp', tags: ['enterprise'], created_at: T0 - 90 * DAY },
  { kind: 'account', id: 'acct-2', name: 'Globex', tags: [], created_at: T0 - 60 * DAY },
  { kind: 'account', id: 'acct-3', name: 'Initech', tags: ['smb'], created_at: null },
];

export const PEOPLE: Person[] = [1, 2, 3, 4, 5, 6].map((i) => ({
  kind: 'person',
  id: `p-${i}`,
  account_id: `acct-${((i - 1) % 3) + 1}`,
  name: `Person ${i}`,
  email: `person${i}@example.com`,
}));

const SATISFACTIONS: Satisfaction[] = ['good', 'bad', 'offered', 'unoffered'];

export function handMadeTicket(i: number): Ticket {
  const solved = i % 3 !== 0;
  const created = T0 + i * 3_600_000;
  return {
    kind: 'ticket',
    id: `t-${i}`,
    account_id: i % 7 === 0 ? null : `acct-${(i % 3) + 1}`,
    requester_id: `p-${(i % 6) + 1}`,
    channel: (['web', 'email', 'chat', 'voice', 'api', 'other'] as const)[i % 6]!,
    priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4]!,
    status: solved ? 'solved' : i % 2 === 0 ? 'open' : 'new',
    created_at: created,
    solved_at: solved ? created + (i % 5) * 3_600_000 + 60_000 : null,
    agent_replies: i % 4,
    reopens: i % 5 === 0 ? 1 : 0,
    group_stations: 1 + (i % 2),
    first_reply_minutes: i % 2 === 1 && !solved ? null : 10 + i,
    full_resolution_minutes: solved ? 60 + i : null,
    satisfaction: solved ? SATISFACTIONS[i % 4]! : 'unoffered',
    tags: i % 2 ? ['billing'] : [],
    subject: `Question number ${i} about billing`,
    description: `I cannot find my invoice number ${i}.\n\nPlease help.`,
  };
}

function events(): PortalEvent[] {
  const base = { kind: 'portal_event' as const, device: 'desktop' as const, account_id: 'acct-1' };
  const none = { query: null, result_count: null, clicked_result: null, article_id: null };
  return [
    { ...base, ...none, type: 'page_view', occurred_at: T0 + 1000, visitor_id: 'v-1', person_id: 'p-1' },
    {
      ...base,
      ...none,
      type: 'search',
      occurred_at: T0 + 2000,
      visitor_id: 'v-1',
      person_id: 'p-1',
      query: 'invoice',
      result_count: 2,
      clicked_result: true,
    },
    {
      ...base,
      ...none,
      type: 'article_view',
      occurred_at: T0 + 5000,
      visitor_id: 'v-1',
      person_id: 'p-1',
      article_id: 'a-1',
    },
    {
      ...base,
      ...none,
      type: 'search',
      occurred_at: T0 + 9000,
      visitor_id: 'v-1',
      person_id: 'p-1',
      query: 'zzz',
      result_count: 0,
      clicked_result: false,
    },
    {
      ...base,
      ...none,
      type: 'ticket_form_view',
      occurred_at: T0 + 12_000,
      visitor_id: 'v-1',
      person_id: 'p-1',
      device: 'mobile',
    },
    {
      ...base,
      ...none,
      type: 'search',
      occurred_at: T0 + 3000,
      visitor_id: 'anon',
      person_id: null,
      query: 'x',
      result_count: 1,
      clicked_result: false,
    },
  ];
}

export function handMadeSource(n: number): TenantSource {
  const records: PulseRecord[] = [...ACCOUNTS, ...PEOPLE];
  for (let i = 1; i <= n; i++) records.push(handMadeTicket(i));
  records.push(...events());
  return {
    records,
    agents: [
      { id: 'agent-1', name: 'Alice Agent', email: 'alice@demo.test', role: 'agent' },
      { id: 'agent-2', name: 'Bob Agent', email: 'bob@demo.test', role: 'agent' },
    ],
    articles: [
      {
        id: 'a-1',
        title: 'Where is my invoice',
        body: 'Invoices are under Billing > Invoices.',
        section: 'Billing',
      },
      { id: 'a-2', title: 'Reset your password', body: 'Use the forgot password link.', section: 'Account' },
    ],
    comments: (t) => [
      {
        id: `${t.id}-c1`,
        ticket_id: t.id,
        author_id: t.requester_id,
        author_is_agent: false,
        body: t.description,
        public: true,
        created_at: t.created_at,
      },
      {
        id: `${t.id}-c2`,
        ticket_id: t.id,
        author_id: 'agent-1',
        author_is_agent: true,
        body: 'Thanks, looking into it.',
        public: true,
        created_at: t.created_at + 600_000,
      },
    ],
  };
}
