import type { Account, Person, PortalEvent, PortalEventType, Ticket } from '../../src/core/records';

export const T0 = Date.UTC(2026, 0, 1);
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export function ev(
  type: PortalEventType,
  at: number,
  visitor: string,
  extra: Partial<PortalEvent> = {},
): PortalEvent {
  return {
    kind: 'portal_event',
    type,
    occurred_at: at,
    visitor_id: visitor,
    person_id: null,
    account_id: null,
    query: null,
    result_count: null,
    clicked_result: null,
    article_id: null,
    device: 'desktop',
    ...extra,
  };
}

export function ticket(id: string, requester: string, created: number, extra: Partial<Ticket> = {}): Ticket {
  return {
    kind: 'ticket',
    id,
    account_id: null,
    requester_id: requester,
    channel: 'web',
    priority: 'normal',
    status: 'open',
    created_at: created,
    solved_at: null,
    agent_replies: 0,
    reopens: 0,
    group_stations: 1,
    first_reply_minutes: null,
    full_resolution_minutes: null,
    satisfaction: 'unoffered',
    tags: [],
    subject: '',
    description: '',
    ...extra,
  };
}

export function solvedTicket(
  id: string,
  requester: string,
  created: number,
  extra: Partial<Ticket> = {},
): Ticket {
  return ticket(id, requester, created, {
    status: 'solved',
    solved_at: created + HOUR,
    agent_replies: 1,
    ...extra,
  });
}

export function person(id: string, account: string | null = null): Person {
  return { kind: 'person', id, account_id: account, name: null, email: null };
}

export function account(id: string, tags: string[] = []): Account {
  return { kind: 'account', id, name: id, tags, created_at: null };
}
