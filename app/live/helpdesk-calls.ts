/**
 * Live mode's reads of the helpdesk: at most three `client.request` calls per open, each a
 * single page, parsed into core records with the same parser the backend's sync uses.
 */
import type { Ticket } from '../../src/core/records';
import { parseTicketsPage } from '../../src/platforms/zendesk/parse';
import type { ZafClient } from '../zaf/types';

/** One page: Zendesk's largest for cursor-paginated ticket lists. */
const PAGE = 100;

/** The requests of one open, in order; exported so tests can hold the budget to account. */
export function liveRequestUrls(target: {
  ticketId: string | null;
  organizationId: string | null;
}): string[] {
  const urls: string[] = [];
  if (target.organizationId !== null)
    urls.push(
      `/api/v2/organizations/${encodeURIComponent(target.organizationId)}/tickets.json?page[size]=${PAGE}&sort=-id&include=metric_sets`,
    );
  // The tenant's newest tickets: what "tenant typical" is measured on in live mode.
  urls.push(`/api/v2/tickets.json?page[size]=${PAGE}&sort=-id&include=metric_sets`);
  if (target.ticketId !== null)
    urls.push(`/api/v2/tickets/${encodeURIComponent(target.ticketId)}.json?include=metric_sets`);
  return urls;
}

async function ticketsAt(client: ZafClient, url: string): Promise<Ticket[]> {
  const page = await client.request<Record<string, unknown>>({ url, type: 'GET', dataType: 'json' });
  // A single ticket comes as `{ ticket, metric_sets }`; lists as `{ tickets, metric_sets }`.
  return parseTicketsPage(
    'ticket' in page ? { tickets: [page.ticket], metric_sets: page.metric_sets } : page,
  );
}

export interface LiveTickets {
  /** The account's and the tenant's tickets, each once. */
  tickets: Ticket[];
  /** The open ticket, when there is one. */
  ticket: Ticket | null;
}

export async function fetchLiveTickets(
  client: ZafClient,
  target: { ticketId: string | null; organizationId: string | null },
): Promise<LiveTickets> {
  const pages = await Promise.all(liveRequestUrls(target).map((url) => ticketsAt(client, url)));
  const byId = new Map<string, Ticket>();
  for (const t of pages.flat()) byId.set(t.id, t);
  return {
    tickets: [...byId.values()],
    ticket: target.ticketId === null ? null : (byId.get(target.ticketId) ?? null),
  };
}
