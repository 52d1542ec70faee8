import type { FastifyInstance } from 'fastify';
import type { PulseRecord, Ticket } from '../../src/core/records';
import { buildServer } from '../../src/server/app';
import { upsertRecords } from '../../src/server/repo/records';
import { fakeEngine } from './fake-engine';
import { addTestTenant, bearer, listen, type Reply } from './helpers';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const DAY = 86_400_000;
const JAN = Date.UTC(2026, 0, 1);

const ticket = (id: string, account: string, day: number, channel: Ticket['channel'] = 'web'): Ticket => ({
  kind: 'ticket',
  id,
  account_id: account,
  requester_id: 'p',
  channel,
  priority: 'normal',
  status: 'open',
  created_at: JAN + day * DAY,
  solved_at: null,
  agent_replies: 0,
  reopens: 0,
  group_stations: 1,
  first_reply_minutes: null,
  full_resolution_minutes: null,
  satisfaction: 'unoffered',
  tags: [],
  subject: `Ticket ${id}`,
  description: '',
});
const account = (id: string, name: string, tags: string[] = []): PulseRecord => ({
  kind: 'account',
  id,
  name,
  tags,
  created_at: null,
});

describe.each(BACKENDS)('figures API on %s', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let call: Awaited<ReturnType<typeof listen>>;
  let alphaId: string;

  beforeAll(async () => {
    t = await openTestDatabase(backend);
    alphaId = (await addTestTenant(t.db, 'alpha', 'http://127.0.0.1:9')).id;
    const betaId = (await addTestTenant(t.db, 'beta', 'http://127.0.0.1:9')).id;
    await t.db.transaction((tx) =>
      upsertRecords(tx, alphaId, [
        account('a1', 'Acme', ['vip']),
        account('a2', 'Globex'),
        account('a3', '=Evil, "Corp"'),
        ticket('t1', 'a1', 0),
        ticket('t2', 'a1', 1, 'email'),
        ticket('t3', 'a2', 2),
        ticket('t4', 'a2', 40),
        ticket('t5', 'a2', 41),
      ]),
    );
    await t.db.transaction((tx) =>
      upsertRecords(tx, betaId, [account('b1', 'Beta Secret Co'), ticket('b-t1', 'b1', 0)]),
    );
    app = await buildServer({ db: t.db, engine: fakeEngine });
    call = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = async (path: string, subdomain = 'alpha') =>
    call('GET', path, { headers: await bearer({ subdomain }) });
  const body = (r: Reply) => r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('gives the report with its window, data_as_of, and the previous period', async () => {
    const res = await get('/api/v1/metrics?from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(200);
    expect(body(res).window).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z' });
    expect(body(res).report.tickets).toBe(3);
    expect(body(res).previous.window).toEqual({
      from: '2025-12-02T00:00:00.000Z',
      to: '2026-01-01T00:00:00.000Z',
    });
    expect(body(res).previous.report.tickets).toBe(0);
    expect(body(res).baseline).toBeNull();
    expect(typeof body(res).data_as_of).toBe('string');
  });

  it('segments by account, tag and channel, combined with AND', async () => {
    const q = '/api/v1/metrics?from=2026-01-01&to=2026-03-01';
    expect(body(await get(`${q}&account=a2`)).report.tickets).toBe(3);
    expect(body(await get(`${q}&account_tag=vip`)).report.tickets).toBe(2);
    expect(body(await get(`${q}&channel=email`)).report.tickets).toBe(1);
    const two = body(await get(`${q}&channel=email&account=a1`));
    expect([two.report.tickets, two.segment]).toEqual([1, { account_id: 'a1', channel: 'email' }]);
  });

  it('refuses bad windows with 400 naming the field', async () => {
    const cases: Array<[string, string]> = [
      ['from=2026-02-01&to=2026-01-01', 'from must be before to'],
      ['from=yesterday&to=2026-01-01', 'from must be an ISO 8601 date or time, got "yesterday"'],
      ['from=2026-01-01', "querystring must have required property 'to'"],
      [
        'from=2026-01-01&to=2026-02-01&channel=fax',
        'channel must be one of web, email, chat, voice, api, other',
      ],
    ];
    for (const [q, message] of cases) {
      const res = await get(`/api/v1/metrics?${q}`);
      expect({ status: res.status, message: body(res).message }).toEqual({ status: 400, message });
    }
  });

  it("never shows tenant beta's data to alpha, and vice versa", async () => {
    const alpha = JSON.stringify(body(await get('/api/v1/accounts?per_page=200')));
    expect(alpha).not.toContain('Beta Secret Co');
    const beta = body(await get('/api/v1/accounts', 'beta'));
    expect(beta.accounts.map((a: { account_id: string }) => a.account_id)).toEqual(['b1']);
    expect((await get('/api/v1/accounts/a1', 'beta')).status).toBe(404);
    expect(body(await get('/api/v1/metrics?from=2026-01-01&to=2026-03-01', 'beta')).report.tickets).toBe(1);
  });

  it('lists accounts by score, filters by band, tag and search, and pages', async () => {
    const all = body(await get('/api/v1/accounts?sort=-score'));
    // a1: 2 tickets → 40 (watch); a2: 3 → 10 (at risk); a3: none → no score, last.
    expect(
      all.accounts.map((a: { account_id: string; score: number | null }) => [a.account_id, a.score]),
    ).toEqual([
      ['a1', 40],
      ['a2', 10],
      ['a3', null],
    ]);
    expect(
      body(await get('/api/v1/accounts?band=at_risk')).accounts.map((a: { name: string }) => a.name),
    ).toEqual(['Globex']);
    expect(body(await get('/api/v1/accounts?tag=vip')).total).toBe(1);
    expect(body(await get('/api/v1/accounts?search=glob')).total).toBe(1);
    const page2 = body(await get('/api/v1/accounts?sort=name&per_page=2&page=2'));
    expect([page2.total, page2.accounts.map((a: { account_id: string }) => a.account_id)]).toEqual([
      3,
      ['a2'],
    ]);
    expect((await get('/api/v1/accounts?band=great')).status).toBe(400);
  });

  it('gives one account with recent tickets and key figures', async () => {
    const res = body(await get('/api/v1/accounts/a1'));
    expect(res.summary).toBe('fine');
    expect(res.recent_tickets.map((x: { id: string }) => x.id)).toEqual(['t2', 't1']);
    expect(res.window).toBeDefined();
    expect(res.key_figures).toHaveProperty('tickets');
  });

  it('gives trends per interval and refuses unknown metrics', async () => {
    const res = body(await get('/api/v1/trends?metric=tickets&from=2026-01-01&to=2026-01-04&interval=day'));
    expect(res.series.points.map((p: { value: number }) => p.value)).toEqual([1, 1, 1]);
    const bad = await get('/api/v1/trends?metric=happiness&from=2026-01-01&to=2026-01-04');
    expect(bad.status).toBe(400);
    expect(body(bad).field).toBe('metric');
  });

  it('gives content gaps of a window', async () => {
    const res = body(await get('/api/v1/content-gaps?from=2026-01-01&to=2026-01-31'));
    expect(res.content_gaps).toEqual([{ query: 'reset', count: 3 }]);
  });

  it('exports CSV with escaped, formula-safe cells', async () => {
    const res = await get('/api/v1/export.csv?view=accounts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.text).toContain(`a3,"'=Evil, ""Corp""",,,,`);
    const metrics = await get('/api/v1/export.csv?view=metrics&from=2026-01-01&to=2026-01-31');
    const lines = metrics.text.trim().split('\r\n');
    expect(lines[0]).toBe('metric,value,numerator,denominator,from,to,data_as_of');
    expect(lines[1]).toMatch(/^tickets,3,,,2026-01-01T00:00:00.000Z,2026-01-31T00:00:00.000Z,/);
    expect(lines[2]).toMatch(/^csat,,0,0,/);
    expect((await get('/api/v1/export.csv?view=metrics')).status).toBe(400);
  });

  it('serves the old dataset while a change rebuilds it, then the new one', async () => {
    const q = '/api/v1/metrics?from=2026-01-01&to=2026-01-31';
    expect(body(await get(q)).report.tickets).toBe(3);
    await t.db.transaction((tx) => upsertRecords(tx, alphaId, [ticket('t6', 'a1', 5)]));
    let seen = 3;
    for (let i = 0; i < 50 && seen === 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = body(await get(q)).report.tickets;
    }
    expect(seen).toBe(4);
  });
});
