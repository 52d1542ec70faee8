/**
 * Ingestion budgets: (1) the portal events endpoint over real loopback HTTP – events a second
 * and p99 latency, batches of 10 events as the snippet sends them, 4 concurrent senders, for
 * 5 s; (2) a sync pass from the simulator – requests used against the minimum the page size
 * allows, and whether any request was refused for the rate limit.
 */
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
const SECONDS = 5;
const SENDERS = 4;
const BATCH = 10;

async function portalEvents(db: Database): Promise<BenchResult[]> {
  await addTenant(db, {
    subdomain: 'bench',
    helpdeskUrl: 'https://bench.zendesk.com',
    apiEmail: 'b@bench.test',
    apiToken: 'tok',
    jwtSecret: 'bench-secret',
    helpCenterOrigins: [ORIGIN],
  });
  // Real clients are many visitors: the per-visitor limit is not what is measured here.
  const app = await buildServer({ db });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const latencies: number[] = [];
  let events = 0;
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const sender = async (s: number) => {
    while (performance.now() < end) {
      const at = Date.now();
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
      latencies.push(performance.now() - t0);
      if (res.status !== 202) throw new Error(`portal events answered ${res.status}`);
      events += BATCH;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: SENDERS }, (_, s) => sender(s)));
  const elapsed = (performance.now() - t0) / 1000;
  await app.close();
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
  return [
    {
      name: `portal events (${db.kind}): events per second`,
      value: Math.round(events / elapsed),
      unit: 'events/s',
      budget: { min: 2000 },
    },
    {
      name: `portal events (${db.kind}): p99 latency`,
      value: Math.round(p99 * 10) / 10,
      unit: 'ms',
      budget: { max: 20 },
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

export const ingestBench: BenchPart = {
  title: 'ingestion: portal events endpoint and simulator sync',
  run: async () => {
    const url = process.env.DATABASE_URL;
    const db = await openDatabase(url ? { databaseUrl: url } : { dataDir: 'memory://' });
    try {
      await migrate(db);
      return [...(await portalEvents(db)), ...(await syncRequests(db))];
    } finally {
      await db.close();
    }
  },
};
