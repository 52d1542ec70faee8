/**
 * POST /portal-events/:subdomain – batches from the help-center theme snippet. CORS only for
 * the tenant's help-center origins (the origin is reflected, never `*`); text/plain accepted
 * because that is what `navigator.sendBeacon` sends without a preflight; size-, schema- and
 * rate-limited; visitor ids hashed before storage.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database';
import { MAX_BATCH_BYTES, parseBatch, toPortalEvents, visitorKey } from '../ingest/portal-batch';
import { PerKeyRateLimit } from '../ingest/rate-window';
import { PortalEventWriter } from '../ingest/event-writer';
import { getTenantSecretsBySubdomain } from '../repo/tenants';

interface CachedTenant {
  id: string;
  origins: Set<string>;
  key: Buffer;
  until: number;
}

export interface PortalEventsOptions {
  db: Database;
  /** Batches a minute per address + visitor; default 120. */
  perMinute?: number;
  now?: () => number;
}

const TENANT_TTL_MS = 30_000;

export async function portalEventRoutes(app: FastifyInstance, opts: PortalEventsOptions): Promise<void> {
  const now = opts.now ?? Date.now;
  const limiter = new PerKeyRateLimit(opts.perMinute ?? 120, now);
  const tenants = new Map<string, CachedTenant>();
  const writer = new PortalEventWriter(opts.db);

  // Origins change rarely; a short cache keeps the database off the hot path.
  async function tenantOf(subdomain: string): Promise<CachedTenant | null> {
    const hit = tenants.get(subdomain);
    if (hit && hit.until > now()) return hit;
    const t = await getTenantSecretsBySubdomain(opts.db, subdomain);
    if (!t) return null;
    const { rows } = await opts.db.query<{ help_center_origins: string[] }>(
      `SELECT help_center_origins FROM tenants WHERE id = $1`,
      [t.id],
    );
    const entry = {
      id: t.id,
      origins: new Set(rows[0]?.help_center_origins ?? []),
      key: visitorKey(t.jwt_secret),
      until: now() + TENANT_TTL_MS,
    };
    tenants.set(subdomain, entry);
    return entry;
  }

  const fail = (reply: FastifyReply, status: number, error: string, message: string) =>
    reply.code(status).send({ error, message });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BATCH_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  async function allowedTenant(
    subdomain: string,
    origin: string | undefined,
    reply: FastifyReply,
  ): Promise<CachedTenant | null> {
    const tenant = await tenantOf(subdomain);
    if (!tenant) {
      await fail(reply, 404, 'unknown_tenant', 'no such tenant');
      return null;
    }
    if (origin === undefined || !tenant.origins.has(origin)) {
      await fail(reply, 403, 'origin_not_allowed', "origin is not one of this tenant's help-center origins");
      return null;
    }
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    return tenant;
  }

  app.options<{ Params: { subdomain: string } }>('/portal-events/:subdomain', async (req, reply) => {
    if (!(await allowedTenant(req.params.subdomain, req.headers.origin, reply))) return reply;
    return reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '600')
      .send();
  });

  app.post<{ Params: { subdomain: string } }>('/portal-events/:subdomain', async (req, reply) => {
    const tenant = await allowedTenant(req.params.subdomain, req.headers.origin, reply);
    if (!tenant) return reply;
    let value: unknown;
    try {
      value = JSON.parse(typeof req.body === 'string' ? req.body : '');
    } catch {
      return fail(reply, 400, 'malformed_json', 'body is not valid JSON');
    }
    const parsed = parseBatch(value);
    if ('error' in parsed) return fail(reply, 400, 'invalid_batch', parsed.error);
    if (!limiter.take(`${tenant.id}|${req.ip}|${parsed.batch.visitor}`))
      return fail(reply, 429, 'rate_limited', 'too many batches from this visitor; retry in a minute');
    const events = toPortalEvents(parsed.batch, tenant.key, now());
    if (events.length > 0) await writer.add(tenant.id, events);
    return reply.code(202).send({ accepted: events.length });
  });
}
