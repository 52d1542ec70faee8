/** Cursor rows of `sync_state` (migration 100): leases and compare-and-swap commits. */
import type { Queryable } from '../db/database';

export class LeaseTakenError extends Error {
  constructor(readonly source: string) {
    super(`another worker holds the ${source} sync lease`);
    this.name = 'LeaseTakenError';
  }
}

/**
 * Claims the source for `owner` for `leaseMs` and returns its cursor (null: never synced).
 * Throws LeaseTakenError while another owner's lease is live.
 */
export async function claimSource(
  db: Queryable,
  tenantId: string,
  source: string,
  owner: string,
  leaseMs: number,
): Promise<string | null> {
  await db.query(
    `INSERT INTO sync_state (tenant_id, source) VALUES ($1, $2) ON CONFLICT (tenant_id, source) DO NOTHING`,
    [tenantId, source],
  );
  const { rows } = await db.query<{ cursor: string | null }>(
    `UPDATE sync_state SET lease_owner = $3, lease_until = now() + ($4::bigint * interval '1 millisecond')
     WHERE tenant_id = $1 AND source = $2
       AND (lease_owner IS NULL OR lease_owner = $3 OR lease_until < now())
     RETURNING cursor`,
    [tenantId, source, owner, leaseMs],
  );
  if (rows.length === 0) throw new LeaseTakenError(source);
  return rows[0]!.cursor;
}

/**
 * Moves the cursor from `from` to `to` inside the page's transaction. False when the cursor
 * is no longer `from` (another worker applied this page): the caller must roll back.
 */
export async function advanceCursor(
  tx: Queryable,
  tenantId: string,
  source: string,
  from: string | null,
  to: string,
  owner: string,
  leaseMs: number,
): Promise<boolean> {
  const { rows } = await tx.query(
    `UPDATE sync_state SET cursor = $4, pages = pages + 1, updated_at = now(),
       lease_until = now() + ($6::bigint * interval '1 millisecond')
     WHERE tenant_id = $1 AND source = $2 AND cursor IS NOT DISTINCT FROM $3 AND lease_owner = $5
     RETURNING 1`,
    [tenantId, source, from, to, owner, leaseMs],
  );
  return rows.length === 1;
}

export async function releaseSource(
  db: Queryable,
  tenantId: string,
  source: string,
  owner: string,
): Promise<void> {
  await db.query(
    `UPDATE sync_state SET lease_owner = NULL, lease_until = NULL
     WHERE tenant_id = $1 AND source = $2 AND lease_owner = $3`,
    [tenantId, source, owner],
  );
}

export async function getCursor(db: Queryable, tenantId: string, source: string): Promise<string | null> {
  const { rows } = await db.query<{ cursor: string | null }>(
    `SELECT cursor FROM sync_state WHERE tenant_id = $1 AND source = $2`,
    [tenantId, source],
  );
  return rows[0]?.cursor ?? null;
}
