/** A migrated database with one tenant pointing at a running simulator. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../../../src/server/db/database';
import { createZendeskClient } from '../../../src/platforms/zendesk/client';
import type { ZendeskClient, ZendeskClientOptions } from '../../../src/platforms/zendesk/client';
import { addTenant } from '../../../src/server/repo/tenants';

export const SIM_EMAIL = 'admin@demo.test';
export const SIM_TOKEN = 'demo-token';

export async function addSimTenant(db: Database, url: string, subdomain = 'demo'): Promise<string> {
  const t = await addTenant(db, {
    subdomain,
    helpdeskUrl: url,
    apiEmail: SIM_EMAIL,
    apiToken: SIM_TOKEN,
    jwtSecret: 'test-secret',
  });
  return t.id;
}

/** A client whose backoff is short, so fault tests converge fast. */
export function simClient(url: string, opts: Partial<ZendeskClientOptions> = {}): ZendeskClient {
  return createZendeskClient({
    baseUrl: url,
    email: SIM_EMAIL,
    token: SIM_TOKEN,
    retryBaseMs: 5,
    limitsPerMinute: { incremental: 10_000, default: 10_000 },
    ...opts,
  });
}

export async function tableRows(db: Database, tenantId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of ['tickets', 'persons', 'accounts']) {
    const { rows } = await db.query(`SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY id`, [tenantId]);
    out[table] = rows.map((r) => ({ ...r, tenant_id: undefined }));
  }
  return out;
}

/** PostgreSQL base URL for tests: PULSE_TEST_DATABASE_URL, else the local server if it answers. */
export async function postgresBase(): Promise<string | null> {
  const url = process.env.PULSE_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return url;
  } catch {
    return null;
  }
}

/** A fresh schema on `base` and a URL whose connections use it; drop() removes it. */
export async function pgSchema(base: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `ingest_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  await run(`CREATE SCHEMA ${schema}`);
  const u = new URL(base);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}
