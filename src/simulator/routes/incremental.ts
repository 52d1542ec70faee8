/**
 * Incremental exports: cursor-based tickets (with metric_sets/users/organizations
 * sideloads) and users, time-based organizations. Class `incremental` (10 a minute).
 */
import type {
  ZendeskIncrementalPage,
  ZendeskIncrementalTicketsPage,
  ZendeskIncrementalUsersPage,
  ZendeskOrganization,
  ZendeskTicketMetric,
  ZendeskTimeBasedOrganizationsPage,
  ZendeskUser,
} from '../../platforms/zendesk/types';
import { toZendeskMetricSet, toZendeskOrganization, toZendeskUser } from '../../platforms/zendesk/serialize';
import type { Answer, Route, RouteContext } from '../answer';
import { badRequest, ok } from '../answer';
import { decodeIncrementalCursor, encodeIncrementalCursor } from '../pagination';
import type { Stream, StreamEntry } from '../tenant';
import { serializeTicket, serializeUserRow } from './serializers';

const MAX_PER_PAGE = 1000;
const SIDELOADS = new Set(['metric_sets', 'users', 'organizations']);

interface CursorRead {
  entries: StreamEntry[];
  hasMore: boolean;
  afterCursor: string;
  perPage: number | null;
}

/** Reads a cursor export request (`start_time` or `cursor`, `per_page`) from a stream. */
function readCursorExport(rc: RouteContext, stream: Stream): CursorRead | Answer {
  const q = rc.url.searchParams;
  const perPageParam = q.get('per_page');
  const perPage = perPageParam === null ? null : Number(perPageParam);
  if (perPage !== null && (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE))
    return badRequest(`per_page must be an integer from 1 to ${MAX_PER_PAGE}`);
  const cursorParam = q.get('cursor');
  const startParam = q.get('start_time');
  let from: number;
  let emptyCursor: string;
  if (cursorParam !== null) {
    const c = decodeIncrementalCursor(cursorParam);
    if (c === null) return badRequest('cursor is invalid');
    from = stream.after(c.ts, c.id);
    emptyCursor = cursorParam;
  } else if (startParam !== null && /^\d+$/.test(startParam)) {
    const start = Number(startParam);
    from = stream.after(start - 1, Number.MAX_VALUE);
    emptyCursor = encodeIncrementalCursor(start, 0);
  } else {
    return badRequest('start_time or cursor is required');
  }
  const { entries, hasMore } = stream.read(from, perPage ?? MAX_PER_PAGE);
  const last = entries.at(-1);
  return {
    entries,
    hasMore,
    perPage,
    afterCursor: last ? encodeIncrementalCursor(last.ts, last.id) : emptyCursor,
  };
}

function afterUrl(rc: RouteContext, path: string, read: CursorRead, include: string | null): string {
  const u = new URL(`${rc.zendesk.baseUrl}${path}`);
  u.searchParams.set('cursor', read.afterCursor);
  if (read.perPage !== null) u.searchParams.set('per_page', String(read.perPage));
  if (include !== null) u.searchParams.set('include', include);
  return u.toString();
}

function paging(
  rc: RouteContext,
  path: string,
  read: CursorRead,
  include: string | null,
): ZendeskIncrementalPage {
  return {
    after_url: afterUrl(rc, path, read, include),
    before_url: null,
    after_cursor: read.afterCursor,
    before_cursor: null,
    end_of_stream: !read.hasMore,
  };
}

