import { emptyDataset } from '../../src/core/dataset';
import { prepareColumns, prepareDataset } from '../../src/core/prepare';
import type { PortalEvent, PulseRecord } from '../../src/core/records';
import { computeReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { DatasetCache } from '../../src/server/dataset/dataset-cache';
import type { Database } from '../../src/server/db/database';
import { loadTenantRecords, type TenantRecords } from '../../src/server/dataset/load-records';
import { upsertRecords } from '../../src/server/repo/records';
import { saveSettings } from '../../src/server/repo/settings';
import { account, DAY, ev, person, T0, ticket } from '../core/fixtures';
import { buildServer } from '../../src/server/app';
import { coreEngine } from '../../src/server/core-engine';
import type { Engine } from '../../src/server/engine';
import { addTestTenant, bearer, listen } from './helpers';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const MIN = 60_000;

// Three visitors whose events interleave in time, so a load ordered by visitor differs from time order.
const EVENTS: PortalEvent[] = [
  ev('search', T0 + 1 * MIN, 'v1', { person_id: 'p1', query: 'reset password', result_count: 0 }),
  ev('search', T0 + 2 * MIN, 'v2', { query: 'vpn', result_count: 2 }),
  ev('article_view', T0 + 3 * MIN, 'v1', { person_id: 'p1' }),
  ev('page_view', T0 + 4 * MIN, 'v3', { device: 'mobile' }),
  ev('search', T0 + 5 * MIN, 'v2', { query: 'billing', result_count: 1 }),
  ev('page_view', T0 + 2 * DAY, 'v1', { person_id: 'p1' }),
  ev('search', T0 + 2 * DAY + MIN, 'v3', { query: 'vpn', result_count: 0, device: 'mobile' }),
];
const RECORDS: PulseRecord[] = [
  account('a1'),
  person('p1', 'a1'),
  ticket('t1', 'p1', T0 + 20 * MIN, { account_id: 'a1' }),
  ticket('t2', 'p1', T0 + 3 * DAY, { account_id: 'a1' }),
  ...EVENTS,
];
const WINDOW = { from: T0 - DAY, to: T0 + 5 * DAY };

describe.each(BACKENDS)('dataset cache on %s', (backend) => {
  let t: TestDatabase;
  let tenant: string;
  let other: string;

  beforeEach(async () => {
    t = await openTestDatabase(backend);
    tenant = (await addTestTenant(t.db, 'acme', 'http://127.0.0.1:9')).id;
    other = (await addTestTenant(t.db, 'globex', 'http://127.0.0.1:9')).id;
    await t.db.transaction((tx) => upsertRecords(tx, tenant, RECORDS));
    await t.db.transaction((tx) =>
      upsertRecords(tx, other, [ev('search', T0, 'x1', { query: 'not acme', result_count: 0 })]),
    );
  });
  afterEach(() => t.close());

  it('loads events in batches into the same report as the records themselves', async () => {
    // Batches of 3 over 7 events: two full batches and a partial one.
    const loaded = await loadTenantRecords(t.db, tenant, { batch: 3 });
    expect(loaded.columns.events.length).toBe(EVENTS.length);
    const direct = prepareDataset(
      { ...emptyDataset(), accounts: [account('a1')], persons: [person('p1', 'a1')], ...split(RECORDS) },
      DEFAULT_SETTINGS,
    );
    expect(computeReport(prepareColumns(loaded.columns, DEFAULT_SETTINGS), WINDOW, DEFAULT_SETTINGS)).toEqual(
      computeReport(direct, WINDOW, DEFAULT_SETTINGS),
    );
    // A batch size that divides the count exactly ends on an empty fetch.
    expect((await loadTenantRecords(t.db, tenant, { batch: 7 })).columns.events.length).toBe(7);
  });

  it('re-prepares the loaded records when only settings change, and reloads when data changes', async () => {
    const cache = new DatasetCache(t.db, (records: TenantRecords) => records);
    const first = await cache.get(tenant);
    await saveSettings(t.db, tenant, { ...DEFAULT_SETTINGS, session_gap_minutes: 45 });
    const resettled = await cache.refresh(tenant);
    expect(resettled.settings.session_gap_minutes).toBe(45);
    expect(resettled.records).toBe(first.records);

    await t.db.transaction((tx) => upsertRecords(tx, tenant, [ev('page_view', T0 + 4 * DAY, 'v9')]));
    const reloaded = await cache.refresh(tenant);
    expect(reloaded.records).not.toBe(first.records);
    expect(reloaded.records.columns.events.length).toBe(EVENTS.length + 1);
  });

  it('waits four build durations after a build before rebuilding for changed data', async () => {
    let clock = 1_000_000;
    let builds = 0;
    const cache = new DatasetCache(
      t.db,
      (records: TenantRecords) => {
        builds++;
        clock += 1000; // each build "takes" one second
        return records;
      },
      { now: () => clock, checkIntervalMs: 100 },
    );
    const first = await cache.get(tenant);
    expect(builds).toBe(1);
    await t.db.transaction((tx) => upsertRecords(tx, tenant, [ev('page_view', T0 + 4 * DAY, 'v9')]));

    clock += 3000; // past the check interval, within 4 × 1 s of the build
    expect(await cache.get(tenant)).toBe(first);
    expect((await cache.refresh(tenant).then(() => builds)) - 1).toBe(1); // refresh still rebuilds at once

    await t.db.transaction((tx) => upsertRecords(tx, tenant, [ev('page_view', T0 + 4 * DAY, 'v10')]));
    clock += 3000;
    const stale = await cache.get(tenant);
    expect(builds).toBe(2);
    clock += 1001; // now 4 s after the last build
    expect(await cache.get(tenant)).toBe(stale); // served at once; the rebuild runs in the background
    const fresh = await cache.refresh(tenant);
    expect(builds).toBe(3);
    expect(fresh.records.columns.events.length).toBe(EVENTS.length + 2);
  });

  it('warms tenants before any request, each once, and never mixes tenants', async () => {
    const built: string[] = [];
    const cache = new DatasetCache(t.db, (records: TenantRecords) => {
      built.push(sortCsv(records.columns.events.queries.join(',')));
      return records;
    });
    await cache.warm([tenant, other]);
    await cache.get(tenant);
    await cache.get(other);
    expect(built).toEqual(['billing,reset password,vpn', 'not acme']);
  });
});

function split(records: PulseRecord[]) {
  return {
    tickets: records.filter((r) => r.kind === 'ticket'),
    events: records.filter((r) => r.kind === 'portal_event'),
  };
}

function sortCsv(s: string): string {
  return s.split(',').sort().join(',');
}

describe('on PGlite, tenant acme', () => {
  let t: TestDatabase;
  let id: string;
  beforeEach(async () => {
    t = await openTestDatabase('pglite');
    id = (await addTestTenant(t.db, 'acme', 'http://127.0.0.1:9')).id;
    await t.db.transaction((tx) => upsertRecords(tx, id, RECORDS));
  });
  afterEach(() => t.close());

  /** The database with `before` run ahead of each query it is handed (the real query follows). */
  const intercepted = (before: (sql: string) => Promise<unknown> | void): Database => {
    const query = t.db.query.bind(t.db);
    return {
      ...t.db,
      query: async (sql, params) => {
        await before(sql);
        return query(sql, params);
      },
    };
  };

  it('serve prepares every tenant once listening, so the first request finds it loaded', async () => {
    let prepared = 0;
    const engine: Engine<unknown> = {
      ...(coreEngine as Engine<unknown>),
      prepare: (records, settings) => {
        prepared++;
        return coreEngine.prepare(records, settings);
      },
    };
    const app = await buildServer({ db: t.db, engine, warmDatasets: true });
    try {
      const call = await listen(app);
      for (let i = 0; i < 100 && prepared === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(prepared).toBe(1);
      const from = new Date(WINDOW.from).toISOString();
      const to = new Date(WINDOW.to).toISOString();
      const res = await call('GET', `/api/v1/metrics?from=${from}&to=${to}`, {
        headers: await bearer({ subdomain: 'acme' }),
      });
      expect(res.status).toBe(200);
      expect(prepared).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('a load lets other queries run between its batches (the one connection is not held)', async () => {
    const order: string[] = [];
    let other: Promise<unknown> | null = null;
    // Another request's query, sent when the load starts fetching: it must not wait for the load.
    const db = intercepted((sql) => {
      if (other === null && sql.startsWith('FETCH'))
        other = t.db.query('SELECT 1').then(() => order.push('other'));
    });
    // One row a batch: many fetches, between which the other query gets its turn.
    await loadTenantRecords(db, id, { batch: 1 });
    order.push('load');
    await other;
    expect(order).toEqual(['other', 'load']);
  });

  it('a first load that outlasts a request: 503 warming_up with Retry-After, then the data', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    // Hold the load back until the request has given up waiting.
    const db = intercepted((sql) => (sql.includes('FROM accounts') ? gate : undefined));
    const cache = new DatasetCache(db, (records: TenantRecords) => records, { firstLoadWaitMs: 50 });
    const refused = cache.get(id);
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'warming_up', retryAfterSeconds: 5 });
    release();
    await expect(cache.refresh(id)).resolves.toMatchObject({ records: { tickets: expect.any(Array) } });
    expect((await cache.get(id)).records.columns.events.length).toBe(EVENTS.length);
  });
});
