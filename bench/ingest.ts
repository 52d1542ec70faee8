/**
 * Ingestion budgets: (1) the portal events endpoint over real loopback HTTP, batches of 10 events
 * as the snippet sends them, on PGlite (on disk, as `serve` keeps it) and PostgreSQL, each for 10 s
 * after a 2 s warm-up (JIT and database caches), in two ways:
 *  - steady: batches sent on a fixed schedule at the budget's 2,000 events a second whatever is
 *    still outstanding (open loop), latency counted from each batch's scheduled time, so a stall
 *    shows in every batch it delays – this is the budget's "2,000 events/s with p99 ≤ 20 ms";
 *  - saturation: 4 senders posting back to back – the most the endpoint takes, and its latency
 *    there;
 * (2) a sync pass from the simulator – requests used against the minimum the page size allows,
 * and whether any request was refused for the rate limit.
 *
 * The senders run in a child process so their own work (fetch, JSON, timers) neither takes the
 * server's event loop nor lands in its latency figures.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { buildServer } from '../src/server/app';
import { openDatabase } from '../src/server/db/database';
import type { Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { syncTenant } from '../src/server/ingest/sync';
import { createZendeskClient } from '../src/platforms/zendesk/client';
import { addTenant } from '../src/server/repo/tenants';
import { startSimulator } from '../src/simulator';
import type { BenchPart, BenchResult } from './types';

const ORIGIN = 'https://help.bench.test';
const WARM_UP_SECONDS = 2;
const SECONDS = 10;
const SENDERS = 4;
const BATCH = 10;
/** The budget's rate, for the steady run. */
const STEADY_EVENTS_PER_SECOND = 2000;

/** What the load child measured over the timed part of its run. */
interface Load {
  events: number;
  /** Events sent including the warm-up, for the server's CPU per event. */
  allEvents: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  /** The child's own CPU seconds: the client's cost, kept apart from the server's. */
  clientCpuSeconds: number;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;

/** The load child: SENDERS loops posting BATCH-event batches, each from a fresh visitor. */
async function sendLoad(base: string): Promise<Load> {
  const latencies: number[] = [];
  let events = 0;
  let allEvents = 0;
  let n = 0;
  const start = performance.now();
  const timedFrom = start + WARM_UP_SECONDS * 1000;
  const end = timedFrom + SECONDS * 1000;
  let cpu = process.cpuUsage();
  let cpuReset = false;
  const sender = async (s: number) => {
    while (performance.now() < end) {
      const body = batchBody(`bench-visitor-${s}-${n++ % 100_000}`, Date.now());
      const t0 = performance.now();
      await post(base, body);
      const t1 = performance.now();
      allEvents += BATCH;
      if (t0 < timedFrom) continue;
      if (!cpuReset) {
        cpuReset = true;
        cpu = process.cpuUsage();
      }
      latencies.push(t1 - t0);
      events += BATCH;
    }
  };
  await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    events,
    allEvents,
    seconds: (performance.now() - timedFrom) / 1000,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    clientCpuSeconds: (used.user + used.system) / 1e6,
  };
}

/** One batch from a fresh visitor (real clients are many: the per-visitor limit is not measured here). */
function batchBody(visitor: string, at: number): string {
  return JSON.stringify({
    visitor,
    events: Array.from({ length: BATCH }, (_, i) => ({ type: 'page_view', at: at - i })),
  });
}

async function post(base: string, body: string): Promise<void> {
  const res = await fetch(`${base}/portal-events/bench`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', origin: ORIGIN },
    body,
  });
  await res.arrayBuffer();
  if (res.status !== 202) throw new Error(`portal events answered ${res.status}`);
}

/** The steady child: a batch every 1000 / (rate / BATCH) ms on schedule, latency from the schedule. */
async function sendSteady(base: string): Promise<Load> {
  const interval = 1000 / (STEADY_EVENTS_PER_SECOND / BATCH);
  const total = Math.round(((WARM_UP_SECONDS + SECONDS) * 1000) / interval);
  const warmUp = Math.round((WARM_UP_SECONDS * 1000) / interval);
  const start = performance.now() + 50;
  const latencies: number[] = [];
  const inFlight: Promise<void>[] = [];
  let cpu = process.cpuUsage();
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    if (k === warmUp) cpu = process.cpuUsage();
    const body = batchBody(`bench-steady-${k}`, Date.now());
    inFlight.push(
      post(base, body).then(() => {
        if (k >= warmUp) latencies.push(performance.now() - due);
      }),
    );
  }
  await Promise.all(inFlight);
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  return {
    events: latencies.length * BATCH,
    allEvents: total * BATCH,
    seconds: (performance.now() - (start + warmUp * interval)) / 1000,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    p99: quantile(latencies, 0.99),
    clientCpuSeconds: (used.user + used.system) / 1e6,
  };
}

