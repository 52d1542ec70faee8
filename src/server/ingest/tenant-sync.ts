/** A sync pass for a tenant by subdomain, with a client built from its stored credentials. */
import { createZendeskClient } from '../../platforms/zendesk/client';
import type { ZendeskClientOptions } from '../../platforms/zendesk/client';
import type { Database } from '../db/database';
import { getTenantSecretsBySubdomain } from '../repo/tenants';
import { syncTenant } from './sync';
import type { SourceResult, SyncOptions } from './sync';

export class UnknownTenantError extends Error {
  constructor(readonly subdomain: string) {
    super(`no tenant with subdomain "${subdomain}" (add it with: portal-pulse tenant add)`);
    this.name = 'UnknownTenantError';
  }
}

export interface TenantSyncResult {
  sources: SourceResult[];
  /** HTTP requests sent to the helpdesk, retries included. */
  requests: number;
}

export type ClientTuning = Omit<ZendeskClientOptions, 'baseUrl' | 'email' | 'token'>;

export async function syncTenantBySubdomain(
  db: Database,
  subdomain: string,
  opts: SyncOptions & { client?: ClientTuning } = {},
): Promise<TenantSyncResult> {
  const t = await getTenantSecretsBySubdomain(db, subdomain);
  if (!t) throw new UnknownTenantError(subdomain);
  const client = createZendeskClient({
    ...opts.client,
    baseUrl: t.helpdesk_url,
    email: t.api_email,
    token: t.api_token,
  });
  const sources = await syncTenant(db, t.id, client, opts);
  return { sources, requests: client.requests };
}