function incrementalTickets(_: string[], rc: RouteContext): Answer {
  const { tenant } = rc;
  const read = readCursorExport(rc, tenant.ticketStream);
  if ('status' in read) return read;
  const include = rc.url.searchParams.get('include');
  const wanted = new Set((include ?? '').split(',').filter((s) => SIDELOADS.has(s)));
  const tickets = read.entries.map((e) => serializeTicket(rc, e.row));
  const body: Omit<ZendeskIncrementalTicketsPage, keyof ZendeskIncrementalPage> = { tickets };
  if (wanted.has('metric_sets'))
    body.metric_sets = read.entries.map((e): ZendeskTicketMetric =>
      toZendeskMetricSet(tenant.ticketAt(e.row), { context: rc.zendesk }),
    );
  if (wanted.has('users')) {
    const users = new Map<number, ZendeskUser>();
    for (const e of read.entries) {
      const p = tenant.requesterRow(e.row);
      if (p >= 0) {
        const u = serializeUserRow(rc, p);
        users.set(u.id, u);
      }
    }
    for (const t of tickets) {
      const agent = t.assignee_id === null ? undefined : tenant.agentRow(t.assignee_id);
      if (agent !== undefined)
        users.set(t.assignee_id as number, toZendeskUser(tenant.agents[agent]!, { context: rc.zendesk }));
    }
    body.users = [...users.values()];
  }
  if (wanted.has('organizations')) {
    const orgs = new Map<number, ZendeskOrganization>();
    for (const e of read.entries) {
      const a = tenant.accountRowOfTicket(e.row);
      if (a >= 0) {
        const o = toZendeskOrganization(tenant.accounts[a]!, { context: rc.zendesk });
        orgs.set(o.id, o);
      }
    }
    body.organizations = [...orgs.values()];
  }
  const page: ZendeskIncrementalTicketsPage = {
    ...body,
    ...paging(rc, '/api/v2/incremental/tickets/cursor.json', read, include),
  };
  return ok(page);
}

function incrementalUsers(_: string[], rc: RouteContext): Answer {
  const read = readCursorExport(rc, rc.tenant.userStream);
  if ('status' in read) return read;
  const users = read.entries.map((e) => serializeUserRow(rc, e.row));
  const page: ZendeskIncrementalUsersPage = {
    users,
    ...paging(rc, '/api/v2/incremental/users/cursor.json', read, null),
  };
  return ok(page);
}

/**
 * Time-based export, Zendesk's shape: up to 1000 organizations updated at or after
 * `start_time`, extended to every organization sharing the last timestamp (as Zendesk
 * does, so a client must de-duplicate); `next_page` starts at `end_time`.
 */
function incrementalOrganizations(_: string[], rc: RouteContext): Answer {
  const startParam = rc.url.searchParams.get('start_time');
  if (startParam === null || !/^\d+$/.test(startParam)) return badRequest('start_time is required');
  const start = Number(startParam);
  const stream = rc.tenant.organizationStream;
  const from = stream.after(start - 1, Number.MAX_VALUE);
  const { entries, hasMore } = stream.read(from, MAX_PER_PAGE);
  let more = hasMore;
  const last = entries.at(-1);
  if (last && hasMore) {
    const sameSecond = stream.read(from + entries.length, Infinity, last.ts + 1);
    entries.push(...sameSecond.entries);
    more = stream.read(from + entries.length, 1).entries.length > 0;
  }
  const endTime = last ? last.ts : start;
  // A page of one timestamp would be served again from end_time; step past it.
  const nextStart = last && entries[0]!.ts === endTime && more ? endTime + 1 : endTime;
  const next = new URL(`${rc.zendesk.baseUrl}/api/v2/incremental/organizations.json`);
  next.searchParams.set('start_time', String(nextStart));
  const page: ZendeskTimeBasedOrganizationsPage = {
    organizations: entries.map((e) =>
      toZendeskOrganization(rc.tenant.accounts[e.row]!, { context: rc.zendesk }),
    ),
    next_page: next.toString(),
    count: entries.length,
    end_of_stream: !more,
    end_time: endTime,
  };
  return ok(page);
}

export const incrementalRoutes: Route[] = [
  {
    pattern: /^\/api\/v2\/incremental\/tickets\/cursor$/,
    endpointClass: 'incremental',
    handle: incrementalTickets,
  },
  {
    pattern: /^\/api\/v2\/incremental\/users\/cursor$/,
    endpointClass: 'incremental',
    handle: incrementalUsers,
  },
  {
    pattern: /^\/api\/v2\/incremental\/organizations$/,
    endpointClass: 'incremental',
    handle: incrementalOrganizations,
  },
];
