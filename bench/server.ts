/**
 * The backend at 1,000,000 tickets: `portal-pulse import` of a Pulse NDJSON file into PostgreSQL
 * and into PGlite, then GET /api/v1/metrics for 90-day windows over real HTTP with the tenant's
 * ~5,000,000 portal events loaded too. Files are generated (untimed) before each timing. Runs in a
 * child with a large heap, since the API keeps the tenant's prepared dataset in memory.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import pg from 'pg';
import { SignJWT } from 'jose';
import { encodeRecord } from '../src/core/codec/encode';
import { createGenerator } from '../src/generator';
import { buildServer } from '../src/server/app';
import { coreEngine } from '../src/server/core-engine';
import { openDatabase, type Database } from '../src/server/db/database';
import { migrate } from '../src/server/db/migrate';
import { importFiles } from '../src/server/import/import-files';
import { addTenant } from '../src/server/repo/tenants';
import { fetchOnceLoaded } from './fetch-loaded';
import type { BenchPart, BenchResult } from './types';

const DAY = 86_400_000;
const SECRET = 'bench-shared-secret-0123456789';

interface Measured {
  tickets: number;
  events: number;
  postgresImportS: number;
  postgresEventsImportS: number;
  pgliteImportS: number;
  firstLoadMs: number;
  p95UncachedMs: number;
  p95CachedMs: number;
}

/** Tickets (with their accounts and people) in one file, portal events in another. */
async function writeFiles(
  dir: string,
  tickets: number,
): Promise<{ ticketsFile: string; eventsFile: string; events: number }> {
  const ticketsFile = path.join(dir, 'tickets.ndjson');
  const eventsFile = path.join(dir, 'events.ndjson');
  const out = { tickets: createWriteStream(ticketsFile), events: createWriteStream(eventsFile) };
  let events = 0;
  for (const r of createGenerator({ seed: 1, tickets }).records()) {
    const stream = r.kind === 'portal_event' ? out.events : out.tickets;
    if (r.kind === 'portal_event') events++;
    if (!stream.write(`${encodeRecord(r)}\n`)) await once(stream, 'drain');
  }
  for (const s of [out.tickets, out.events]) {
    s.end();
    await once(s, 'finish');
  }
  return { ticketsFile, eventsFile, events };
}

async function timedImport(db: Database, files: string[]): Promise<{ seconds: number; tenantId: string }> {
  await migrate(db);
  const { id } = await addTenant(db, {
    subdomain: 'bench',
    helpdeskUrl: 'http://127.0.0.1:9',
    apiEmail: 'bench@example.test',
    apiToken: 'bench-token',
    jwtSecret: SECRET,
  });
  const t0 = performance.now();
  await importFiles(db, id, files);
  return { seconds: (performance.now() - t0) / 1000, tenantId: id };
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] as number;

async function measureApi(
  db: Database,
): Promise<{ firstLoadMs: number; p95UncachedMs: number; p95CachedMs: number }> {
  const app = await buildServer({ db, engine: coreEngine });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('bench')
    .setAudience('portal-pulse')
    .setSubject('1')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(SECRET));
  const get = async (from: number, to: number) => {
    const s = performance.now();
    const res = await fetchOnceLoaded(
      `${base}/api/v1/metrics?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
      token,
      250,
    );
    if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - s;
  };
  const end = Date.UTC(2026, 10, 1);
  const firstLoadMs = await get(end - 90 * DAY, end);
  // Distinct windows (each computed, with its previous period) and then one window repeated (cached).
  const uncached: number[] = [];
  for (let i = 1; i <= 60; i++) uncached.push(await get(end - 90 * DAY - i * DAY, end - i * DAY));
  const cached: number[] = [];
  for (let i = 0; i < 200; i++) cached.push(await get(end - 90 * DAY, end));
  await app.close();
  return { firstLoadMs, p95UncachedMs: p95(uncached), p95CachedMs: p95(cached) };
}

async function withPostgresDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const base = process.env.PULSE_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `pulse_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString() });
  try {
    return await fn(db);
  } finally {
    await db.close();
    await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
  }
}

async function measure(tickets: number): Promise<Measured> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pulse-bench-server-'));
  try {
    const files = await writeFiles(dir, tickets);
    const pglite = await openDatabase({ dataDir: path.join(dir, 'pglite') });
    const pgliteImportS = (await timedImport(pglite, [files.ticketsFile])).seconds;
    await pglite.close();
    return await withPostgresDatabase(async (db) => {
      const { seconds, tenantId } = await timedImport(db, [files.ticketsFile]);
      const t0 = performance.now();
      await importFiles(db, tenantId, [files.eventsFile]);
      const postgresEventsImportS = (performance.now() - t0) / 1000;
      const api = await measureApi(db);
      return {
        tickets,
        events: files.events,
        postgresImportS: seconds,
        postgresEventsImportS,
        pgliteImportS,
        ...api,
      };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function inChild(tickets: number): Measured {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=12288', '--import', 'tsx', __filename, '--child', String(tickets)],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`server bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measured;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export const serverBench: BenchPart = {
  title: 'backend (import and API)',
  run: async () => {
    const m = inChild(Number(process.env.PULSE_BENCH_SERVER_TICKETS ?? 1_000_000));
    const n = m.tickets.toLocaleString('en-US');
    const e = m.events.toLocaleString('en-US');
    const results: BenchResult[] = [
      {
        name: `import ${n} tickets (NDJSON) into PostgreSQL`,
        value: round(m.postgresImportS),
        unit: 's',
        budget: { max: 60 },
      },
      {
        name: `import ${n} tickets (NDJSON) into PGlite`,
        value: round(m.pgliteImportS),
        unit: 's',
        budget: { max: 180 },
      },
      { name: `import ${e} portal events into PostgreSQL`, value: round(m.postgresEventsImportS), unit: 's' },
      {
        name: `GET /api/v1/metrics, first request (loads and prepares the tenant)`,
        value: Math.round(m.firstLoadMs),
        unit: 'ms',
      },
      {
        name: `GET /api/v1/metrics 90 days, p95 over 60 distinct windows (computed)`,
        value: round(m.p95UncachedMs),
        unit: 'ms',
        budget: { max: 50 },
      },
      {
        name: `GET /api/v1/metrics 90 days, p95 of 200 repeats (cached)`,
        value: round(m.p95CachedMs),
        unit: 'ms',
      },
    ];
    return results;
  },
};

if (process.argv[2] === '--child') {
  void measure(Number(process.argv[3])).then((m) => process.stdout.write(`${JSON.stringify(m)}\n`));
}
