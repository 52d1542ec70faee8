import type { FastifyInstance } from 'fastify';
import type { PulseRecord } from '../../src/core/records';
import { upsertRecords } from '../../src/server/repo/records';
import { recordSyncSuccess } from '../../src/server/repo/sync-status';
import {
  addTestTenant,
  API_TOKEN,
  bearer,
  buildLoggedServer,
  JWT_SECRET,
  listen,
  type Reply,
  signToken,
  startUsersStandIn,
} from './helpers';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

describe.each(BACKENDS)('API security on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let logs: string[];
  let helpdesk: Awaited<ReturnType<typeof startUsersStandIn>>;
  let call: Awaited<ReturnType<typeof listen>>;

  beforeAll(async () => {
    t = await openTestDatabase(backend);
    helpdesk = await startUsersStandIn(['1']);
    const a = await addTestTenant(t.db, 'alpha', helpdesk.url);
    const b = await addTestTenant(t.db, 'beta', helpdesk.url);
    const account = (id: string, name: string): PulseRecord => ({
      kind: 'account',
      id,
      name,
      tags: [],
      created_at: null,
    });
    await t.db.transaction((tx) => upsertRecords(tx, a.id, [account('a1', 'Alpha Account')]));
    await t.db.transaction((tx) => upsertRecords(tx, b.id, [account('b1', 'Beta Account')]));
    await recordSyncSuccess(t.db, b.id, 'tickets', new Date('2026-01-01T00:00:00Z'), 10);
    ({ app, logs } = await buildLoggedServer(t.db));
    call = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await helpdesk.close();
    await t.close();
  });

  const get = async (url: string, headers: Record<string, string> = {}) => call('GET', url, { headers });
  const json = (r: Reply) => r.body as { message?: string; error?: string; sources?: unknown[] };

  it('answers /health without a token', async () => {
    const res = await get('/api/v1/health');
    expect(res.status).toBe(200);
    expect(json(res)).toEqual({ status: 'ok' });
  });

  it("binds requests to the token's tenant: alpha sees none of beta's status", async () => {
    const alpha = await get('/api/v1/status', await bearer({ subdomain: 'alpha' }));
    expect(alpha.status).toBe(200);
    expect(json(alpha).sources).toEqual([]);
    const beta = await get('/api/v1/status', await bearer({ subdomain: 'beta' }));
    expect(json(beta).sources).toHaveLength(1);
  });

  it("refuses a token naming beta but signed with alpha's secret", async () => {
    const res = await get('/api/v1/status', await bearer({ subdomain: 'beta', secret: JWT_SECRET('alpha') }));
    expect(res.status).toBe(401);
    expect(json(res).message).toBe('token signature is invalid');
  });

  it.each([
    ['no header', {}, 'missing Authorization header: send "Bearer <jwt>"'],
    ['not bearer', { authorization: 'Basic abc' }, 'Authorization header must be "Bearer <jwt>"'],
    ['garbage', { authorization: 'Bearer not.a.jwt' }, 'token is not a well-formed JWT'],
  ])('refuses %s with 401', async (_name, headers, message) => {
    const res = await get('/api/v1/status', headers as Record<string, string>);
    expect(res.status).toBe(401);
    expect(json(res)).toEqual({ error: 'unauthorized', message });
  });

  it('refuses expired, wrongly-signed, wrong-audience and unknown-tenant tokens', async () => {
    const cases: Array<[Promise<Record<string, string>>, string]> = [
      [bearer({ subdomain: 'alpha', expiresInSeconds: -60 }), 'token has expired'],
      [bearer({ subdomain: 'alpha', secret: 'x'.repeat(32) }), 'token signature is invalid'],
      [bearer({ subdomain: 'alpha', aud: 'someone-else' }), 'token claim aud is invalid: check_failed'],
      [bearer({ subdomain: 'gamma', secret: JWT_SECRET('gamma') }), 'token names an unknown tenant "gamma"'],
    ];
    for (const [headers, message] of cases) {
      const res = await get('/api/v1/status', await headers);
      expect({ status: res.status, message: json(res).message }).toEqual({ status: 401, message });
    }
  });

  it('refuses alg:none and unsigned tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = b64({ iss: 'alpha', aud: 'portal-pulse', sub: '1', iat: now, exp: now + 300 });
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${claims}.`;
    const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${claims}.`;
    const r1 = await get('/api/v1/status', { authorization: `Bearer ${none}` });
    expect(r1.status).toBe(401);
    expect(json(r1).message).toBe('token algorithm must be HS256, got none');
    const r2 = await get('/api/v1/status', { authorization: `Bearer ${unsigned}` });
    expect(r2.status).toBe(401);
  });

  it('refuses a token without exp', async () => {
    const { SignJWT } = await import('jose');
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('alpha')
      .setAudience('portal-pulse')
      .setSubject('1')
      .sign(new TextEncoder().encode(JWT_SECRET('alpha')));
    const res = await get('/api/v1/status', { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(json(res).message).toMatch(/exp/);
  });

  it('answers an oversized body with 413 and a clear message', async () => {
    const res = await call('PUT', '/api/v1/settings', {
      headers: { ...(await bearer({ subdomain: 'alpha', sub: '1' })), 'content-type': 'application/json' },
      body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(res.status).toBe(413);
    expect(json(res)).toEqual({
      error: 'body_too_large',
      message: 'request body is larger than 1048576 bytes',
    });
  });

  it('answers malformed JSON with 400 and a clear message', async () => {
    const res = await call('PUT', '/api/v1/settings', {
      headers: { ...(await bearer({ subdomain: 'alpha', sub: '1' })), 'content-type': 'application/json' },
      body: '{"roi": {',
    });
    expect(res.status).toBe(400);
    expect(json(res).error).toBe('malformed_json');
    expect(json(res).message).toMatch(/^request body is not valid JSON/);
  });

  it('answers unknown routes with a JSON 404', async () => {
    const res = await get('/api/v1/nope', await bearer({ subdomain: 'alpha' }));
    expect(res.status).toBe(404);
  });

  it('never writes API tokens, JWT secrets or bearer tokens to the log', async () => {
    const token = await signToken({ subdomain: 'alpha', sub: '1' });
    await call('PUT', '/api/v1/settings', {
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roi: { cost_per_ticket: 9 } }),
    });
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    for (const secret of [API_TOKEN('alpha'), API_TOKEN('beta'), JWT_SECRET('alpha'), token]) {
      expect(all).not.toContain(secret);
    }
  });
});
