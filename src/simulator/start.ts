/** Starting a simulator from any tenant source (the generator's, or a hand-made one in tests). */
import type { AgentInput } from '../platforms/zendesk/serialize';
import { startLive } from './live';
import type { LiveClock } from './live';
import { listen } from './server';
import { Tenant } from './tenant';
import type { TenantSource } from './tenant';
import type { WebhookDelivery } from './webhooks';

export interface SimulatorOptions {
  /** 0 = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  seed: number;
  /** small | medium | large | a ticket count. */
  scale: string;
  /** Default admin@demo.test. */
  email?: string;
  /** Default demo-token. */
  token?: string;
  /** Default demo; shown in the startup banner and used for the tenant's own addresses. */
  subdomain?: string;
  live?: boolean;
  webhookUrl?: string;
  /** Signing secret for webhooks; default "demo-webhook-secret". */
  webhookSecret?: string;
  /** Share of requests answered 5xx, in [0, 1]. */
  failRate?: number;
  /** Delay before every answer. */
  latencyMs?: number;
  /** Share of bodies cut short, in [0, 1]. */
  truncateRate?: number;
  /** Incremental exports per minute; default 10. */
  exportLimitPerMinute?: number;
  /** Other requests per minute (the plan limit); default 700. */
  limitPerMinute?: number;
  /** Live mode: new tickets per minute; default 6. */
  liveTicketsPerMinute?: number;
  /** Live mode: called after each webhook delivery attempt. */
  onWebhook?: (d: WebhookDelivery) => void;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SimulatorStats {
  tickets: number;
  people: number;
  events: number;
  packedBytes: number;
  loadMs: number;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  email: 'admin@demo.test',
  token: 'demo-token',
  subdomain: 'demo',
  webhookSecret: 'demo-webhook-secret',
  exportLimitPerMinute: 10,
  limitPerMinute: 700,
  liveTicketsPerMinute: 6,
} as const;

function rate(name: string, v: number | undefined): number {
  const r = v ?? 0;
  if (!(r >= 0 && r <= 1)) throw new RangeError(`${name} must be a share from 0 to 1, got ${v}`);
  return r;
}

/** The authenticated admin: the catalog's agent with that email, else one made for it. */
function adminFor(agents: AgentInput[], email: string): AgentInput {
  return agents.find((a) => a.email === email) ?? { id: 'admin', name: 'Demo Admin', email, role: 'admin' };
}

export async function startSimulatorFrom(
  source: TenantSource,
  opts: SimulatorOptions,
): Promise<RunningSimulator & { stats: SimulatorStats }> {
  const email = opts.email ?? DEFAULTS.email;
  const me = adminFor(source.agents, email);
  const agents = source.agents.includes(me) ? source.agents : [...source.agents, me];
  const started = performance.now();
  const tenant = Tenant.load({ ...source, agents });
  const loadMs = performance.now() - started;
  const server = await listen(tenant, {
    host: opts.host ?? DEFAULTS.host,
    port: opts.port ?? 0,
    seed: opts.seed,
    email,
    token: opts.token ?? DEFAULTS.token,
    latencyMs: opts.latencyMs ?? 0,
    failRate: rate('failRate', opts.failRate),
    truncateRate: rate('truncateRate', opts.truncateRate),
    limits: {
      incremental: opts.exportLimitPerMinute ?? DEFAULTS.exportLimitPerMinute,
      default: opts.limitPerMinute ?? DEFAULTS.limitPerMinute,
    },
    me,
  });
  let live: LiveClock | null = null;
  if (opts.live)
    live = startLive(tenant, {
      seed: opts.seed,
      ticketsPerMinute: opts.liveTicketsPerMinute ?? DEFAULTS.liveTicketsPerMinute,
      webhookUrl: opts.webhookUrl,
      webhookSecret: opts.webhookSecret ?? DEFAULTS.webhookSecret,
      onWebhook: opts.onWebhook,
    });
  return {
    url: server.url,
    port: server.port,
    stats: {
      tickets: tenant.ticketCount,
      people: tenant.personCount,
      events: tenant.eventCount,
      packedBytes: tenant.packedBytes,
      loadMs,
    },
    close: async () => {
      await live?.stop();
      await server.close();
    },
  };
}
