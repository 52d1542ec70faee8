/**
 * Single resources and lists: tickets, users, organizations, ticket metrics,
 * satisfaction ratings, comments, and the lists pickers page through.
 */
import type { Channel } from '../../core/records';
import {
  toZendeskComment,
  toZendeskMetricSet,
  toZendeskOrganization,
  toZendeskSatisfactionRating,
  toZendeskUser,
} from '../../platforms/zendesk/serialize';
import type { Answer, Route, RouteContext } from '../answer';
import { badRequest, notFound, ok, pathId } from '../answer';
import { cursorPage, offsetPage, pageOf, readPageRequest } from '../pagination';
import { findUser, serializeTicket } from './serializers';

function ticketRowOf(params: string[], rc: RouteContext): number | undefined {
  const id = pathId(params[0]);
  return id === null ? undefined : rc.tenant.ticketRow(id);
}

/** `include=metric_sets` sideloads each listed ticket's metric set, as Zendesk's ticket lists do. */
function wantsMetricSets(rc: RouteContext): boolean {
  return (rc.url.searchParams.get('include') ?? '').split(',').includes('metric_sets');
}

function metricSetsOf(rc: RouteContext, rows: number[]): { metric_sets?: unknown[] } {
  if (!wantsMetricSets(rc)) return {};
  return {
    metric_sets: rows.map((row) => toZendeskMetricSet(rc.tenant.ticketAt(row), { context: rc.zendesk })),
  };
}

function showTicket(params: string[], rc: RouteContext): Answer {
  const row = ticketRowOf(params, rc);
  return row === undefined
    ? notFound()
    : ok({ ticket: serializeTicket(rc, row), ...metricSetsOf(rc, [row]) });
}

/** Zendesk answers this with one object, although its OpenAPI file says an array. */
function ticketMetrics(params: string[], rc: RouteContext): Answer {
  const row = ticketRowOf(params, rc);
  if (row === undefined) return notFound();
  return ok({ ticket_metric: toZendeskMetricSet(rc.tenant.ticketAt(row), { context: rc.zendesk }) });
}

function listTicketMetrics(_: string[], rc: RouteContext): Answer {
  const { items, paging } = pageOf(rc.url, 'ticket_metrics', rc.tenant.ticketCount, (row) =>
    toZendeskMetricSet(rc.tenant.ticketAt(row), { context: rc.zendesk }),
  );
  return ok({ ticket_metrics: items, ...paging });
}

function ticketComments(params: string[], rc: RouteContext): Answer {
  const row = ticketRowOf(params, rc);
  if (row === undefined) return notFound();
  const ticket = rc.tenant.ticketAt(row);
  const comments = rc.tenant.comments(ticket);
  const channel: Channel = ticket.channel;
  const { items, paging } = pageOf(rc.url, `comments:${params[0]}`, comments.length, (i) =>
    toZendeskComment(comments[i]!, { channel }),
  );
  return ok({ comments: items, ...paging });
}

function listTickets(_: string[], rc: RouteContext): Answer {
  return ticketPage(rc, 'tickets', rc.tenant.ticketCount, (i) => i);
}

function ticketsOfRows(rc: RouteContext, order: string, rows: number[]): Answer {
  return ticketPage(rc, order, rows.length, (i) => rows[i]!);
}

/**
 * A ticket list page over `count` rows in id order. `sort=-id` (Zendesk's cursor-paginated
 * ticket lists take `sort`) pages newest first: how a sidebar reads recent tickets in one call.
 */
function ticketPage(rc: RouteContext, order: string, count: number, rowAt: (i: number) => number): Answer {
  const sort = rc.url.searchParams.get('sort');
  if (sort !== null && sort !== 'id' && sort !== '-id') return badRequest('sort must be id or -id');
  const at = sort === '-id' ? (i: number) => rowAt(count - 1 - i) : rowAt;
  const listed: number[] = [];
  const { items, paging } = pageOf(rc.url, sort === '-id' ? `${order}:-id` : order, count, (i) => {
    listed.push(at(i));
    return serializeTicket(rc, at(i));
  });
  return ok({ tickets: items, ...paging, ...metricSetsOf(rc, listed) });
}

function organizationTickets(params: string[], rc: RouteContext): Answer {
  const id = pathId(params[0]);
  const row = id === null ? undefined : rc.tenant.accountRow(id);
  if (row === undefined) return notFound();
  return ticketsOfRows(rc, `org_tickets:${id}`, rc.tenant.ticketRowsOfAccount(row));
}

function requestedTickets(params: string[], rc: RouteContext): Answer {
  const id = pathId(params[0]);
  const row = id === null ? undefined : rc.tenant.personRow(id);
  if (row !== undefined) return ticketsOfRows(rc, `requested:${id}`, rc.tenant.ticketRowsOfRequester(row));
  // Agents exist but request nothing in our tenant.
  return id !== null && rc.tenant.agentRow(id) !== undefined
    ? ticketsOfRows(rc, `requested:${id}`, [])
    : notFound();
}

