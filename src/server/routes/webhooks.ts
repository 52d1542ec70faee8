/**
 * POST /webhooks/zendesk/:subdomain – Zendesk ticket event webhooks. The signature is checked
 * over the raw body with the tenant's secret; stale timestamps (replays) and repeated event
 * ids are refused or ignored; an accepted event only marks its ticket for the next sync pass,
 * which fetches it (polling stays the source of truth).
 */
import type { FastifyInstance } from 'fastify';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../../platforms/zendesk/webhook-signature';
import type { Database } from '../db/database';
import { acceptWebhookEvent } from '../ingest/webhook-events';
import { getTenantSecretsBySubdomain } from '../repo/tenants';

/** Zendesk's own guidance: refuse signatures older than five minutes. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;
const WEBHOOK_BODY_LIMIT = 256 * 1024;

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export async function webhookRoutes(
  app: FastifyInstance,
  opts: { db: Database; now?: () => number },
): Promise<void> {
  const now = opts.now ?? Date.now;
  // Encapsulated: only these routes see the body as raw bytes, as the signature needs.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );

  app.post<{ Params: { subdomain: string } }>('/webhooks/zendesk/:subdomain', async (req, reply) => {
    const tenant = await getTenantSecretsBySubdomain(opts.db, req.params.subdomain);
    if (!tenant) return reply.code(404).send({ error: 'unknown_tenant', message: 'no such tenant' });
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const timestamp = header(req.headers[TIMESTAMP_HEADER]);
    const signature = header(req.headers[SIGNATURE_HEADER]);
    if (!verifyWebhook(tenant.jwt_secret, timestamp, raw, signature))
      return reply.code(401).send({ error: 'bad_signature', message: 'webhook signature does not verify' });
    const at = Date.parse(timestamp ?? '');
    if (Number.isNaN(at) || Math.abs(now() - at) > WEBHOOK_TOLERANCE_SECONDS * 1000)
      return reply.code(401).send({
        error: 'stale_timestamp',
        message: `signature timestamp is more than ${WEBHOOK_TOLERANCE_SECONDS} s old`,
      });
    let event: unknown;
    try {
      event = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'malformed_json', message: 'webhook body is not valid JSON' });
    }
    const e = event as { id?: unknown; detail?: { id?: unknown } } | null;
    const eventId = typeof e?.id === 'string' ? e.id : null;
    const ticketId = e?.detail?.id;
    if (eventId === null || (typeof ticketId !== 'string' && typeof ticketId !== 'number'))
      return reply.code(400).send({
        error: 'invalid_event',
        message: 'webhook event needs a string id and detail.id (the ticket)',
      });
    const accepted = await acceptWebhookEvent(opts.db, tenant.id, eventId, String(ticketId));
    return reply.code(accepted ? 202 : 200).send({ status: accepted ? 'accepted' : 'duplicate' });
  });
}
