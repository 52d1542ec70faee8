import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { SignJWT } from 'jose';
import type { FastifyInstance } from 'fastify';
import type { PulseRecord } from '../../src/core/records';
import { buildServer } from '../../src/server/app';
import { coreEngine } from '../../src/server/core-engine';
import type { Database } from '../../src/server/db/database';
import { upsertRecords } from '../../src/server/repo/records';
import { addTenant, type Tenant } from '../../src/server/repo/tenants';
import { openTestDatabase, type Backend, type TestDatabase } from './test-db';

export const API_TOKEN = (subdomain: string) => `api-token-of-${subdomain}-0b7d2c`;
export const JWT_SECRET = (subdomain: string) => `jwt-secret-of-${subdomain}-9f31aa`;

export interface TokenOptions {
  subdomain: string;
  secret?: string;
  sub?: string;
  aud?: string;
  expiresInSeconds?: number;
}

/** A token like the one Zendesk's proxy signs for the app. */
export function signToken(o: TokenOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(o.subdomain)
    .setAudience(o.aud ?? 'portal-pulse')
    .setSubject(o.sub ?? '1001')
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expiresInSeconds ?? 300))
    .sign(new TextEncoder().encode(o.secret ?? JWT_SECRET(o.subdomain)));
}

export const bearer = async (o: TokenOptions) => ({ authorization: `Bearer ${await signToken(o)}` });

/** A stand-in for the helpdesk's users endpoint: user ids listed in `admins` are admins, others agents. */
export async function startUsersStandIn(
  admins: string[],
): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    calls.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    const match = /^\/api\/v2\/users\/(\d+)\.json$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        user: { id: Number(match[1]), role: admins.includes(match[1]!) ? 'admin' : 'agent' },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function addTestTenant(db: Database, subdomain: string, helpdeskUrl: string): Promise<Tenant> {
  return addTenant(db, {
    subdomain,
    helpdeskUrl,
    apiEmail: `admin@${subdomain}.test`,
    apiToken: API_TOKEN(subdomain),
    jwtSecret: JWT_SECRET(subdomain),
  });
}

/** A server whose log lines are kept in `logs`, so tests can prove what never reaches them. */
export async function buildLoggedServer(db: Database): Promise<{ app: FastifyInstance; logs: string[] }> {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const app = await buildServer({ db, logger: true, logStream: stream });
  return { app, logs };
}

export interface Reply {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** Real HTTP on loopback (light-my-request's inject pulls an ESM-only dependency jest cannot load). */
/** An HTTP call to a listening test server. */
export type Call = (
  method: string,
  path: string,
  init?: { headers?: Record<string, string>; body?: string },
) => Promise<Reply>;

export async function listen(app: FastifyInstance): Promise<Call> {
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return async (method, path, init = {}) => {
    const res = await fetch(`${base}${path}`, { method, headers: init.headers, body: init.body });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON (CSV, empty): the text is the body
    }
    return { status: res.status, body, text, headers: res.headers };
  };
}

/**
 * For the enclosing describe: the server on the real core engine, over an embedded database whose
 * tenant 'acme' holds `records`. The returned call is usable once beforeAll has run.
 */
export function serveCoreApi(records: PulseRecord[]): Call {
  let t: TestDatabase;
  let app: FastifyInstance;
  let call: Call | undefined;
  beforeAll(async () => {
    t = await openTestDatabase('pglite');
    const { id } = await addTestTenant(t.db, 'acme', 'http://127.0.0.1:9');
    await t.db.transaction((tx) => upsertRecords(tx, id, records));
    app = await buildServer({ db: t.db, engine: coreEngine });
    call = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });
  return (...args) => {
    if (!call) throw new Error('serveCoreApi: the server is not listening yet (call it from a test)');
    return call(...args);
  };
}

/**
 * For the enclosing describe: the server without an engine over `backend`, with tenants 'alpha'
 * and 'beta' on a helpdesk stand-in that says user 7 is an admin. `call` and `helpdeskCalls` are
 * usable once beforeAll has run.
 */
export function serveSettingsApi(backend: Backend): { call: Call; helpdeskCalls: () => string[] } {
  let t: TestDatabase;
  let app: FastifyInstance;
  let helpdesk: Awaited<ReturnType<typeof startUsersStandIn>> | undefined;
  let call: Call | undefined;
  beforeAll(async () => {
    t = await openTestDatabase(backend);
    helpdesk = await startUsersStandIn(['7']);
    await addTestTenant(t.db, 'alpha', helpdesk.url);
    await addTestTenant(t.db, 'beta', helpdesk.url);
    app = await buildServer({ db: t.db });
    call = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await helpdesk?.close();
    await t.close();
  });
  const ready = <T>(x: T | undefined): T => {
    if (x === undefined)
      throw new Error('serveSettingsApi: the server is not listening yet (call it from a test)');
    return x;
  };
  return { call: (...args) => ready(call)(...args), helpdeskCalls: () => ready(helpdesk).calls };
}
