/**
 * Live mode: health computed in the browser with src/core over what a few helpdesk calls
 * return. Partial by design – the tenant comparison rests on its newest tickets, and the
 * help center is invisible without the backend.
 */
import { accountHealthOf, accountKeyFigures, accountTrend } from '../../src/core/health';
import { prepareDataset } from '../../src/core/prepare';
import type { Account } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { activitySummary } from '../../src/core/summary';
import type { SidebarData, SidebarTarget, TicketInsight } from '../sidebar/model';
import type { ZafSession } from '../zaf/ClientProvider';
import { fetchLiveTickets } from './helpdesk-calls';

export async function loadLive(session: ZafSession, target: SidebarTarget): Promise<SidebarData> {
  const { tickets, ticket } = await fetchLiveTickets(session.client, target);
  const accounts: Account[] =
    target.organizationId === null
      ? []
      : [{ kind: 'account', id: target.organizationId, name: '', tags: [], created_at: null }];
  const settings = DEFAULT_SETTINGS;
  const prepared = prepareDataset({ accounts, persons: [], tickets, events: [] }, settings);
  const asOf = prepared.dataAsOf ?? Date.now();
  const id = target.organizationId;
  const health = id === null ? null : accountHealthOf(prepared, settings, id, asOf);
  const predictor = prepared.csatPredictor;
  const insight: TicketInsight | null = ticket && {
    ticket_id: ticket.id,
    status: ticket.status,
    satisfaction: ticket.satisfaction,
    predicted_good: predictor ? predictor(ticket) : null,
    model: prepared.csatModel,
    portal: {
      hours: settings.ticket_after_portal_hours,
      known: false,
      searched: false,
      read_articles: false,
      queries: [],
      articles: [],
    },
  };
  return {
    mode: 'live',
    partial: true,
    dataAsOf: prepared.dataAsOf === null ? null : new Date(prepared.dataAsOf).toISOString(),
    accountId: id,
    account:
      id !== null && health
        ? {
            id,
            health,
            trend: accountTrend(prepared, settings, id, asOf)?.points ?? [],
            keyFigures: accountKeyFigures(prepared, settings, id, asOf),
            summary: activitySummary(prepared, id, asOf, { days: settings.health_window_days }),
          }
        : null,
    ticket: insight,
  };
}
