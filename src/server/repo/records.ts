import { createHash } from 'node:crypto';
import type { Account, Person, PortalEvent, PulseRecord, Ticket } from '../../core/records';
import type { Queryable } from '../db/database';

export interface UpsertCounts {
  inserted: number;
  updated: number;
}

interface Column<R> {
  name: string;
  /** PostgreSQL array type the column's values are sent as (one parameter per column). */
  type: string;
  /** Expression turning the unnested value into the stored one. */
  cast?: string;
  value: (r: R) => unknown;
}

interface TableSpec<R> {
  table: string;
  columns: Column<R>[];
  key: (r: R) => string;
}

const tagsColumn = <R extends { tags: string[] }>(): Column<R> => ({
  name: 'tags',
  type: 'text[]',
  cast: 'tags::jsonb',
  value: (r) => JSON.stringify(r.tags),
});

const ACCOUNTS: TableSpec<Account> = {
  table: 'accounts',
  key: (r) => r.id,
  columns: [
    { name: 'id', type: 'text[]', value: (r) => r.id },
    { name: 'name', type: 'text[]', value: (r) => r.name },
    tagsColumn<Account>(),
    { name: 'created_at', type: 'bigint[]', value: (r) => r.created_at },
  ],
};

const PERSONS: TableSpec<Person> = {
  table: 'persons',
  key: (r) => r.id,
  columns: [
    { name: 'id', type: 'text[]', value: (r) => r.id },
    { name: 'account_id', type: 'text[]', value: (r) => r.account_id },
    { name: 'name', type: 'text[]', value: (r) => r.name },
    { name: 'email', type: 'text[]', value: (r) => r.email },
  ],
};

const TICKETS: TableSpec<Ticket> = {
  table: 'tickets',
  key: (r) => r.id,
  columns: [
    { name: 'id', type: 'text[]', value: (r) => r.id },
    { name: 'account_id', type: 'text[]', value: (r) => r.account_id },
    { name: 'requester_id', type: 'text[]', value: (r) => r.requester_id },
    { name: 'channel', type: 'text[]', value: (r) => r.channel },
    { name: 'priority', type: 'text[]', value: (r) => r.priority },
    { name: 'status', type: 'text[]', value: (r) => r.status },
    { name: 'created_at', type: 'bigint[]', value: (r) => r.created_at },
    { name: 'solved_at', type: 'bigint[]', value: (r) => r.solved_at },
    { name: 'agent_replies', type: 'int[]', value: (r) => r.agent_replies },
    { name: 'reopens', type: 'int[]', value: (r) => r.reopens },
    { name: 'group_stations', type: 'int[]', value: (r) => r.group_stations },
    { name: 'first_reply_minutes', type: 'float8[]', value: (r) => r.first_reply_minutes },
    { name: 'full_resolution_minutes', type: 'float8[]', value: (r) => r.full_resolution_minutes },
    { name: 'satisfaction', type: 'text[]', value: (r) => r.satisfaction },
    tagsColumn<Ticket>(),
    { name: 'subject', type: 'text[]', value: (r) => r.subject },
    { name: 'description', type: 'text[]', value: (r) => r.description },
  ],
};

/** An event's content in the order of the portal_events columns after tenant_id and id. */
export function portalEventContent(e: PortalEvent): unknown[] {
  return [
    e.type,
    e.occurred_at,
    e.visitor_id,
    e.person_id,
    e.account_id,
    e.query,
    e.result_count,
    e.clicked_result,
    e.article_id,
    e.device,
  ];
}

/** Same event content → same id, so replaying an event (import, retried beacon) stores it once. */
export function portalEventId(e: PortalEvent): string {
  return createHash('sha1')
    .update(JSON.stringify(portalEventContent(e)))
    .digest('base64url');
}

const PORTAL_EVENTS: TableSpec<PortalEvent> = {
  table: 'portal_events',
  key: portalEventId,
  columns: [
    { name: 'id', type: 'text[]', value: portalEventId },
    { name: 'type', type: 'text[]', value: (r) => r.type },
    { name: 'occurred_at', type: 'bigint[]', value: (r) => r.occurred_at },
    { name: 'visitor_id', type: 'text[]', value: (r) => r.visitor_id },
    { name: 'person_id', type: 'text[]', value: (r) => r.person_id },
    { name: 'account_id', type: 'text[]', value: (r) => r.account_id },
    { name: 'query', type: 'text[]', value: (r) => r.query },
    { name: 'result_count', type: 'int[]', value: (r) => r.result_count },
    { name: 'clicked_result', type: 'boolean[]', value: (r) => r.clicked_result },
    { name: 'article_id', type: 'text[]', value: (r) => r.article_id },
    { name: 'device', type: 'text[]', value: (r) => r.device },
  ],
};

