import { startSimulator } from '../../../src/simulator';
import type { RunningSimulator, SimulatorStats } from '../../../src/simulator';
import { syncTenant } from '../../../src/server/ingest/sync';
import {
  LeaseTakenError,
  advanceCursor,
  claimSource,
  getCursor,
} from '../../../src/server/ingest/sync-state';
import { listSyncStatus } from '../../../src/server/repo/sync-status';
import { openTestDatabase } from '../test-db';
import type { TestDatabase } from '../test-db';
import { addSimTenant, simClient, tableRows } from './helpers';

jest.setTimeout(90_000);

type Sim = RunningSimulator & { stats: SimulatorStats };
const SEED = 7;
const SCALE = '300';

describe('syncTenant against the simulator (PGlite)', () => {
  let sim: Sim;
  let t: TestDatabase;
  let clean: Record<string, unknown[]>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: SEED, scale: SCALE, exportLimitPerMinute: 10_000 });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    t = await openTestDatabase('pglite');
  });
  afterEach(() => t.close());

  it('imports every ticket exactly once, in the fewest requests, and replaying pages changes nothing', async () => {
    const tenantId = await addSimTenant(t.db, sim.url);
    const client = simClient(sim.url);
    const results = await syncTenant(t.db, tenantId, client, { perPage: 100 });
    expect(results.map((r) => r.error)).toEqual([null, null, null, null]);
    // 300 tickets at 100 a page: 3 pages; users and organizations fit one page each.
    expect(results.map((r) => [r.source, r.pages])).toEqual([
      ['tickets', 3],
      ['users', 1],
      ['organizations', 1],
      ['refresh', 0],
    ]);
    expect(client.requests).toBe(5);
    const { rows } = await t.db.query<{ n: string; d: string }>(
      `SELECT count(*) AS n, count(DISTINCT id) AS d FROM tickets WHERE tenant_id = $1`,
      [tenantId],
    );
    expect(Number(rows[0]!.n)).toBe(sim.stats.tickets);
    expect(Number(rows[0]!.d)).toBe(sim.stats.tickets);
    clean = await tableRows(t.db, tenantId);
    expect(clean.persons!.length).toBe(sim.stats.people);

    const status = await listSyncStatus(t.db, tenantId);
    expect(status.map((s) => [s.source, s.last_error])).toEqual([
      ['organizations', null],
      ['tickets', null],
      ['users', null],
    ]);

    // Replay every page from the start: nothing changes.
    await t.db.query(`UPDATE sync_state SET cursor = NULL WHERE tenant_id = $1`, [tenantId]);
    const replay = await syncTenant(t.db, tenantId, simClient(sim.url), { perPage: 100 });
    expect(replay.map((r) => r.changed)).toEqual([0, 0, 0, 0]);
    expect(await tableRows(t.db, tenantId)).toEqual(clean);

    // Keeping up from the stored cursors: one request per source, nothing new (the time-based
    // organizations export serves its last organization again, as Zendesk does; unchanged).
    const again = simClient(sim.url);
    const keepUp = await syncTenant(t.db, tenantId, again, { perPage: 100 });
    expect(keepUp.map((r) => r.fetched)).toEqual([0, 0, 1, 0]);
    expect(keepUp.map((r) => r.changed)).toEqual([0, 0, 0, 0]);
    expect(again.requests).toBe(3);
  });

  it('converges to the same rows through 5xx answers and truncated bodies', async () => {
    const faulty = await startSimulator({
      port: 0,
      seed: SEED,
      scale: SCALE,
      exportLimitPerMinute: 10_000,
      failRate: 0.3,
      truncateRate: 0.3,
    });
    try {
      const tenantId = await addSimTenant(t.db, faulty.url);
      const client = simClient(faulty.url, { maxRetries: 12 });
      const results = await syncTenant(t.db, tenantId, client, { perPage: 100 });
      expect(results.map((r) => r.error)).toEqual([null, null, null, null]);
      expect(client.requests).toBeGreaterThan(5);
      expect(await tableRows(t.db, tenantId)).toEqual(clean);
    } finally {
      await faulty.close();
    }
  });

  it('lets only one worker hold a source, and refuses a page whose cursor moved', async () => {
    const tenantId = await addSimTenant(t.db, sim.url);
    expect(await claimSource(t.db, tenantId, 'tickets', 'worker-a', 60_000)).toBeNull();
    await expect(claimSource(t.db, tenantId, 'tickets', 'worker-b', 60_000)).rejects.toBeInstanceOf(
      LeaseTakenError,
    );
    const results = await syncTenant(t.db, tenantId, simClient(sim.url), {
      owner: 'worker-b',
      sources: ['tickets'],
    });
    expect(results[0]!.error).toMatch(/another worker holds the tickets sync lease/);
    const { rows } = await t.db.query(`SELECT 1 FROM tickets WHERE tenant_id = $1`, [tenantId]);
    expect(rows).toHaveLength(0);

    // A's lease lapses and B takes over: A's late commit of the first page is refused, and
    // B's commit of a page read from a cursor that has since moved is refused too.
    await t.db.query(`UPDATE sync_state SET lease_until = now() - interval '1 second'`);
    await claimSource(t.db, tenantId, 'tickets', 'worker-b', 60_000);
    expect(await advanceCursor(t.db, tenantId, 'tickets', null, 'c1', 'worker-a', 60_000)).toBe(false);
    expect(await advanceCursor(t.db, tenantId, 'tickets', null, 'c1', 'worker-b', 60_000)).toBe(true);
    expect(await advanceCursor(t.db, tenantId, 'tickets', null, 'c1', 'worker-b', 60_000)).toBe(false);
    expect(await getCursor(t.db, tenantId, 'tickets')).toBe('c1');
  });
});
