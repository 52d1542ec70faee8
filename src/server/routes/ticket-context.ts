/**
 * GET /api/v1/sidebar: everything one open of a sidebar needs, in one request – the account's
 * detail (health, trend, summary, key figures), this ticket's predicted satisfaction with the
 * model's accuracy, and what the requester did on the help center just before filing it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { PortalEvent, Ticket } from '../../core/records';
import { DatasetCache, type DatasetSnapshot } from '../dataset/dataset-cache';
import { HttpError } from '../http/errors';
import { iso, windowJson } from '../http/query';
import { authOf } from './context';
import type { EngineOptions } from './metrics';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Enough to show what the requester looked for; a bot's hundred searches would not help an agent. */
const MAX_LISTED = 5;

/** The predicted-CSAT model as the sidebar words it ("accuracy (AUC) 0.81 on 1,204 rated tickets"). */
export type CsatModelInfo =
  | { status: 'ok'; auc: number; trained_on: number }
  | { status: 'insufficient_data'; rated_tickets: number; needed: number }
  | { status: 'unavailable'; reason: string };

/** What the requester did on the help center in the hours before filing the ticket. */
export interface PortalActivityBefore {
  /** The look-back, `ticket_after_portal_hours` (the same window as the ticket-after-portal rate). */
  hours: number;
  /** False when the requester has no portal events at all (anonymous, or no tracking). */
  known: boolean;
  searched: boolean;
  read_articles: boolean;
  /** Distinct queries, newest first, at most five. */
  queries: string[];
  /** Distinct article ids read, newest first, at most five. */
  articles: string[];
}

export interface TicketInsight {
  ticket_id: string;
  status: Ticket['status'];
  satisfaction: Ticket['satisfaction'];
  /** P(good rating) from the tenant's model; null without a model. */
  predicted_good: number | null;
  model: CsatModelInfo;
  portal: PortalActivityBefore;
}

/** The response of GET /api/v1/sidebar. */
export interface SidebarContext {
  data_as_of: string | null;
  /** The account asked for (or the ticket's), null when there is none or it has no data. */
  account_id: string | null;
  /** The account's detail as GET /accounts/:id gives it, plus the health window. */
  account: ({ window: { from: string; to: string } } & Record<string, unknown>) | null;
  ticket: TicketInsight | null;
}

type CsatPredictor = (t: Ticket) => number;

/** The prepared dataset's predicted-CSAT parts, when the engine's dataset carries them. */
function csatParts(prepared: unknown): { predictor: CsatPredictor | null; model: CsatModelInfo } {
  const p = (typeof prepared === 'object' && prepared !== null ? prepared : {}) as {
    csatPredictor?: unknown;
    csatModel?: CsatModelInfo;
  };
  return {
    predictor: typeof p.csatPredictor === 'function' ? (p.csatPredictor as CsatPredictor) : null,
    model: p.csatModel ?? { status: 'unavailable', reason: 'this engine trains no predicted-CSAT model' },
  };
}

/** Newest-first distinct values, at most MAX_LISTED. */
function distinctNewest(values: Array<string | null>): string[] {
  const out: string[] = [];
  for (let i = values.length - 1; i >= 0 && out.length < MAX_LISTED; i--) {
    const v = values[i]?.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * The requester's help-center activity in [created_at − hours, created_at]: the look-back of the
 * ticket-after-portal rate, so "searched before filing" means what the metric counts.
 */
export function portalActivityBefore(
  ticket: Pick<Ticket, 'created_at'>,
  requesterEvents: readonly PortalEvent[],
  hours: number,
): PortalActivityBefore {
  const from = ticket.created_at - hours * HOUR;
  const within = requesterEvents
    .filter((e) => e.occurred_at >= from && e.occurred_at <= ticket.created_at)
    .sort((a, b) => a.occurred_at - b.occurred_at);
  const searches = within.filter((e) => e.type === 'search');
  const reads = within.filter((e) => e.type === 'article_view');
  return {
    hours,
    known: requesterEvents.length > 0,
    searched: searches.length > 0,
    read_articles: reads.length > 0,
    queries: distinctNewest(searches.map((e) => e.query)),
    articles: distinctNewest(reads.map((e) => e.article_id)),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const ID = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\s]+$' } as const;

export function ticketContextRoutes<P>(): FastifyPluginAsync<EngineOptions<P>> {
  return async (app, { engine, datasets }) => {
    const ticketsById = (snap: DatasetSnapshot<P>) =>
      DatasetCache.memo(snap, 'sidebar|tickets', () => new Map(snap.records.tickets.map((t) => [t.id, t])));
    const eventsByPerson = (snap: DatasetSnapshot<P>) =>
      DatasetCache.memo(snap, 'sidebar|events', () => groupBy(snap.records.events, (e) => e.person_id));

    const insightOf = (snap: DatasetSnapshot<P>, ticket: Ticket): TicketInsight => {
      const { predictor, model } = csatParts(snap.prepared);
      return {
        ticket_id: ticket.id,
        status: ticket.status,
        satisfaction: ticket.satisfaction,
        predicted_good: predictor ? predictor(ticket) : null,
        model,
        portal: portalActivityBefore(
          ticket,
          eventsByPerson(snap).get(ticket.requester_id) ?? [],
          snap.settings.ticket_after_portal_hours,
        ),
      };
    };

    app.get<{ Querystring: { ticket?: string; organization?: string } }>(
      '/sidebar',
      {
        schema: {
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: { ticket: ID, organization: ID },
          },
        },
      },
      async (request): Promise<SidebarContext> => {
        const { ticket: ticketId, organization } = request.query;
        if (ticketId === undefined && organization === undefined)
          throw new HttpError(400, 'invalid_request', 'give ticket, organization or both', 'ticket');
        const snap = await datasets.get(authOf(request).tenantId);
        const ticket = ticketId === undefined ? undefined : ticketsById(snap).get(ticketId);
        // A ticket newer than the last sync is not an error: the account part still answers.
        const accountId = organization ?? ticket?.account_id ?? null;
        // The same as-of as GET /accounts/:id, so both routes show an account the same way.
        const newest = engine.dataAsOf?.(snap.prepared) ?? null;
        const asOf = newest !== null ? newest + 1 : (snap.dataAsOf ?? Date.now());
        let account: SidebarContext['account'] = null;
        if (accountId !== null) {
          const detail = DatasetCache.memo(snap, `sidebar|account|${asOf}|${accountId}`, () =>
            engine.accountDetail(snap.prepared, snap.settings, accountId, asOf),
          );
          const window = { from: asOf - snap.settings.health_window_days * DAY, to: asOf };
          if (detail !== null) account = { window: windowJson(window), ...detail };
        }
        return {
          data_as_of: iso(snap.dataAsOf),
          account_id: accountId,
          account,
          ticket: ticket ? insightOf(snap, ticket) : null,
        };
      },
    );
  };
}
