/**
 * Live mode: over wall-clock time the tenant keeps working. Requesters open tickets
 * (modelled on existing ones), agents answer and solve them, some get rated, and
 * signed-in people keep searching and reading the help center. Every ticket change is
 * posted as a signed Zendesk webhook when a URL is configured.
 */
import type { Device, PortalEvent, Satisfaction, Ticket } from '../core/records';
import { DEVICES } from '../core/records';
import type { ZendeskTicketEventType } from '../platforms/zendesk/types';
import { prng } from './faults';
import type { Tenant } from './tenant';
import type { WebhookDelivery } from './webhooks';
import { postWebhook, ticketEvent } from './webhooks';

export interface LiveOptions {
  seed: number;
  /** New tickets per minute; the tick interval follows (at most one a second). */
  ticketsPerMinute: number;
  webhookUrl?: string;
  webhookSecret: string;
  now?: () => number;
  onWebhook?: (d: WebhookDelivery) => void;
}

export interface LiveClock {
  stop(): Promise<void>;
}

/** Ids for new tickets continuing after the largest one, so they sort last like Zendesk's. */
function liveTicketIds(tenant: Tenant): (n: number) => string {
  let max = 0;
  for (let r = 0; r < tenant.ticketCount; r++) max = Math.max(max, tenant.ticketZidAt(r));
  return max < 1e15 ? (n) => String(Math.max(0, max - 1000) + n) : (n) => `live-${n}`;
}

export function startLive(tenant: Tenant, opts: LiveOptions): LiveClock {
  const now = opts.now ?? Date.now;
  const rand = prng(opts.seed ^ 0x11fe);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const nextId = liveTicketIds(tenant);
  const open: number[] = [];
  const pending = new Set<Promise<void>>();
  let created = 0;
  let seq = 0;

  const emit = (
    type: ZendeskTicketEventType,
    t: Ticket,
    at: number,
    event: Record<string, unknown>,
  ): void => {
    if (!opts.webhookUrl) return;
    const e = ticketEvent(type, t, at, event, { assigneeId: tenant.assigneeOf(t), seq: seq++ });
    const p = postWebhook(opts.webhookUrl, opts.webhookSecret, e, at).then((d) => opts.onWebhook?.(d));
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  const createTicket = (at: number): void => {
    if (tenant.ticketCount === 0) return;
    const model = tenant.ticketAt(Math.floor(rand() * tenant.ticketCount));
    created++;
    const t: Ticket = {
      ...model,
      id: nextId(created),
      created_at: at,
      status: 'new',
      solved_at: null,
      agent_replies: 0,
      reopens: 0,
      group_stations: 1,
      first_reply_minutes: null,
      full_resolution_minutes: null,
      satisfaction: 'unoffered',
    };
    open.push(tenant.addTicket(t));
    emit('zen:event-type:ticket.created', t, at, {});
  };

  const advanceTicket = (at: number): void => {
    if (open.length === 0) return;
    const i = Math.floor(rand() * open.length);
    const row = open[i] as number;
    const t = tenant.ticketAt(row);
    const minutes = Math.max(1, Math.round((at - t.created_at) / 60_000));
    let next: Ticket;
    if (t.status === 'new') {
      next = { ...t, status: 'open', agent_replies: 1, first_reply_minutes: minutes };
    } else {
      const r = rand();
      const satisfaction: Satisfaction = r < 0.3 ? 'good' : r < 0.4 ? 'bad' : 'offered';
      next = { ...t, status: 'solved', solved_at: at, full_resolution_minutes: minutes, satisfaction };
      open.splice(i, 1);
    }
    tenant.updateTicket(row, next, at);
    emit('zen:event-type:ticket.status_changed', next, at, {
      current: next.status.toUpperCase(),
      previous: t.status.toUpperCase(),
    });
  };

  const portalEvent = (at: number): void => {
    if (tenant.personCount === 0 || tenant.articles.length === 0) return;
    const person = tenant.personAt(Math.floor(rand() * tenant.personCount));
    const article = pick(tenant.articles);
    const device: Device = pick(DEVICES);
    const visitor = `v-live-${person.id}`;
    const base = {
      kind: 'portal_event' as const,
      visitor_id: visitor,
      person_id: person.id,
      account_id: person.account_id,
      device,
    };
    const search: PortalEvent = {
      ...base,
      type: 'search',
      occurred_at: at,
      query: article.title.toLowerCase().split(/\s+/).slice(0, 3).join(' '),
      result_count: 1 + Math.floor(rand() * 8),
      clicked_result: true,
      article_id: article.id,
    };
    tenant.addEvent(search);
    tenant.addEvent({
      ...base,
      type: 'article_view',
      occurred_at: at + 2000,
      query: null,
      result_count: null,
      clicked_result: null,
      article_id: article.id,
    });
  };

  const perTick = Math.max(1, opts.ticketsPerMinute) / 60;
  const tickMs = Math.max(50, Math.min(1000, Math.round(1000 / perTick)));
  const chance = (perTick * tickMs) / 1000;
  const timer = setInterval(() => {
    const at = now();
    if (rand() < chance) createTicket(at);
    if (rand() < chance * 1.5) advanceTicket(at);
    if (rand() < chance * 2) portalEvent(at);
  }, tickMs);
  timer.unref();

  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all([...pending]);
    },
  };
}