function loadInChild(base: string, mode: '--load' | '--steady'): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, mode, base], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1) as string) as Load)
        : reject(new Error(`portal events load failed: ${err}`)),
    ),
  );
}

async function portalEvents(db: Database): Promise<BenchResult[]> {
  await addTenant(db, {
    subdomain: 'bench',
    helpdeskUrl: 'https://bench.zendesk.com',
    apiEmail: 'b@bench.test',
    apiToken: 'tok',
    jwtSecret: 'bench-secret',
    helpCenterOrigins: [ORIGIN],
  });
  const app = await buildServer({ db });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  let steady: Load;
  let load: Load;
  const serverCpu = process.cpuUsage();
  try {
    steady = await loadInChild(base, '--steady');
    load = await loadInChild(base, '--load');
  } finally {
    await app.close();
  }
  const used = process.cpuUsage(serverCpu);
  const ms = (x: number) => Math.round(x * 10) / 10;
  const name = `portal events (${db.kind})`;
  const rate = STEADY_EVENTS_PER_SECOND.toLocaleString('en-US');
  return [
    {
      name: `${name}: steady ${rate} events/s offered, events/s taken`,
      value: Math.round(steady.events / steady.seconds),
      unit: 'events/s',
      budget: { min: STEADY_EVENTS_PER_SECOND * 0.99 },
    },
    { name: `${name}: steady ${rate} events/s, p50 latency`, value: ms(steady.p50), unit: 'ms' },
    { name: `${name}: steady ${rate} events/s, p95 latency`, value: ms(steady.p95), unit: 'ms' },
    {
      name: `${name}: steady ${rate} events/s, p99 latency`,
      value: ms(steady.p99),
      unit: 'ms',
      budget: { max: 20 },
    },
    {
      name: `${name}: saturation (${SENDERS} senders back to back), events/s`,
      value: Math.round(load.events / load.seconds),
      unit: 'events/s',
      budget: { min: 2000 },
    },
    { name: `${name}: saturation p50 latency`, value: ms(load.p50), unit: 'ms' },
    { name: `${name}: saturation p99 latency`, value: ms(load.p99), unit: 'ms' },
    {
      // Over both runs including warm-ups: what the server and database cost per event.
      name: `${name}: server CPU per 1,000 events`,
      value: ms((used.user + used.system) / (steady.allEvents + load.allEvents)),
      unit: 'CPU ms',
    },
  ];
}

async function syncRequests(db: Database): Promise<BenchResult[]> {
  const perPage = 1000;
  const sim = await startSimulator({ port: 0, seed: 1, scale: '5000', exportLimitPerMinute: 10 });
  try {
    const t = await addTenant(db, {
      subdomain: 'bench-sync',
      helpdeskUrl: sim.url,
      apiEmail: 'admin@demo.test',
      apiToken: 'demo-token',
      jwtSecret: 's',
    });
    const client = createZendeskClient({ baseUrl: sim.url, email: 'admin@demo.test', token: 'demo-token' });
    const results = await syncTenant(db, t.id, client, { perPage });
    const failed = results.find((r) => r.error !== null);
    if (failed) throw new Error(`sync failed: ${failed.error}`);
    // Tickets: one page per 1000 (plus none: the last page says end_of_stream); users and organizations fit one each.
    const minimum = Math.ceil(sim.stats.tickets / perPage) + Math.ceil(sim.stats.people / perPage) + 1;
    return [
      {
        name: `sync ${sim.stats.tickets} tickets at 10 exports/min: requests used`,
        value: client.requests,
        unit: 'requests',
        budget: { max: minimum },
      },
    ];
  } finally {
    await sim.close();
  }
}

/**
 * A migrated database of its own: PGlite in a temporary folder on disk (as `serve` keeps it), a
 * throwaway schema on PostgreSQL.
 */
async function withDatabase<T>(url: string | undefined, fn: (db: Database) => Promise<T>): Promise<T> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  let db: Database;
  let dir: string | null = null;
  if (url) {
    await admin(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    db = await openDatabase({ databaseUrl: scoped.toString() });
  } else {
    dir = await mkdtemp(path.join(tmpdir(), 'pulse-bench-ingest-'));
    db = await openDatabase({ dataDir: dir });
  }
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
    if (url) await admin(`DROP SCHEMA ${schema} CASCADE`);
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

export const ingestBench: BenchPart = {
  title: 'ingestion: portal events endpoint and simulator sync',
  run: async () => {
    const url = process.env.PULSE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    return [
      ...(await withDatabase(undefined, portalEvents)),
      ...(await withDatabase(url, async (db) => [...(await portalEvents(db)), ...(await syncRequests(db))])),
    ];
  },
};

if (process.argv[2] === '--load' || process.argv[2] === '--steady') {
  const send = process.argv[2] === '--load' ? sendLoad : sendSteady;
  void send(process.argv[3] as string).then((load) => process.stdout.write(`${JSON.stringify(load)}\n`));
}
