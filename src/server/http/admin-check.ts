import axios from 'axios';
import type { Queryable } from '../db/database';
import { getTenantSecretsById } from '../repo/tenants';
import { HttpError } from './errors';

/**
 * Asks the helpdesk whether a user is an admin (GET /api/v2/users/{id}.json with the tenant's API
 * token), because a role the browser sends could be forged. Answers are cached briefly so saving
 * settings twice does not cost two helpdesk calls.
 */
export class AdminCheck {
  private readonly cache = new Map<string, { at: number; isAdmin: boolean }>();
  constructor(
    private readonly db: Queryable,
    private readonly ttlMs = 60_000,
  ) {}

  async require(tenantId: string, userId: string): Promise<void> {
    if (!(await this.isAdmin(tenantId, userId))) {
      throw new HttpError(403, 'forbidden', 'only helpdesk admins may change settings');
    }
  }

  async isAdmin(tenantId: string, userId: string): Promise<boolean> {
    const key = `${tenantId}\u0000${userId}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.isAdmin;
    const tenant = await getTenantSecretsById(this.db, tenantId);
    if (!tenant) throw new HttpError(401, 'unauthorized', 'tenant no longer exists');
    let role: unknown;
    try {
      const res = await axios.get<{ user?: { role?: unknown } }>(
        `${tenant.helpdesk_url}/api/v2/users/${encodeURIComponent(userId)}.json`,
        {
          auth: { username: `${tenant.api_email}/token`, password: tenant.api_token },
          timeout: 5000,
          validateStatus: (s) => s === 200 || s === 404,
        },
      );
      role = res.status === 200 ? res.data.user?.role : undefined;
    } catch (err) {
      // The axios error holds the request config (with the token); only its message leaves here.
      const reason = axios.isAxiosError(err) ? (err.response?.status ?? err.code ?? 'no response') : 'error';
      throw new HttpError(
        502,
        'helpdesk_unavailable',
        `could not check the user's role with the helpdesk (${reason})`,
      );
    }
    const isAdmin = role === 'admin';
    this.cache.set(key, { at: Date.now(), isAdmin });
    return isAdmin;
  }
}
