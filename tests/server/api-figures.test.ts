import type { FastifyInstance } from 'fastify';
import { accountHealth, accountHealthOf, accountKeyFigures } from '../../src/core/health';
import { prepareDataset } from '../../src/core/prepare';
import type { Account, PortalEvent, PulseRecord, Ticket } from '../../src/core/records';
import { computeReport } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { activitySummary } from '../../src/core/summary';
import { buildServer } from '../../src/server/app';
import { coreEngine } from '../../src/server/core-engine';
import { upsertRecords } from '../../src/server/repo/records';
import { saveSettings } from '../../src/server/repo/settings';
import { addTestTenant, bearer, listen, type Reply } from './helpers';
import { BACKENDS, openTestDatabase, type TestDatabase } from './test-db';

const H = 3_600_000;
const DAY = 24 * H;
const JAN = Date.UTC(2026, 0, 1);
const iso = (t: number) => new Date(t).toISOString();

/** A ticket created on `day` (days after 1 Jan 2026); solved an hour later unless it is open. */
const ticket = (id: string, account: string, day: number, extra: Partial<Ticket> = {}): Ticket => ({
  kind: 'ticket',
  id,
  account_id: account,
  requester_id: `p-${account}`,
  channel: 'web',
  priority: 'normal',
  status: 'solved',
  created_at: JAN + day * DAY,
  solved_at: extra.status === 'open' ? null : JAN + day * DAY + H,
  agent_replies: 1,
  reopens: 0,
  group_stations: 1,
  first_reply_minutes: 10,
  full_resolution_minutes: extra.status === 'open' ? null : 60,
  satisfaction: 'good',
  tags: [],
  subject: `Ticket ${id}`,
  description: 'Please help',
  ...extra,
});
const account = (id: string, name: string, tags: string[] = []): Account => ({
  kind: 'account',
  id,
  name,
  tags,
  created_at: null,
});
/** An anonymous search (no person, so no ticket can follow it): only zero results make it a gap. */
const search = (visitor: string, at: number, query: string, results: number): PortalEvent => ({
  kind: 'portal_event',
  type: 'search',
  occurred_at: at,
  visitor_id: visitor,
  person_id: null,
  account_id: null,
  query,
  result_count: results,
  clicked_result: results > 0,
  article_id: null,
  device: 'desktop',
});

const ACCOUNTS = [account('a1', 'Acme', ['vip']), account('a2', 'Globex'), account('a3', '=Evil, "Corp"')];
// January: t1 one-touch and good; t2 by email, reopened, bad; t3 two replies, good.
// So in January: 3 tickets created, CSAT 2/3, FCR 1/3 (only t1 is one touch and not reopened).
// February (the 30 days health looks at): a1 one good ticket, a2 a bad reopened one and an open one.
const TICKETS: Ticket[] = [
  ticket('t1', 'a1', 0),
  ticket('t2', 'a1', 1, { channel: 'email', reopens: 1, satisfaction: 'bad' }),
  ticket('t3', 'a2', 2, { agent_replies: 2 }),
  ticket('h1', 'a1', 35),
  ticket('h2', 'a2', 38, { reopens: 1, agent_replies: 3, satisfaction: 'bad' }),
  ticket('t4', 'a2', 40),
  ticket('t5', 'a2', 41, { status: 'open', satisfaction: 'unoffered' }),
];
const EVENTS: PortalEvent[] = [
  search('v1', JAN + 4 * DAY, '  Reset   Password ', 0),
  search('v1', JAN + 4 * DAY + 5 * 60_000, 'reset password', 0),
  search('v2', JAN + 6 * DAY, 'Invoices', 0),
  search('v2', JAN + 6 * DAY + 60_000, 'billing', 5),
];
const ALPHA: PulseRecord[] = [...ACCOUNTS, ...TICKETS, ...EVENTS];
// Beta: one bad ticket on 1 Jan, so its figures differ from alpha's in every window asked.
const BETA: PulseRecord[] = [
  account('b1', 'Beta Secret Co'),
  ticket('b-t1', 'b1', 0, { satisfaction: 'bad' }),
];
// Gamma: a stored baseline period of 10 days in December with 5 tickets (0.5 a day), and 3 in January.
const BASELINE = { from: Date.UTC(2025, 11, 1), to: Date.UTC(2025, 11, 11) };
const GAMMA: PulseRecord[] = [
  account('g1', 'Gamma'),
  ...[0, 2, 4, 6, 8].map((d, i) => ticket(`g-b${i}`, 'g1', -31 + d)),
  ...[3, 9, 20].map((d, i) => ticket(`g-j${i}`, 'g1', d)),
];
const GAMMA_SETTINGS = { ...DEFAULT_SETTINGS, baseline: { tickets_per_day: null, ...BASELINE } };

