/**
 * Ingestion budgets: (1) the portal events endpoint over real loopback HTTP – events a second
 * and p50/p95/p99 latency, batches of 10 events as the snippet sends them, 4 concurrent
 * senders, for 5 s after a 1 s warm-up, on PGlite and (when DATABASE_URL is set) PostgreSQL;
 * (2) a sync pass from the simulator – requests used against the minimum the page size
 * allows, and whether any request was refused for the rate limit.
 *
 * The senders run in a child process so their own work (fetch, JSON, timers) neither takes
 * the server's event loop nor lands in its latency figures.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
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
const WARM_UP_SECONDS = 1;
const SECONDS = 5;
const SENDERS = 4;
const BATCH = 10;

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
      const at = Date.now();
      // Real clients are many visitors: the per-visitor limit is not what is measured here.
      const visitor = `bench-visitor-${s}-${n++ % 100_000}`;
      const body = JSON.stringify({
        visitor,
        events: Array.from({ length: BATCH }, (_, i) => ({ type: 'page_view', at: at - i })),
      });
      const t0 = performance.now();
      const res = await fetch(`${base}/portal-events/bench`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: ORIGIN },
        body,
      });
      await res.arrayBuffer();
      const t1 = performance.now();
      if (res.status !== 202) throw new Error(`portal events answered ${res.status}`);
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

function loadInChild(base: string): Promise<Load> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--load', base], {
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
  const serverCpu = process.cpuUsage();
  let load: Load;
  try {
    load = await loadInChild(base);
  } finally {
    await app.close();
  }
  const used = process.cpuUsage(serverCpu);
  const ms = (x: number) => Math.round(x * 10) / 10;
  const name = `portal events (${db.kind})`;
  return [
    {
      name: `${name}: events per second`,
      value: Math.round(load.events / load.seconds),
      unit: 'events/s',
      budget: { min: 2000 },
    },
    { name: `${name}: p50 latency`, value: ms(load.p50), unit: 'ms' },
    { name: `${name}: p95 latency`, value: ms(load.p95), unit: 'ms' },
    { name: `${name}: p99 latency`, value: ms(load.p99), unit: 'ms', budget: { max: 20 } },
    {
      // Over the whole run including warm-up: what the server and database cost per event.
      name: `${name}: server CPU per 1,000 events`,
      value: ms((used.user + used.system) / load.allEvents),
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

/** A migrated database of its own: in memory for PGlite, a throwaway schema on PostgreSQL. */
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
  if (url) {
    await admin(`CREATE SCHEMA ${schema}`);
    const scoped = new URL(url);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    db = await openDatabase({ databaseUrl: scoped.toString() });
  } else {
    db = await openDatabase({ dataDir: 'memory://' });
  }
  try {
    await migrate(db);
    return await fn(db);
  } finally {
    await db.close();
    if (url) await admin(`DROP SCHEMA ${schema} CASCADE`);
  }
}

export const ingestBench: BenchPart = {
  title: 'ingestion: portal events endpoint and simulator sync',
  run: async () => {
    const url = process.env.DATABASE_URL;
    const results = await withDatabase(undefined, async (db) => [
      ...(await portalEvents(db)),
      ...(url ? [] : await syncRequests(db)),
    ]);
    if (url)
      results.push(
        ...(await withDatabase(url, async (db) => [
          ...(await portalEvents(db)),
          ...(await syncRequests(db)),
        ])),
      );
    return results;
  },
};

if (process.argv[2] === '--load') {
  void sendLoad(process.argv[3] as string).then((load) => process.stdout.write(`${JSON.stringify(load)}\n`));
}
