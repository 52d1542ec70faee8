/**
 * One ingestion pass for a tenant: every source from its stored cursor to the end of its
 * stream. Each page's records and the cursor after it commit in one transaction (see
 * sync-state.ts), so a pass can be killed at any point and the next one resumes exactly.
 */
import { randomUUID } from 'node:crypto';
import type { PulseRecord } from '../../core/records';
import type { ZendeskClient } from '../../platforms/zendesk/client';
import { parseAccount, parsePerson, parseTicketsPage } from '../../platforms/zendesk/parse';
import type {
  ZendeskIncrementalTicketsPage,
  ZendeskIncrementalUsersPage,
  ZendeskTimeBasedOrganizationsPage,
} from '../../platforms/zendesk/types';
import type { Database } from '../db/database';
import { upsertRecords } from '../repo/records';
import { recordSyncError, recordSyncSuccess } from '../repo/sync-status';
import { refreshMarkedTickets } from './refresh';
import { advanceCursor, claimSource, releaseSource } from './sync-state';

export type SourceName = 'tickets' | 'users' | 'organizations';
/** Tickets webhooks marked; fetched one by one after the exports. */
export const REFRESH_SOURCE = 'refresh';
export const SOURCES: readonly SourceName[] = ['tickets', 'users', 'organizations'];

/** What one source's page gives: its records, the cursor after it, and whether more follow. */
interface FetchedPage {
  records: PulseRecord[];
  next: string;
  done: boolean;
}

type PageFetcher = (client: ZendeskClient, cursor: string | null, perPage: number) => Promise<FetchedPage>;

const keep = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);

function cursorQuery(cursor: string | null, perPage: number, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams(cursor === null ? { start_time: '0' } : { cursor });
  q.set('per_page', String(perPage));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

const FETCHERS: Record<SourceName, PageFetcher> = {
  async tickets(client, cursor, perPage) {
    const include = { include: 'metric_sets,users,organizations' };
    const page = await client.get<ZendeskIncrementalTicketsPage>(
      `/api/v2/incremental/tickets/cursor.json?${cursorQuery(cursor, perPage, include)}`,
      'incremental',
    );
    const records: PulseRecord[] = [
      ...keep((page.organizations ?? []).map(parseAccount)),
      ...keep((page.users ?? []).map(parsePerson)),
      ...parseTicketsPage(page),
    ];
    return { records, next: page.after_cursor ?? cursor ?? '', done: page.end_of_stream };
  },
  async users(client, cursor, perPage) {
    const page = await client.get<ZendeskIncrementalUsersPage>(
      `/api/v2/incremental/users/cursor.json?${cursorQuery(cursor, perPage)}`,
      'incremental',
    );
    return {
      records: keep(page.users.map(parsePerson)),
      next: page.after_cursor ?? cursor ?? '',
      done: page.end_of_stream,
    };
  },
  // Time-based: the cursor is the next start_time; Zendesk pages are at most 1000 and ignore per_page.
  async organizations(client, cursor) {
    const page = await client.get<ZendeskTimeBasedOrganizationsPage>(
      `/api/v2/incremental/organizations.json?start_time=${cursor ?? '0'}`,
      'incremental',
    );
    const nextStart = page.next_page === null ? null : new URL(page.next_page).searchParams.get('start_time');
    return {
      records: keep(page.organizations.map(parseAccount)),
      next: nextStart ?? String(page.end_time),
      done: page.end_of_stream,
    };
  },
};

export class CursorMovedError extends Error {
  constructor(readonly source: string) {
    super(`the ${source} cursor moved under this worker; its page was not applied`);
    this.name = 'CursorMovedError';
  }
}

export interface SourceResult {
  source: SourceName | typeof REFRESH_SOURCE;
  pages: number;
  /** Records read from the helpdesk. */
  fetched: number;
  /** Rows inserted or changed. */
  changed: number;
  error: string | null;
}

export interface SyncOptions {
  /** Records per page; the fewest requests come from the largest page (1000). */
  perPage?: number;
  sources?: readonly SourceName[];
  /** Worker id for leases; default a random one. */
  owner?: string;
  leaseMs?: number;
  /** Called after each committed page (tests use it to stop or kill mid-run). */
  onPage?: (source: SourceName, pages: number) => void | Promise<void>;
}

async function syncSource(
  db: Database,
  tenantId: string,
  client: ZendeskClient,
  source: SourceName,
  opts: Required<Omit<SyncOptions, 'sources' | 'onPage'>> & Pick<SyncOptions, 'onPage'>,
): Promise<SourceResult> {
  const result: SourceResult = { source, pages: 0, fetched: 0, changed: 0, error: null };
  let cursor = await claimSource(db, tenantId, source, opts.owner, opts.leaseMs);
  try {
    for (;;) {
      const page = await FETCHERS[source](client, cursor, opts.perPage);
      const from = cursor;
      const counts = await db.transaction(async (tx) => {
        if (!(await advanceCursor(tx, tenantId, source, from, page.next, opts.owner, opts.leaseMs)))
          throw new CursorMovedError(source);
        return upsertRecords(tx, tenantId, page.records);
      });
      cursor = page.next;
      result.pages++;
      result.fetched += page.records.length;
      result.changed += counts.inserted + counts.updated;
      await opts.onPage?.(source, result.pages);
      if (page.done) break;
    }
    await recordSyncSuccess(db, tenantId, source, new Date(), result.changed);
  } finally {
    await releaseSource(db, tenantId, source, opts.owner);
  }
  return result;
}

/**
 * Runs each source to the end of its stream, then refreshes tickets webhooks marked. A
 * failing source is recorded (sync_status last_error) and reported, and the others still run.
 */
export async function syncTenant(
  db: Database,
  tenantId: string,
  client: ZendeskClient,
  options: SyncOptions = {},
): Promise<SourceResult[]> {
  const opts = {
    perPage: options.perPage ?? 1000,
    owner: options.owner ?? randomUUID(),
    leaseMs: options.leaseMs ?? 5 * 60_000,
    onPage: options.onPage,
  };
  const results: SourceResult[] = [];
  for (const source of options.sources ?? SOURCES) {
    try {
      results.push(await syncSource(db, tenantId, client, source, opts));
    } catch (err) {
      const message = (err as Error).message;
      await recordSyncError(db, tenantId, source, message);
      results.push({ source, pages: 0, fetched: 0, changed: 0, error: message });
    }
  }
  if (options.sources === undefined) {
    try {
      const r = await refreshMarkedTickets(db, tenantId, client);
      results.push({
        source: REFRESH_SOURCE,
        pages: 0,
        fetched: r.refreshed,
        changed: r.changed,
        error: null,
      });
    } catch (err) {
      const message = (err as Error).message;
      await recordSyncError(db, tenantId, REFRESH_SOURCE, message);
      results.push({ source: REFRESH_SOURCE, pages: 0, fetched: 0, changed: 0, error: message });
    }
  }
  return results;
}
