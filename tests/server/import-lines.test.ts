import { Readable } from 'node:stream';
import type { PulseRecord } from '../../src/core/records';
import { importLines, type LineDecoder } from '../../src/server/import/import-lines';
import { listSyncStatus } from '../../src/server/repo/sync-status';
import { addTenant } from '../../src/server/repo/tenants';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

/** A stand-in for the real codecs: JSON records with a known kind, else an error naming the problem. */
const decode: LineDecoder = (line) => {
  const value = JSON.parse(line) as PulseRecord;
  if (!['account', 'person', 'ticket', 'portal_event'].includes(value.kind))
    throw new Error(`unknown kind "${value.kind}"`);
  return [value];
};

const account = (id: string, name = `Account ${id}`) =>
  JSON.stringify({ kind: 'account', id, name, tags: [], created_at: 1000 });

describe.each(BACKENDS)('importLines on %s', (backend) => {
  let t: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    tenantId = (
      await addTenant(t.db, {
        subdomain: 'acme',
        helpdeskUrl: 'http://x',
        apiEmail: 'e',
        apiToken: 't',
        jwtSecret: 's',
      })
    ).id;
  });
  afterAll(() => t.close());

  const count = async () =>
    (
      await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts WHERE tenant_id = $1', [
        tenantId,
      ])
    ).rows[0]!.n;

  it('imports in batches, reports bad lines by number, and keeps the good ones', async () => {
    const lines = [account('a1'), '{"kind": "robot"}', '', account('a2'), 'not json', account('a3')];
    const batches: number[] = [];
    const result = await importLines(t.db, tenantId, Readable.from(lines.join('\n')), decode, {
      batchSize: 2,
      onBatch: (r) => batches.push(r.inserted),
    });
    expect(result).toMatchObject({ lines: 6, records: 3, inserted: 3, updated: 0, errorCount: 2 });
    expect(result.errors.map((e) => e.line)).toEqual([2, 5]);
    expect(result.errors[0]!.message).toBe('unknown kind "robot"');
    expect(batches).toEqual([2, 3]);
    expect(await count()).toBe(3);
    const status = await listSyncStatus(t.db, tenantId);
    expect(status.map((s) => [s.source, s.records])).toEqual([['import', 3]]);
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const file = [account('a1'), account('a2'), account('a3')].join('\n');
    const again = await importLines(t.db, tenantId, Readable.from(file), decode);
    expect(again).toMatchObject({ records: 3, inserted: 0, updated: 0 });
    expect(await count()).toBe(3);
  });

  it('updates changed records and never deletes ones missing from the file', async () => {
    const result = await importLines(t.db, tenantId, Readable.from(account('a1', 'Renamed')), decode);
    expect(result).toMatchObject({ inserted: 0, updated: 1 });
    expect(await count()).toBe(3);
  });
});
