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
