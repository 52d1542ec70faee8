import { startServer } from '../../src/server';
import {
  addTenant,
  DuplicateTenantError,
  getTenantBySubdomain,
  listTenants,
  removeTenant,
} from '../../src/server/repo/tenants';
import { upsertRecords } from '../../src/server/repo/records';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const SECRET_TOKEN = 'zendesk-api-token-7f3e1';
const SECRET_JWT = 'app-shared-secret-0c9d2';

describe.each(BACKENDS)('tenants on %s', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
  });
  afterAll(() => t.close());

  it('adds, finds, lists and removes tenants without ever returning secrets', async () => {
    const added = await addTenant(t.db, {
      subdomain: 'acme',
      helpdeskUrl: 'https://acme.zendesk.com/',
      apiEmail: 'admin@acme.test',
      apiToken: SECRET_TOKEN,
      jwtSecret: SECRET_JWT,
      helpCenterOrigins: ['https://help.acme.test'],
    });
    expect(added).toMatchObject({
      subdomain: 'acme',
      helpdesk_url: 'https://acme.zendesk.com',
      help_center_origins: ['https://help.acme.test'],
    });
    expect(added.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const found = await getTenantBySubdomain(t.db, 'acme');
    const listed = await listTenants(t.db);
    for (const shown of [added, found, listed]) {
      expect(JSON.stringify(shown)).not.toContain(SECRET_TOKEN);
      expect(JSON.stringify(shown)).not.toContain(SECRET_JWT);
    }
    await expect(
      addTenant(t.db, { subdomain: 'acme', helpdeskUrl: 'x', apiEmail: 'e', apiToken: 't', jwtSecret: 's' }),
    ).rejects.toBeInstanceOf(DuplicateTenantError);
  });

  it('removing a tenant removes its rows', async () => {
    const { id } = (await getTenantBySubdomain(t.db, 'acme'))!;
    await t.db.transaction((tx) =>
      upsertRecords(tx, id, [{ kind: 'account', id: 'a', name: 'A', tags: [], created_at: null }]),
    );
    expect(await removeTenant(t.db, 'acme')).toBe(true);
    expect(await removeTenant(t.db, 'acme')).toBe(false);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts');
    expect(rows[0]!.n).toBe(0);
  });
});

describe('startServer', () => {
  it('migrates, listens on loopback, answers /health, and closes', async () => {
    const server = await startServer({ dataDir: 'memory://', port: 0, ingest: false });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/api/v1/health`);
      expect(await res.json()).toEqual({ status: 'ok' });
      const { rows } = await server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM schema_migrations',
      );
      expect(rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });
});
