import type { Queryable } from '../db/database';

export interface SourceStatus {
  source: string;
  last_success_at: string | null;
  data_as_of: string | null;
  records: number;
  last_error: string | null;
  last_error_at: string | null;
}

const iso = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS ${col}`;

/** Records a successful pass of one source: `records` is added to the running total. */
export async function recordSyncSuccess(
  db: Queryable,
  tenantId: string,
  source: string,
  dataAsOf: Date,
  records: number,
): Promise<void> {
  await db.query(
    `INSERT INTO sync_status (tenant_id, source, last_success_at, data_as_of, records)
     VALUES ($1, $2, now(), $3, $4)
     ON CONFLICT (tenant_id, source) DO UPDATE SET last_success_at = now(),
       data_as_of = GREATEST(sync_status.data_as_of, excluded.data_as_of),
       records = sync_status.records + excluded.records`,
    [tenantId, source, dataAsOf.toISOString(), records],
  );
}

export async function recordSyncError(
  db: Queryable,
  tenantId: string,
  source: string,
  message: string,
): Promise<void> {
  await db.query(
    `INSERT INTO sync_status (tenant_id, source, last_error, last_error_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (tenant_id, source) DO UPDATE SET last_error = excluded.last_error, last_error_at = now()`,
    [tenantId, source, message],
  );
}

export async function listSyncStatus(db: Queryable, tenantId: string): Promise<SourceStatus[]> {
  const { rows } = await db.query<SourceStatus & { records: string | number }>(
    `SELECT source, ${iso('last_success_at')}, ${iso('data_as_of')}, records, last_error, ${iso('last_error_at')}
     FROM sync_status WHERE tenant_id = $1 ORDER BY source`,
    [tenantId],
  );
  return rows.map((r) => ({ ...r, records: Number(r.records) }));
}
