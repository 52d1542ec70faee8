/**
 * The help-center snippet's batches: schema, and their conversion to portal events with the
 * visitor id replaced by an HMAC under a per-tenant key (raw browser ids are never stored).
 */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DEVICES, PORTAL_EVENT_TYPES } from '../../core/records';
import type { PortalEvent } from '../../core/records';

export const MAX_BATCH_EVENTS = 50;
export const MAX_BATCH_BYTES = 16 * 1024;

const eventSchema = z.object({
  type: z.enum(PORTAL_EVENT_TYPES as [string, ...string[]]),
  /** Epoch ms in the browser. */
  at: z.number().int().positive(),
  query: z.string().max(500).optional(),
  result_count: z.number().int().min(0).max(1_000_000).optional(),
  clicked: z.boolean().optional(),
  article_id: z.string().max(64).optional(),
});

export const batchSchema = z.object({
  visitor: z.string().min(8).max(128),
  device: z.enum(DEVICES as [string, ...string[]]).optional(),
  events: z.array(eventSchema).min(1).max(MAX_BATCH_EVENTS),
});

export type PortalBatch = z.infer<typeof batchSchema>;

/** The first problem of an invalid batch, as `path: message`. */
export function parseBatch(value: unknown): { batch: PortalBatch } | { error: string } {
  const r = batchSchema.safeParse(value);
  if (r.success) return { batch: r.data };
  const issue = r.error.issues[0]!;
  return { error: `${issue.path.join('.') || 'body'}: ${issue.message}` };
}

/** A tenant's visitor-hashing key, derived from its secret so nothing else needs storing. */
export function visitorKey(tenantSecret: string): Buffer {
  return createHmac('sha256', tenantSecret).update('portal-pulse visitor id').digest();
}

export function hashVisitor(key: Buffer, visitor: string): string {
  return createHmac('sha256', key).update(visitor).digest('base64url').slice(0, 22);
}

/** Events outside [now - 30 days, now + 5 min] are clock errors or replays; they are dropped. */
export function toPortalEvents(batch: PortalBatch, key: Buffer, now: number): PortalEvent[] {
  const visitor = hashVisitor(key, batch.visitor);
  const device = (batch.device ?? 'desktop') as PortalEvent['device'];
  return batch.events
    .filter((e) => e.at >= now - 30 * 86_400_000 && e.at <= now + 5 * 60_000)
    .map((e) => ({
      kind: 'portal_event',
      type: e.type as PortalEvent['type'],
      occurred_at: e.at,
      visitor_id: visitor,
      person_id: null,
      account_id: null,
      query: e.type === 'search' ? (e.query ?? '') : null,
      result_count: e.type === 'search' ? (e.result_count ?? null) : null,
      clicked_result: e.type === 'search' ? (e.clicked ?? false) : null,
      article_id: e.article_id ?? null,
      device,
    }));
}
