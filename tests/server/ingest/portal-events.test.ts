import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/server/app';
import { hashVisitor, visitorKey } from '../../../src/server/ingest/portal-batch';
import { getDataVersion } from '../../../src/server/repo/records';
import { addTenant } from '../../../src/server/repo/tenants';
import { openTestDatabase } from '../test-db';
import type { TestDatabase } from '../test-db';

jest.setTimeout(30_000);

const ORIGIN = 'https://help.acme.test';
const VISITOR = 'browser-visitor-0001';

describe('POST /portal-events/:subdomain', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    await addTenant(t.db, {
      subdomain: 'acme',
      helpdeskUrl: 'https://acme.zendesk.com',
      apiEmail: 'a@acme.test',
      apiToken: 'tok',
      jwtSecret: 'acme-secret',
      helpCenterOrigins: [ORIGIN],
    });
    app = await buildServer({ db: t.db });
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const post = async (body: string, origin: string | null = ORIGIN, type = 'text/plain;charset=UTF-8') => {
    const res = await fetch(`${base}/portal-events/acme`, {
      method: 'POST',
      headers: { 'content-type': type, ...(origin === null ? {} : { origin }) },
      body,
    });
    return {
      status: res.status,
      allow: res.headers.get('access-control-allow-origin'),
      body: await res.text(),
    };
  };
  const batch = (events: unknown[], visitor = VISITOR) =>
    JSON.stringify({ visitor, device: 'mobile', events });

  it('stores a sendBeacon batch from an allowed origin, with the visitor id hashed', async () => {
    const at = Date.now() - 1000;
    const r = await post(
      batch([
        { type: 'search', at, query: 'reset password', result_count: 4, clicked: true },
        { type: 'article_view', at: at + 500, article_id: '42' },
      ]),
    );
    expect([r.status, r.allow, JSON.parse(r.body)]).toEqual([202, ORIGIN, { accepted: 2 }]);
    const { rows } = await t.db.query<{ visitor_id: string; type: string; device: string }>(
      `SELECT visitor_id, type, device FROM portal_events ORDER BY occurred_at`,
    );
    const hashed = hashVisitor(visitorKey('acme-secret'), VISITOR);
    expect(rows).toEqual([
      { visitor_id: hashed, type: 'search', device: 'mobile' },
      { visitor_id: hashed, type: 'article_view', device: 'mobile' },
    ]);
    expect(hashed).not.toContain(VISITOR);
    // A retried beacon stores nothing twice.
    await post(batch([{ type: 'search', at, query: 'reset password', result_count: 4, clicked: true }]));
    const again = await t.db.query(`SELECT 1 FROM portal_events`);
    expect(again.rows).toHaveLength(2);
  });

  it('bumps the data version when events are stored, and not for a retried beacon', async () => {
    const tenant = await t.db.query<{ id: string }>(`SELECT id FROM tenants WHERE subdomain = 'acme'`);
    const version = async () => getDataVersion(t.db, tenant.rows[0]!.id);
    const body = batch([{ type: 'page_view', at: Date.now() - 5000 }], 'version-visitor-01');
    const before = await version();
    expect((await post(body)).status).toBe(202);
    expect(await version()).toBe(before + 1);
    expect((await post(body)).status).toBe(202);
    expect(await version()).toBe(before + 1);
  });

  it('answers the preflight for an allowed origin only, and never with *', async () => {
    const ok = await fetch(`${base}/portal-events/acme`, { method: 'OPTIONS', headers: { origin: ORIGIN } });
    expect([ok.status, ok.headers.get('access-control-allow-origin')]).toEqual([204, ORIGIN]);
    const denied = await fetch(`${base}/portal-events/acme`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.test' },
    });
    expect([denied.status, denied.headers.get('access-control-allow-origin')]).toEqual([403, null]);
  });

  it('refuses other origins, bad bodies and oversized bodies with a clear 4xx', async () => {
    const good = batch([{ type: 'page_view', at: Date.now() }]);
    expect((await post(good, 'https://evil.test')).status).toBe(403);
    expect((await post(good, null)).status).toBe(403);
    const garbled = await post('{"visitor":');
    expect([garbled.status, JSON.parse(garbled.body).error]).toEqual([400, 'malformed_json']);
    const wrongType = await post(batch([{ type: 'purchase', at: Date.now() }]));
    expect(wrongType.status).toBe(400);
    expect(JSON.parse(wrongType.body).message).toMatch(/^events\.0\.type: /);
    const noEvents = await post(batch([]));
    expect(JSON.parse(noEvents.body).message).toMatch(/^events: /);
    const huge = await post(batch([{ type: 'search', at: Date.now(), query: 'x'.repeat(20_000) }]));
    expect(huge.status).toBe(413);
  });

  it('rate-limits one visitor from one address', async () => {
    const visitor = 'flooding-visitor-01';
    const statuses: number[] = [];
    for (let i = 0; i < 125; i++)
      statuses.push((await post(batch([{ type: 'page_view', at: Date.now() }], visitor))).status);
    expect(statuses.slice(0, 120).every((s) => s === 202)).toBe(true);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429, 429]);
  });
});
