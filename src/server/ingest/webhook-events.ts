/** Webhook bookkeeping: accepted event ids (de-duplication) and tickets marked for refresh. */
import type { Database, Queryable } from '../db/database';

/**
 * Records the event and marks its ticket in one transaction. False when the event id was
 * already accepted (a redelivery): nothing is written.
 */
export async function acceptWebhookEvent(
  db: Database,
  tenantId: string,
  eventId: string,
  ticketId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO webhook_events (tenant_id, event_id) VALUES ($1, $2)
       ON CONFLICT (tenant_id, event_id) DO NOTHING RETURNING 1`,
      [tenantId, eventId],
    );
    if (rows.length === 0) return false;
    await tx.query(
      `INSERT INTO ticket_refresh (tenant_id, ticket_id) VALUES ($1, $2)
       ON CONFLICT (tenant_id, ticket_id) DO UPDATE SET marked_at = now()`,
      [tenantId, ticketId],
    );
    return true;
  });
}

export async function markedTickets(db: Queryable, tenantId: string, limit: number): Promise<string[]> {
  const { rows } = await db.query<{ ticket_id: string }>(
    `SELECT ticket_id FROM ticket_refresh WHERE tenant_id = $1 ORDER BY marked_at LIMIT $2`,
    [tenantId, limit],
  );
  return rows.map((r) => r.ticket_id);
}

export async function clearMark(tx: Queryable, tenantId: string, ticketId: string): Promise<void> {
  await tx.query(`DELETE FROM ticket_refresh WHERE tenant_id = $1 AND ticket_id = $2`, [tenantId, ticketId]);
}
