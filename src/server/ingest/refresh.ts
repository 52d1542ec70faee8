/** Fetches the tickets webhooks marked, so a change shows before the next export page carries it. */
import type { ZendeskClient } from '../../platforms/zendesk/client';
import { ZendeskRequestError } from '../../platforms/zendesk/client';
import { parseTicket } from '../../platforms/zendesk/parse';
import type { Database } from '../db/database';
import { upsertRecords } from '../repo/records';
import { clearMark, markedTickets } from './webhook-events';

export interface RefreshResult {
  refreshed: number;
  changed: number;
}

/** Up to `limit` marked tickets, two requests each (ticket, metric set); a 404 just clears the mark. */
export async function refreshMarkedTickets(
  db: Database,
  tenantId: string,
  client: ZendeskClient,
  limit = 100,
): Promise<RefreshResult> {
  const result: RefreshResult = { refreshed: 0, changed: 0 };
  for (const id of await markedTickets(db, tenantId, limit)) {
    const path = `/api/v2/tickets/${encodeURIComponent(id)}`;
    let ticket: unknown = null;
    let metric: unknown = null;
    try {
      ticket = (await client.get<{ ticket?: unknown }>(`${path}.json`, 'default')).ticket;
      metric = (await client.get<{ ticket_metric?: unknown }>(`${path}/metrics.json`, 'default'))
        .ticket_metric;
    } catch (err) {
      if (!(err instanceof ZendeskRequestError && err.status === 404)) throw err;
    }
    const parsed = parseTicket(ticket, metric);
    const counts = await db.transaction(async (tx) => {
      await clearMark(tx, tenantId, id);
      return upsertRecords(tx, tenantId, parsed ? [parsed] : []);
    });
    result.refreshed++;
    result.changed += counts.inserted + counts.updated;
  }
  return result;
}