/** One statement per table; one parameter per column (unnest), so a batch has no row limit. */
function upsertSql<R>(spec: TableSpec<R>): string {
  const names = spec.columns.map((c) => c.name);
  const params = spec.columns.map((c, i) => `$${i + 2}::${c.type}`).join(', ');
  const selected = spec.columns.map((c) => c.cast ?? c.name).join(', ');
  const data = names.filter((n) => n !== 'id');
  const set = data.map((n) => `${n} = excluded.${n}`).join(', ');
  const changed = `(${data.map((n) => `${spec.table}.${n}`).join(', ')}) IS DISTINCT FROM (${data
    .map((n) => `excluded.${n}`)
    .join(', ')})`;
  return `INSERT INTO ${spec.table} (tenant_id, ${names.join(', ')})
    SELECT $1, ${selected} FROM unnest(${params}) AS u(${names.join(', ')})
    ON CONFLICT (tenant_id, id) DO UPDATE SET ${set} WHERE ${changed}
    RETURNING (xmax = 0) AS inserted`;
}

const SQL = new Map<TableSpec<never>, string>();
function sqlFor<R>(spec: TableSpec<R>): string {
  const key = spec as unknown as TableSpec<never>;
  let sql = SQL.get(key);
  if (!sql) {
    sql = upsertSql(spec);
    SQL.set(key, sql);
  }
  return sql;
}

async function upsertTable<R>(
  tx: Queryable,
  tenantId: string,
  spec: TableSpec<R>,
  rows: R[],
): Promise<UpsertCounts> {
  if (rows.length === 0) return { inserted: 0, updated: 0 };
  // ON CONFLICT cannot touch one row twice in a statement: the last record with a key wins.
  const unique = [...new Map(rows.map((r) => [spec.key(r), r])).values()];
  const params: unknown[] = [tenantId, ...spec.columns.map((c) => unique.map(c.value))];
  const result = await tx.query<{ inserted: boolean }>(sqlFor(spec), params);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return { inserted, updated: result.rows.length - inserted };
}

/**
 * Inserts new records and updates changed ones for one tenant. Idempotent: records already stored
 * with the same content count as neither inserted nor updated and are not written. When anything
 * changed, the tenant's data version is bumped in the same transaction so readers reload.
 */
export async function upsertRecords(
  tx: Queryable,
  tenantId: string,
  records: PulseRecord[],
): Promise<UpsertCounts> {
  const accounts: Account[] = [];
  const persons: Person[] = [];
  const tickets: Ticket[] = [];
  const events: PortalEvent[] = [];
  for (const r of records) {
    if (r.kind === 'account') accounts.push(r);
    else if (r.kind === 'person') persons.push(r);
    else if (r.kind === 'ticket') tickets.push(r);
    else events.push(r);
  }
  const counts = [
    await upsertTable(tx, tenantId, ACCOUNTS, accounts),
    await upsertTable(tx, tenantId, PERSONS, persons),
    await upsertTable(tx, tenantId, TICKETS, tickets),
    await upsertTable(tx, tenantId, PORTAL_EVENTS, events),
  ];
  const total = counts.reduce(
    (a, c) => ({ inserted: a.inserted + c.inserted, updated: a.updated + c.updated }),
    {
      inserted: 0,
      updated: 0,
    },
  );
  if (total.inserted + total.updated > 0) await bumpDataVersion(tx, tenantId);
  return total;
}

export async function bumpDataVersion(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query(
    `INSERT INTO data_versions (tenant_id, version, changed_at) VALUES ($1, 1, now())
     ON CONFLICT (tenant_id) DO UPDATE SET version = data_versions.version + 1, changed_at = now()`,
    [tenantId],
  );
}

export async function getDataVersion(db: Queryable, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ version: string | number }>(
    'SELECT version FROM data_versions WHERE tenant_id = $1',
    [tenantId],
  );
  return rows[0] ? Number(rows[0].version) : 0;
}
