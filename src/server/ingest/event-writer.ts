/**
 * Group commit for portal events: requests arriving while a write is in flight join the next
 * write, so many small beacons cost one statement (and one data-version bump per tenant)
 * instead of one transaction each. Every caller's promise settles when its events are
 * committed.
 *
 * The write is a single statement – insert the new events, bump the versions of the tenants
 * that got any – so it is atomic on its own and takes one database round trip, where
 * BEGIN, upsert, bump and COMMIT took four while every waiting beacon's latency grew.
 */
import type { PortalEvent } from '../../core/records';
import type { Database } from '../db/database';
import { portalEventContent, portalEventId } from '../repo/records';

interface Pending {
  byTenant: Map<string, PortalEvent[]>;
  waiters: { resolve: () => void; reject: (err: Error) => void }[];
}

/**
 * An event's id is the hash of all its content, so a conflict is the same event stored again
 * (a retried beacon): skipping it is the idempotent upsert. The version bump is the one
 * `bumpDataVersion` makes, for the tenants that gained a row.
 */
const INSERT_EVENTS = `WITH inserted AS (
  INSERT INTO portal_events (tenant_id, id, type, occurred_at, visitor_id, person_id, account_id, query,
    result_count, clicked_result, article_id, device)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::int[], $10::boolean[], $11::text[], $12::text[])
  ON CONFLICT (tenant_id, id) DO NOTHING
  RETURNING tenant_id
), bumped AS (
  INSERT INTO data_versions (tenant_id, version, changed_at)
  SELECT DISTINCT tenant_id, 1, now() FROM inserted
  ON CONFLICT (tenant_id) DO UPDATE SET version = data_versions.version + 1, changed_at = now()
)
SELECT count(*)::int AS inserted FROM inserted`;

/** One parameter array per column, without repeats (ON CONFLICT cannot see rows of its own statement). */
function columns(byTenant: Map<string, PortalEvent[]>): unknown[][] {
  const cols: unknown[][] = Array.from({ length: 12 }, () => []);
  for (const [tenantId, events] of byTenant) {
    const seen = new Set<string>();
    for (const e of events) {
      const id = portalEventId(e);
      if (seen.has(id)) continue;
      seen.add(id);
      const row = [tenantId, id, ...portalEventContent(e)];
      for (let c = 0; c < row.length; c++) (cols[c] as unknown[]).push(row[c]);
    }
  }
  return cols;
}

export class PortalEventWriter {
  private pending: Pending | null = null;
  private writing = false;

  constructor(private readonly db: Database) {}

  add(tenantId: string, events: PortalEvent[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const p: Pending = (this.pending ??= { byTenant: new Map(), waiters: [] });
      const list = p.byTenant.get(tenantId);
      if (list) list.push(...events);
      else p.byTenant.set(tenantId, [...events]);
      p.waiters.push({ resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.pending) {
      const batch = this.pending;
      this.pending = null;
      try {
        await this.db.query(INSERT_EVENTS, columns(batch.byTenant));
        for (const w of batch.waiters) w.resolve();
      } catch (err) {
        for (const w of batch.waiters) w.reject(err as Error);
      }
    }
    this.writing = false;
  }
}
