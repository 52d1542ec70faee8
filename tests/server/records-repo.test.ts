import type { PulseRecord, Ticket } from '../../src/core/records';
import { loadMigrations, migrate, splitStatements } from '../../src/server/db/migrate';
import { getDataVersion, upsertRecords } from '../../src/server/repo/records';
import { addTenant } from '../../src/server/repo/tenants';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const ticket = (id: string, over: Partial<Ticket> = {}): Ticket => ({
  kind: 'ticket',
  id,
  account_id: 'acc1',
  requester_id: 'p1',
  channel: 'web',
  priority: 'normal',
  status: 'solved',
  created_at: Date.UTC(2026, 0, 5),
  solved_at: Date.UTC(2026, 0, 6),
  agent_replies: 1,
  reopens: 0,
  group_stations: 1,
  first_reply_minutes: 12.5,
  full_resolution_minutes: null,
  satisfaction: 'good',
  tags: ['vip', 'it\'s "quoted"'],
  subject: 'Cannot log in',
  description: 'It says {braces}, commas, and \\ backslashes',
  ...over,
});

const records: PulseRecord[] = [
  { kind: 'account', id: 'acc1', name: 'Acme', tags: ['enterprise'], created_at: null },
  { kind: 'person', id: 'p1', account_id: 'acc1', name: null, email: 'a@acme.test' },
  ticket('t1'),
  ticket('t2', { satisfaction: 'bad' }),
  {
    kind: 'portal_event',
    type: 'search',
    occurred_at: Date.UTC(2026, 0, 5, 10),
    visitor_id: 'v1',
    person_id: null,
    account_id: null,
    query: 'reset password',
    result_count: 0,
    clicked_result: null,
    article_id: null,
    device: 'mobile',
  },
];

describe.each(BACKENDS)('records storage on %s', (backend) => {
  let t: TestDatabase;
  let tenantId: string;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    tenantId = (
      await addTenant(t.db, {
        subdomain: 'acme',
        helpdeskUrl: 'http://127.0.0.1:1',
        apiEmail: 'a@acme.test',
        apiToken: 'tok',
        jwtSecret: 'sec',
      })
    ).id;
  });
  afterAll(() => t.close());

  it('runs migrations once: a second run applies nothing', async () => {
    expect(await migrate(t.db)).toEqual([]);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0]!.n).toBe((await loadMigrations()).length);
  });

  it('inserts, then a replay changes nothing, then a change updates one row', async () => {
    expect(await t.db.transaction((tx) => upsertRecords(tx, tenantId, records))).toEqual({
      inserted: 5,
      updated: 0,
    });
    const v1 = await getDataVersion(t.db, tenantId);
    expect(await t.db.transaction((tx) => upsertRecords(tx, tenantId, records))).toEqual({
      inserted: 0,
      updated: 0,
    });
    expect(await getDataVersion(t.db, tenantId)).toBe(v1);
    const changed = await t.db.transaction((tx) =>
      upsertRecords(tx, tenantId, [ticket('t1', { reopens: 2 })]),
    );
    expect(changed).toEqual({ inserted: 0, updated: 1 });
    expect(await getDataVersion(t.db, tenantId)).toBe(v1 + 1);
  });

  it('round-trips awkward text, arrays and nulls exactly', async () => {
    const { rows } = await t.db.query<Record<string, unknown>>(
      `SELECT tags, description, full_resolution_minutes, first_reply_minutes, created_at::float8 AS created_at
       FROM tickets WHERE tenant_id = $1 AND id = 't2'`,
      [tenantId],
    );
    expect(rows[0]).toEqual({
      tags: ['vip', 'it\'s "quoted"'],
      description: 'It says {braces}, commas, and \\ backslashes',
      full_resolution_minutes: null,
      first_reply_minutes: 12.5,
      created_at: Date.UTC(2026, 0, 5),
    });
  });

  it('keeps the last of duplicate records in one batch', async () => {
    const counts = await t.db.transaction((tx) =>
      upsertRecords(tx, tenantId, [ticket('t9', { reopens: 1 }), ticket('t9', { reopens: 3 })]),
    );
    expect(counts).toEqual({ inserted: 1, updated: 0 });
    const { rows } = await t.db.query<{ reopens: number }>(
      "SELECT reopens FROM tickets WHERE tenant_id = $1 AND id = 't9'",
      [tenantId],
    );
    expect(rows).toEqual([{ reopens: 3 }]);
  });
});

describe('splitStatements', () => {
  it('splits on line-ending semicolons and drops comment lines', () => {
    expect(splitStatements('-- note\nCREATE TABLE a (x int);\n\nCREATE INDEX i ON a (x);\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE INDEX i ON a (x)',
    ]);
  });
});
