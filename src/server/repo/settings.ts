import type { Settings } from '../../core/settings';
import type { Queryable } from '../db/database';
import { withDefaults } from '../settings-schema';

export async function getSettings(db: Queryable, tenantId: string): Promise<Settings> {
  const { rows } = await db.query<{ data: Parameters<typeof withDefaults>[0] }>(
    'SELECT data FROM settings WHERE tenant_id = $1',
    [tenantId],
  );
  return withDefaults(rows[0]?.data);
}

export async function saveSettings(db: Queryable, tenantId: string, settings: Settings): Promise<void> {
  await db.query(
    `INSERT INTO settings (tenant_id, data, updated_at) VALUES ($1, $2::jsonb, now())
     ON CONFLICT (tenant_id) DO UPDATE SET data = excluded.data, updated_at = now()`,
    [tenantId, JSON.stringify(settings)],
  );
}

/** One saved change: when, by which helpdesk user, and which top-level settings it changed. */
export interface SettingsChange {
  at: string;
  changed_by: string;
  keys: string[];
}

/** Top-level settings whose value differs, in the settings' own order. */
export function changedKeys(before: Settings, after: Settings): string[] {
  return (Object.keys(after) as Array<keyof Settings>).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}

export async function recordSettingsChange(
  db: Queryable,
  tenantId: string,
  userId: string,
  keys: string[],
): Promise<void> {
  await db.query('INSERT INTO settings_history (tenant_id, changed_by, keys) VALUES ($1, $2, $3)', [
    tenantId,
    userId,
    keys,
  ]);
}

/** Changes saved in [from, to), oldest first. */
export async function listSettingsChanges(
  db: Queryable,
  tenantId: string,
  from: number,
  to: number,
): Promise<SettingsChange[]> {
  const { rows } = await db.query<{ changed_at: Date | string; changed_by: string; keys: string[] }>(
    `SELECT changed_at, changed_by, keys FROM settings_history
     WHERE tenant_id = $1 AND changed_at >= $2 AND changed_at < $3 ORDER BY changed_at, id`,
    [tenantId, new Date(from).toISOString(), new Date(to).toISOString()],
  );
  return rows.map((r) => ({
    at: new Date(r.changed_at).toISOString(),
    changed_by: r.changed_by,
    keys: r.keys,
  }));
}
