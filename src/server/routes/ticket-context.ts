/**
 * GET /api/v1/sidebar: everything one open of a sidebar needs, in one request – the account's
 * detail (health, trend, summary, key figures), this ticket's predicted satisfaction with the
 * model's accuracy, and what the requester did on the help center just before filing it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { PortalEvent, Ticket } from '../../core/records';
import { DatasetCache, type DatasetSnapshot } from '../dataset/dataset-cache';
import type { Queryable } from '../db/database';
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
  requesterEvents: readonly RequesterEvent[],
  hours: number,
  known = requesterEvents.length > 0,
): PortalActivityBefore {
  const from = ticket.created_at - hours * HOUR;
  const within = requesterEvents
    .filter((e) => e.occurred_at >= from && e.occurred_at <= ticket.created_at)
    .sort((a, b) => a.occurred_at - b.occurred_at);
  const searches = within.filter((e) => e.type === 'search');
  const reads = within.filter((e) => e.type === 'article_view');
  return {
    hours,
    known,
    searched: searches.length > 0,
    read_articles: reads.length > 0,
    queries: distinctNewest(searches.map((e) => e.query)),
    articles: distinctNewest(reads.map((e) => e.article_id)),
  };
}

/** The fields of a portal event the sidebar shows. */
export type RequesterEvent = Pick<PortalEvent, 'type' | 'occurred_at' | 'query' | 'article_id'>;

/**
 * The requester's events in the look-back before the ticket, from the database (the server keeps
 * no event objects), and whether the requester has any events at all.
 */
async function requesterEventsBefore(
  db: Queryable,
  tenantId: string,
  ticket: Pick<Ticket, 'requester_id' | 'created_at'>,
  hours: number,
): Promise<{ events: RequesterEvent[]; known: boolean }> {
  const { rows } = await db.query<RequesterEvent>(
    `SELECT type, occurred_at::float8 AS occurred_at, query, article_id FROM portal_events
     WHERE tenant_id = $1 AND person_id = $2 AND occurred_at BETWEEN $3 AND $4
     ORDER BY occurred_at`,
    [tenantId, ticket.requester_id, ticket.created_at - hours * HOUR, ticket.created_at],
  );
  if (rows.length > 0) return { events: rows, known: true };
  const any = await db.query('SELECT 1 FROM portal_events WHERE tenant_id = $1 AND person_id = $2 LIMIT 1', [
    tenantId,
    ticket.requester_id,
  ]);
  return { events: [], known: any.rows.length > 0 };
}

const ID = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[^\\s]+$' } as const;

export function ticketContextRoutes<P>(): FastifyPluginAsync<EngineOptions<P>> {
  return async (app, { engine, datasets, db }) => {
    const ticketsById = (snap: DatasetSnapshot<P>) =>
      DatasetCache.memo(snap, 'sidebar|tickets', () => new Map(snap.records.tickets.map((t) => [t.id, t])));
    const insightOf = async (
      snap: DatasetSnapshot<P>,
      tenantId: string,
      ticket: Ticket,
    ): Promise<TicketInsight> => {
      const { predictor, model } = csatParts(snap.prepared);
      const hours = snap.settings.ticket_after_portal_hours;
      const { events, known } = await requesterEventsBefore(db, tenantId, ticket, hours);
      return {
        ticket_id: ticket.id,
        status: ticket.status,
        satisfaction: ticket.satisfaction,
        predicted_good: predictor ? predictor(ticket) : null,
        model,
        portal: portalActivityBefore(ticket, events, hours, known),
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
        const { tenantId } = authOf(request);
        const snap = await datasets.get(tenantId);
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
          ticket: ticket ? await insightOf(snap, tenantId, ticket) : null,
        };
      },
    );
  };
}
