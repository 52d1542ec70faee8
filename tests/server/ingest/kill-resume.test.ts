/**
 * The crash test: a real `portal-pulse sync` child process is killed with SIGKILL part way
 * through, restarted, and must end with exactly the rows of an uninterrupted run. PostgreSQL
 * (PULSE_TEST_DATABASE_URL, else the local server), since PGlite is one process's file.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startSimulator } from '../../../src/simulator';
import type { RunningSimulator } from '../../../src/simulator';
import { openDatabase } from '../../../src/server/db/database';
import type { Database } from '../../../src/server/db/database';
import { migrate } from '../../../src/server/db/migrate';
import { syncTenant } from '../../../src/server/ingest/sync';
import { addSimTenant, pgSchema, postgresBase, simClient, tableRows } from './helpers';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const PER_PAGE = 20;

function runSync(databaseUrl: string): ReturnType<typeof spawn> {
  return spawn(
    process.execPath,
    // `--import tsx` keeps the CLI in this one process: the tsx CLI would fork a grandchild that
    // outlives a SIGKILL of its parent.
    [
      '--import',
      'tsx',
      path.join(ROOT, 'src/cli/main.ts'),
      'sync',
      '--tenant',
      'demo',
      '--per-page',
      String(PER_PAGE),
      '--export-limit',
      '100000',
      '--worker',
      'crash-test',
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

const exited = (
  child: ReturnType<typeof spawn>,
): Promise<{ code: number | null; signal: string | null; out: string }> =>
  new Promise((resolve) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });

async function ticketPages(db: Database): Promise<number> {
  const { rows } = await db.query<{ pages: string }>(`SELECT pages FROM sync_state WHERE source = 'tickets'`);
  return Number(rows[0]?.pages ?? 0);
}

describe('sync killed with SIGKILL mid-run, then restarted (PostgreSQL)', () => {
  let base: string | null;
  let sim: RunningSimulator & { stats: { tickets: number } };

  beforeAll(async () => {
    base = await postgresBase();
    if (base === null) console.warn('kill-resume.test: no PostgreSQL reachable; skipped');
    // Latency makes a pass last long enough to kill it part way.
    sim = await startSimulator({
      port: 0,
      seed: 11,
      scale: '300',
      exportLimitPerMinute: 100_000,
      latencyMs: 150,
    });
  });
  afterAll(() => sim.close());

  it('loses nothing and duplicates nothing', async () => {
    if (base === null) return;
    const crashed = await pgSchema(base);
    const reference = await pgSchema(base);
    const db = await openDatabase({ databaseUrl: crashed.url });
    const refDb = await openDatabase({ databaseUrl: reference.url });
    try {
      await migrate(db);
      await migrate(refDb);
      await addSimTenant(db, sim.url);
      const refTenant = await addSimTenant(refDb, sim.url);

      const child = runSync(crashed.url);
      const done = exited(child);
      const deadline = Date.now() + 60_000;
      while ((await ticketPages(db)) < 3 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGKILL');
      const killed = await done;
      expect(killed.signal).toBe('SIGKILL');
      const pagesAtKill = await ticketPages(db);
      expect(pagesAtKill).toBeGreaterThanOrEqual(3);
      expect(pagesAtKill).toBeLessThan(sim.stats.tickets / PER_PAGE);

      const restarted = await exited(runSync(crashed.url));
      if (restarted.code !== 0) throw new Error(`restarted sync failed:\n${restarted.out}`);
      expect(restarted.out).toMatch(/^tickets: \d+ fetched/m);

      await syncTenant(refDb, refTenant, simClient(sim.url), { perPage: PER_PAGE });
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM tenants`);
      const after = await tableRows(db, rows[0]!.id);
      expect(after.tickets).toHaveLength(sim.stats.tickets);
      expect(after).toEqual(await tableRows(refDb, refTenant));
    } finally {
      await db.close();
      await refDb.close();
      await crashed.drop();
      await reference.drop();
    }
  });
});