/** The core engine over the same records the API was given: the figures the API must serve. */
const direct = () =>
  prepareDataset({ accounts: ACCOUNTS, persons: [], tickets: TICKETS, events: EVENTS }, DEFAULT_SETTINGS);
const HEALTH_DAYS = DEFAULT_SETTINGS.health_window_days;

describe.each(BACKENDS)('figures API on %s, with the core engine', (backend) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let call: Awaited<ReturnType<typeof listen>>;
  let alphaId: string;

  beforeAll(async () => {
    t = await openTestDatabase(backend);
    alphaId = (await addTestTenant(t.db, 'alpha', 'http://127.0.0.1:9')).id;
    const betaId = (await addTestTenant(t.db, 'beta', 'http://127.0.0.1:9')).id;
    const gammaId = (await addTestTenant(t.db, 'gamma', 'http://127.0.0.1:9')).id;
    await t.db.transaction((tx) => upsertRecords(tx, alphaId, ALPHA));
    await t.db.transaction((tx) => upsertRecords(tx, betaId, BETA));
    await t.db.transaction((tx) => upsertRecords(tx, gammaId, GAMMA));
    await saveSettings(t.db, gammaId, GAMMA_SETTINGS);
    app = await buildServer({ db: t.db, engine: coreEngine });
    call = await listen(app);
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = async (path: string, subdomain = 'alpha') =>
    call('GET', path, { headers: await bearer({ subdomain }) });
  const body = (r: Reply) => r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Tickets created in the window of a report, as the engine counts them. */
  const created = (report: { metrics: { deflected_tickets_vs_baseline: { tickets_created: number } } }) =>
    report.metrics.deflected_tickets_vs_baseline.tickets_created;

  it('gives the report with its window, data_as_of, and the previous period', async () => {
    const res = await get('/api/v1/metrics?from=2026-01-01&to=2026-01-31');
    expect(res.status).toBe(200);
    const b = body(res);
    expect(b.window).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z' });
    expect(created(b.report)).toBe(3);
    expect(b.report.metrics.csat).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(b.report.metrics.fcr).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
    expect(b.previous.window).toEqual({ from: '2025-12-02T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
    expect(created(b.previous.report)).toBe(0);
    expect(b.previous.report.metrics.csat).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(b.baseline).toBeNull();
    expect(typeof b.data_as_of).toBe('string');
    // Both periods are the engine's own reports over the same records, byte for byte.
    const p = direct();
    const window = { from: JAN, to: JAN + 30 * DAY };
    const previous = { from: JAN - 30 * DAY, to: JAN };
    expect(b.report).toEqual(JSON.parse(JSON.stringify(computeReport(p, window, DEFAULT_SETTINGS, {}))));
    expect(b.previous.report).toEqual(
      JSON.parse(JSON.stringify(computeReport(p, previous, DEFAULT_SETTINGS, {}))),
    );
  });

  it("reports the baseline period of the tenant's settings next to the window", async () => {
    const b = body(await get('/api/v1/metrics?from=2026-01-01&to=2026-01-31', 'gamma'));
    expect(b.baseline.window).toEqual({ from: iso(BASELINE.from), to: iso(BASELINE.to) });
    expect(created(b.baseline.report)).toBe(5);
    expect(created(b.report)).toBe(3);
    // 0.5 a day over 30 days, less the 3 created: 12 tickets deflected.
    expect(b.report.metrics.deflected_tickets_vs_baseline).toMatchObject({
      value: 12,
      baseline_tickets_per_day: 0.5,
      baseline_source: 'period',
    });
  });

  it('segments by account, tag and channel, combined with AND', async () => {
    const q = '/api/v1/metrics?from=2026-01-01&to=2026-03-01';
    const a2 = body(await get(`${q}&account=a2`));
    expect(created(a2.report)).toBe(4);
    expect(a2.report.metrics.csat).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(created(body(await get(`${q}&account_tag=vip`)).report)).toBe(3);
    const email = body(await get(`${q}&channel=email`));
    expect(created(email.report)).toBe(1);
    expect(email.report.metrics.csat).toEqual({ value: 0, numerator: 0, denominator: 1 });
    const two = body(await get(`${q}&channel=email&account=a1`));
    expect([created(two.report), two.segment]).toEqual([1, { account_id: 'a1', channel: 'email' }]);
    expect(created(body(await get(`${q}&channel=email&account=a2`)).report)).toBe(0);
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
    expect(alpha).not.toContain('b1');
    const beta = body(await get('/api/v1/accounts', 'beta'));
    expect(beta.accounts.map((a: { account_id: string }) => a.account_id)).toEqual(['b1']);
    expect((await get('/api/v1/accounts/a1', 'beta')).status).toBe(404);
    expect((await get('/api/v1/accounts/b1')).status).toBe(404);
    const betaReport = body(await get('/api/v1/metrics?from=2026-01-01&to=2026-03-01', 'beta')).report;
    expect(created(betaReport)).toBe(1);
    expect(betaReport.metrics.csat).toEqual({ value: 0, numerator: 0, denominator: 1 });
    const gaps = body(await get('/api/v1/content-gaps?from=2026-01-01&to=2026-01-31', 'beta'));
    expect(gaps.content_gaps).toEqual([]);
  });

  it('lists accounts by score, filters by band, tag and search, and pages', async () => {
    const p = direct();
    const asOf = (p.dataAsOf as number) + 1;
    const health = accountHealth(p, DEFAULT_SETTINGS, asOf);
    const scoreOf = (id: string) => health.find((h) => h.account_id === id)?.score ?? null;
    // a1's one good February ticket scores better than a2's bad, reopened and open ones; a3 has none.
    expect(scoreOf('a1')).toBeGreaterThan(scoreOf('a2') as number);
    expect(scoreOf('a3')).toBeNull();
    expect(health.filter((h) => h.band !== null)).toHaveLength(2);

    const all = body(await get('/api/v1/accounts?sort=-score'));
    expect(
      all.accounts.map((a: { account_id: string; score: number | null }) => [a.account_id, a.score]),
    ).toEqual([
      ['a1', scoreOf('a1')],
      ['a2', scoreOf('a2')],
      ['a3', null],
    ]);
    const worst = body(await get('/api/v1/accounts?sort=score'));
    expect(worst.accounts.map((a: { account_id: string }) => a.account_id)).toEqual(['a2', 'a1', 'a3']);
    for (const band of ['healthy', 'watch', 'at_risk']) {
      const listed = body(await get(`/api/v1/accounts?band=${band}`));
      const expected = health.filter((h) => h.band === band).map((h) => h.account_id);
      expect(listed.accounts.map((a: { account_id: string }) => a.account_id).sort()).toEqual(
        expected.sort(),
      );
    }
    const tagged = body(await get('/api/v1/accounts?tag=vip'));
    expect([tagged.total, tagged.accounts[0].account_id]).toEqual([1, 'a1']);
    const found = body(await get('/api/v1/accounts?search=glob'));
    expect([found.total, found.accounts[0].name]).toEqual([1, 'Globex']);
    const page2 = body(await get('/api/v1/accounts?sort=name&per_page=2&page=2'));
    // By name: "=Evil, …" (a3), Acme (a1), Globex (a2).
    expect([page2.total, page2.accounts.map((a: { account_id: string }) => a.account_id)]).toEqual([
      3,
      ['a2'],
    ]);
    expect((await get('/api/v1/accounts?band=great')).status).toBe(400);
  });

  it('gives one account with its health, summary, recent tickets and key figures', async () => {
    const res = await get('/api/v1/accounts/a1');
    expect(res.status).toBe(200);
    const p = direct();
    const asOf = (p.dataAsOf as number) + 1;
    const b = body(res);
    expect(b).toMatchObject(
      JSON.parse(
        JSON.stringify({
          health: accountHealthOf(p, DEFAULT_SETTINGS, 'a1', asOf),
          summary: activitySummary(p, 'a1', asOf, { days: HEALTH_DAYS }),
          key_figures: accountKeyFigures(p, DEFAULT_SETTINGS, 'a1', asOf),
        }),
      ),
    );
    expect(b.window).toEqual({ from: iso(asOf - HEALTH_DAYS * DAY), to: iso(asOf) });
    expect(b.recent_tickets.map((x: { id: string }) => x.id)).toEqual(['h1', 't2', 't1']);
    expect(b.key_figures).toMatchObject({ open_tickets: 0 });
    expect(body(await get('/api/v1/accounts/a2')).key_figures).toMatchObject({ open_tickets: 1 });
    const missing = await get('/api/v1/accounts/nobody');
    expect({ status: missing.status, error: body(missing).error }).toEqual({
      status: 404,
      error: 'not_found',
    });
  });

  it('gives trends per interval and refuses unknown metrics and metrics without a trend', async () => {
    const q = 'from=2026-01-01&to=2026-01-04&interval=day';
    const csat = body(await get(`/api/v1/trends?metric=csat&${q}`));
    // Solved on 1, 2 and 3 January: good, bad, good.
    expect(csat.series.points.map((p: { value: number | null }) => p.value)).toEqual([1, 0, 1]);
    const fcr = body(await get(`/api/v1/trends?metric=fcr&${q}`));
    expect(fcr.series.points.map((p: { value: number | null }) => p.value)).toEqual([1, 0, 0]);
    const email = body(await get(`/api/v1/trends?metric=csat&${q}&channel=email`));
    expect(email.series.points.map((p: { value: number | null }) => p.value)).toEqual([null, 0, null]);
    for (const metric of ['happiness', 'content_gaps']) {
      const bad = await get(`/api/v1/trends?metric=${metric}&from=2026-01-01&to=2026-01-04`);
      expect({ status: bad.status, field: body(bad).field }).toEqual({ status: 400, field: 'metric' });
    }
  });

  it('gives content gaps of a window: normalized queries of zero-result searches, most frequent first', async () => {
    const res = body(await get('/api/v1/content-gaps?from=2026-01-01&to=2026-01-31'));
    expect(res.window).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-31T00:00:00.000Z' });
    expect(res.content_gaps).toEqual([
      { query: 'reset password', count: 2 },
      { query: 'invoices', count: 1 },
    ]);
    const before = body(await get('/api/v1/content-gaps?from=2025-12-01&to=2026-01-01'));
    expect(before.content_gaps).toEqual([]);
  });

  it('exports CSV with escaped, formula-safe cells', async () => {
    const res = await get('/api/v1/export.csv?view=accounts');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.text).toContain(`a3,"'=Evil, ""Corp""",,,,`);
    const metrics = await get('/api/v1/export.csv?view=metrics&from=2026-01-01&to=2026-01-31');
    const lines = metrics.text.trim().split('\r\n');
    expect(lines[0]).toBe('metric,value,numerator,denominator,from,to,data_as_of');
    const row = (metric: string) => lines.find((l) => l.startsWith(`${metric},`));
    const meta = '2026-01-01T00:00:00.000Z,2026-01-31T00:00:00.000Z,';
    expect(row('csat')).toMatch(new RegExp(`^csat,${2 / 3},2,3,${meta}`));
    expect(row('fcr')).toMatch(new RegExp(`^fcr,${1 / 3},1,3,${meta}`));
    expect(row('median_first_reply_minutes')).toMatch(new RegExp(`^median_first_reply_minutes,10,,,${meta}`));
    expect(row('feature_utilization.search')).toMatch(/^feature_utilization\.search,1,2,2,/);
    // Lists (content gaps) stay in JSON; every other line is one metric of the window.
    expect(lines.some((l) => l.startsWith('content_gaps'))).toBe(false);
    expect(lines.slice(1).every((l) => l.includes(meta))).toBe(true);
    expect((await get('/api/v1/export.csv?view=metrics')).status).toBe(400);
  });

  it('serves the old dataset while a change rebuilds it, then the new one', async () => {
    const q = '/api/v1/metrics?from=2026-01-01&to=2026-01-31';
    expect(created(body(await get(q)).report)).toBe(3);
    await t.db.transaction((tx) => upsertRecords(tx, alphaId, [ticket('t6', 'a1', 5)]));
    let seen = 3;
    for (let i = 0; i < 50 && seen === 3; i++) {
      await new Promise((r) => setTimeout(r, 100));
      seen = created(body(await get(q)).report);
    }
    expect(seen).toBe(4);
    // The rebuilt report is the engine's over the new records: t6 is good and one touch.
    expect(body(await get(q)).report.metrics.fcr).toEqual({ value: 2 / 4, numerator: 2, denominator: 4 });
  });
});
