import { randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../db/database';

/** What may be shown anywhere: never the helpdesk API token nor the JWT secret. */
export interface Tenant {
  id: string;
  subdomain: string;
  helpdesk_url: string;
  api_email: string;
  help_center_origins: string[];
  created_at: string;
}

/** Credentials for server-side use only (JWT verification, helpdesk calls); never serialize. */
export interface TenantSecrets {
  id: string;
  subdomain: string;
  helpdesk_url: string;
  api_email: string;
  api_token: string;
  jwt_secret: string;
}

export interface NewTenant {
  subdomain: string;
  helpdeskUrl: string;
  apiEmail: string;
  apiToken: string;
  jwtSecret: string;
  helpCenterOrigins?: string[];
}

const PUBLIC_COLUMNS = `id, subdomain, helpdesk_url, api_email, help_center_origins,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS created_at`;

export class DuplicateTenantError extends Error {
  constructor(readonly subdomain: string) {
    super(`a tenant with subdomain "${subdomain}" already exists`);
    this.name = 'DuplicateTenantError';
  }
}

export async function addTenant(db: Queryable, t: NewTenant): Promise<Tenant> {
  const { rows } = await db.query<Tenant>(
    `INSERT INTO tenants (id, subdomain, helpdesk_url, api_email, api_token, jwt_secret, help_center_origins)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (subdomain) DO NOTHING
     RETURNING ${PUBLIC_COLUMNS}`,
    [
      randomUUID(),
      t.subdomain,
      t.helpdeskUrl.replace(/\/+$/, ''),
      t.apiEmail,
      t.apiToken,
      t.jwtSecret,
      t.helpCenterOrigins ?? [],
    ],
  );
  if (!rows[0]) throw new DuplicateTenantError(t.subdomain);
  return rows[0];
}

export async function getTenantBySubdomain(db: Queryable, subdomain: string): Promise<Tenant | null> {
  const { rows } = await db.query<Tenant>(`SELECT ${PUBLIC_COLUMNS} FROM tenants WHERE subdomain = $1`, [
    subdomain,
  ]);
  return rows[0] ?? null;
}

export async function getTenantById(db: Queryable, id: string): Promise<Tenant | null> {
  const { rows } = await db.query<Tenant>(`SELECT ${PUBLIC_COLUMNS} FROM tenants WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listTenants(db: Queryable): Promise<Tenant[]> {
  return (await db.query<Tenant>(`SELECT ${PUBLIC_COLUMNS} FROM tenants ORDER BY subdomain`)).rows;
}

/** Tables holding a tenant's records; they carry no foreign key (see 002_records.sql). */
const RECORD_TABLES = ['accounts', 'persons', 'tickets', 'portal_events'] as const;

/** Removes the tenant and all its rows, in one transaction. Returns false when there was no such tenant. */
export async function removeTenant(db: Database, subdomain: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>('DELETE FROM tenants WHERE subdomain = $1 RETURNING id', [
      subdomain,
    ]);
    const id = rows[0]?.id;
    if (id === undefined) return false;
    for (const table of RECORD_TABLES) await tx.query(`DELETE FROM ${table} WHERE tenant_id = $1`, [id]);
    return true;
  });
}

export async function getTenantSecretsBySubdomain(
  db: Queryable,
  subdomain: string,
): Promise<TenantSecrets | null> {
  const { rows } = await db.query<TenantSecrets>(
    `SELECT id, subdomain, helpdesk_url, api_email, api_token, jwt_secret FROM tenants WHERE subdomain = $1`,
    [subdomain],
  );
  return rows[0] ?? null;
}

export async function getTenantSecretsById(db: Queryable, id: string): Promise<TenantSecrets | null> {
  const { rows } = await db.query<TenantSecrets>(
    `SELECT id, subdomain, helpdesk_url, api_email, api_token, jwt_secret FROM tenants WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}