function showUser(params: string[], rc: RouteContext): Answer {
  const id = pathId(params[0]);
  const user = id === null ? null : findUser(rc, id);
  return user === null ? notFound() : ok({ user });
}

function me(_: string[], rc: RouteContext): Answer {
  return ok({ user: toZendeskUser(rc.me, { context: rc.zendesk }) });
}

function showOrganization(params: string[], rc: RouteContext): Answer {
  const id = pathId(params[0]);
  const row = id === null ? undefined : rc.tenant.accountRow(id);
  return row === undefined
    ? notFound()
    : ok({ organization: toZendeskOrganization(rc.tenant.accounts[row]!, { context: rc.zendesk }) });
}

function listOrganizations(_: string[], rc: RouteContext): Answer {
  const accounts = rc.tenant.accounts;
  const { items, paging } = pageOf(rc.url, 'organizations', accounts.length, (i) =>
    toZendeskOrganization(accounts[i]!, { context: rc.zendesk }),
  );
  return ok({ organizations: items, ...paging });
}

/**
 * Ratings in the order they were given, filtered by `start_time`/`end_time` (epoch
 * seconds, on `created_at`); cursor pagination with `page[size]`/`page[after]`, offset
 * pagination otherwise.
 */
function satisfactionRatings(_: string[], rc: RouteContext): Answer {
  const q = rc.url.searchParams;
  const stream = rc.tenant.ratingStream;
  const num = (k: string): number | null | 'bad' => {
    const v = q.get(k);
    if (v === null) return null;
    return /^\d+$/.test(v) ? Number(v) : 'bad';
  };
  const start = num('start_time');
  const end = num('end_time');
  if (start === 'bad' || end === 'bad') return badRequest('start_time and end_time are epoch seconds');
  const first = start === null ? 0 : stream.after(start - 1, Number.MAX_VALUE);
  const until = end === null ? stream.length : stream.after(end - 1, Number.MAX_VALUE);
  const req = readPageRequest(q, 'satisfaction_ratings');
  const from = Math.max(first, req.mode === 'cursor' && req.from > 0 ? req.from : first + req.from);
  const { entries } = stream.read(from, Math.max(0, Math.min(req.size, until - from)));
  const ratings = entries.map((e) => {
    const t = rc.tenant.ticketAt(e.row);
    return toZendeskSatisfactionRating(t, { context: rc.zendesk, assigneeId: rc.tenant.assigneeOf(t) ?? 0 });
  });
  const hasMore = from + entries.length < until;
  const paging =
    req.mode === 'cursor'
      ? (({ meta, links }) => ({ meta, links }))(
          cursorPage(rc.url, 'satisfaction_ratings', from, entries.length, hasMore, req.size),
        )
      : offsetPage(rc.url, { ...req, from: from - first }, until - first);
  return ok({ satisfaction_ratings: ratings, ...paging });
}

const id = '(\\d+)';

export const resourceRoutes: Route[] = [
  { pattern: /^\/api\/v2\/tickets$/, endpointClass: 'default', handle: listTickets },
  { pattern: new RegExp(`^/api/v2/tickets/${id}$`), endpointClass: 'default', handle: showTicket },
  { pattern: new RegExp(`^/api/v2/tickets/${id}/metrics$`), endpointClass: 'default', handle: ticketMetrics },
  {
    pattern: new RegExp(`^/api/v2/tickets/${id}/comments$`),
    endpointClass: 'default',
    handle: ticketComments,
  },
  { pattern: /^\/api\/v2\/ticket_metrics$/, endpointClass: 'default', handle: listTicketMetrics },
  { pattern: /^\/api\/v2\/satisfaction_ratings$/, endpointClass: 'default', handle: satisfactionRatings },
  { pattern: /^\/api\/v2\/users\/me$/, endpointClass: 'default', handle: me },
  { pattern: new RegExp(`^/api/v2/users/${id}$`), endpointClass: 'default', handle: showUser },
  {
    pattern: new RegExp(`^/api/v2/users/${id}/tickets/requested$`),
    endpointClass: 'default',
    handle: requestedTickets,
  },
  { pattern: /^\/api\/v2\/organizations$/, endpointClass: 'default', handle: listOrganizations },
  {
    pattern: new RegExp(`^/api/v2/organizations/${id}$`),
    endpointClass: 'default',
    handle: showOrganization,
  },
  {
    pattern: new RegExp(`^/api/v2/organizations/${id}/tickets$`),
    endpointClass: 'default',
    handle: organizationTickets,
  },
];
