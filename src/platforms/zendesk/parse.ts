/**
 * Zendesk JSON objects → Pulse records (src/core/records.ts). Tolerant by design: real
 * payloads omit fields, carry nulls and channels we do not know, so every read has a
 * default rather than a throw. Only an object without an id is rejected (returns null).
 */
import type {
  Account,
  Person,
  PortalEvent,
  Priority,
  Satisfaction,
  Ticket,
  TicketStatus,
} from '../../core/records';
import { PRIORITIES, SATISFACTIONS, TICKET_STATUSES } from '../../core/records';
import { channelFromVia, deviceFromUserAgent, portalEventTypeFromPageUrl } from './serialize';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | null =>
  typeof v === 'number' || (typeof v === 'string' && v !== '') ? String(v) : null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const time = (v: unknown): number | null => {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : t;
};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T): T =>
  allowed.includes(v as T) ? (v as T) : fallback;

/** `metric.reply_time_in_minutes.calendar` and friends. */
function calendarMinutes(metric: Json | undefined, field: string): number | null {
  const m = metric?.[field];
  return isObject(m) ? num(m.calendar) : null;
}

function satisfactionOf(ticket: Json): Satisfaction {
  const r = ticket.satisfaction_rating;
  return isObject(r) ? oneOf(r.score, SATISFACTIONS, 'unoffered') : 'unoffered';
}

/**
 * A ticket with its metric set (from the `metric_sets` sideload, or null when Zendesk has
 * none yet: counts are then 0 and times unknown). `solved_at` comes from the metric set;
 * a solved ticket without one falls back to its `updated_at`.
 */
export function parseTicket(ticket: unknown, metric: unknown): Ticket | null {
  if (!isObject(ticket)) return null;
  const id = idOf(ticket.id);
  const createdAt = time(ticket.created_at);
  if (id === null || createdAt === null) return null;
  const m = isObject(metric) ? metric : undefined;
  const status: TicketStatus = oneOf(ticket.status, TICKET_STATUSES, 'open');
  const done = status === 'solved' || status === 'closed';
  const solvedAt = time(m?.solved_at) ?? (done ? time(ticket.updated_at) : null);
  const via = ticket.via;
  return {
    kind: 'ticket',
    id,
    account_id: idOf(ticket.organization_id),
    requester_id: idOf(ticket.requester_id) ?? '',
    channel: channelFromVia(isObject(via) ? (str(via.channel) ?? 'other') : 'other'),
    priority: oneOf<Priority>(ticket.priority, PRIORITIES, 'normal'),
    status,
    created_at: createdAt,
    solved_at: solvedAt,
    agent_replies: num(m?.replies) ?? 0,
    reopens: num(m?.reopens) ?? 0,
    group_stations: num(m?.group_stations) ?? 0,
    first_reply_minutes: calendarMinutes(m, 'reply_time_in_minutes'),
    full_resolution_minutes: calendarMinutes(m, 'full_resolution_time_in_minutes'),
    satisfaction: satisfactionOf(ticket),
    tags: strings(ticket.tags),
    subject: str(ticket.subject) ?? str(ticket.raw_subject) ?? '',
    description: str(ticket.description) ?? '',
  };
}

/** Tickets of an export page joined to their metric sets by `ticket_id`. */
export function parseTicketsPage(page: unknown): Ticket[] {
  if (!isObject(page) || !Array.isArray(page.tickets)) return [];
  const metrics = new Map<string, Json>();
  for (const m of Array.isArray(page.metric_sets) ? page.metric_sets : []) {
    const key = isObject(m) ? idOf(m.ticket_id) : null;
    if (key !== null) metrics.set(key, m as Json);
  }
  const out: Ticket[] = [];
  for (const t of page.tickets) {
    const key = isObject(t) ? idOf(t.id) : null;
    const parsed = parseTicket(t, key === null ? undefined : metrics.get(key));
    if (parsed) out.push(parsed);
  }
  return out;
}

/** End users become persons; agents and admins are staff, not customers. */
export function parsePerson(user: unknown): Person | null {
  if (!isObject(user)) return null;
  const id = idOf(user.id);
  if (id === null || (user.role !== undefined && user.role !== 'end-user')) return null;
  return {
    kind: 'person',
    id,
    account_id: idOf(user.organization_id),
    name: str(user.name),
    email: str(user.email),
  };
}

export function parseAccount(org: unknown): Account | null {
  if (!isObject(org)) return null;
  const id = idOf(org.id);
  if (id === null) return null;
  return {
    kind: 'account',
    id,
    name: str(org.name) ?? '',
    tags: strings(org.tags),
    created_at: time(org.created_at),
  };
}

export interface RatingUpdate {
  ticket_id: string;
  satisfaction: Satisfaction;
}

/** A satisfaction rating → the score its ticket carries. */
export function parseSatisfactionRating(rating: unknown): RatingUpdate | null {
  if (!isObject(rating)) return null;
  const ticketId = idOf(rating.ticket_id);
  if (ticketId === null || !SATISFACTIONS.includes(rating.score as Satisfaction)) return null;
  return { ticket_id: ticketId, satisfaction: rating.score as Satisfaction };
}

export interface EventPerson {
  id: string;
  account_id: string | null;
}

/**
 * One person's help-center user events (`/api/v2/users/{id}/events`) → portal events.
 * `article_search_result_clicked` is not an event of its own: it marks the search before
 * it as clicked. The visitor is the person (a signed-in requester); page views keep the
 * browser's device class.
 */
export function parseUserEvents(events: readonly unknown[], person: EventPerson): PortalEvent[] {
  const sorted = events
    .filter(isObject)
    .map((e) => ({ e, at: time(e.created_at) }))
    .filter((x): x is { e: Json; at: number } => x.at !== null)
    .sort((a, b) => a.at - b.at);
  const out: PortalEvent[] = [];
  let lastSearch: PortalEvent | null = null;
  for (const { e, at } of sorted) {
    const p = isObject(e.properties) ? e.properties : {};
    const base = {
      kind: 'portal_event' as const,
      occurred_at: at,
      visitor_id: person.id,
      person_id: person.id,
      account_id: person.account_id,
      query: null,
      result_count: null,
      clicked_result: null,
      article_id: null,
      device: 'desktop' as const,
    };
    if (e.type === 'help_center_searched') {
      const q = isObject(p.search_query) ? p.search_query : {};
      lastSearch = {
        ...base,
        type: 'search',
        query: str(q.query) ?? '',
        result_count: num(p.result_count) ?? 0,
        clicked_result: false,
      };
      out.push(lastSearch);
    } else if (e.type === 'article_search_result_clicked') {
      if (lastSearch) {
        lastSearch.clicked_result = true;
        lastSearch.article_id = idOf(p.article_id);
      }
    } else if (e.type === 'article_viewed') {
      out.push({ ...base, type: 'article_view', article_id: idOf(p.article_id) });
    } else if (e.type === 'page_view') {
      const url = str(p.url) ?? '';
      out.push({
        ...base,
        type: portalEventTypeFromPageUrl(url),
        device: deviceFromUserAgent(str(p.user_agent) ?? ''),
      });
    }
  }
  return out;
}
