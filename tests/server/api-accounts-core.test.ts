import { accountHealthOf, accountKeyFigures, accountTrend } from '../../src/core/health';
import { prepareDataset } from '../../src/core/prepare';
import type { Account, Person, PulseRecord, Ticket } from '../../src/core/records';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { computeSeries } from '../../src/core/series';
import { activitySummary } from '../../src/core/summary';
import { bearer, serveCoreApi } from './helpers';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 0, 10);
const make = (id: string, account: string, day: number, extra: Partial<Ticket> = {}): Ticket => ({
  kind: 'ticket',
  id,
  account_id: account,
  requester_id: `p-${account}`,
  channel: 'web',
  priority: 'normal',
  status: 'solved',
  created_at: T0 + day * DAY,
  solved_at: T0 + day * DAY + H,
  agent_replies: 1,
  reopens: 0,
  group_stations: 1,
  first_reply_minutes: 10,
  full_resolution_minutes: 60,
  satisfaction: 'good',
  tags: [],
  subject: 'Cannot log in',
  description: 'Please help',
  ...extra,
});

const ACCOUNTS: Account[] = ['calm', 'stormy'].map((id) => ({
  kind: 'account',
  id,
  name: id === 'calm' ? 'Calm Co' : 'Stormy Ltd',
  tags: [id],
  created_at: null,
}));
const PERSONS: Person[] = ACCOUNTS.map((a) => ({
  kind: 'person',
  id: `p-${a.id}`,
  account_id: a.id,
  name: null,
  email: null,
}));
// Calm: one good ticket a week all along. Stormy: the same, then in the last three weeks many
// tickets, reopened, rated bad, and two still open.
const TICKETS: Ticket[] = [
  ...Array.from({ length: 20 }, (_, w) => make(`c${w}`, 'calm', w * 7)),
  ...Array.from({ length: 17 }, (_, w) => make(`s${w}`, 'stormy', w * 7)),
  ...Array.from({ length: 12 }, (_, k) =>
    make(`x${k}`, 'stormy', 120 + k, {
      satisfaction: 'bad',
      reopens: 1,
      agent_replies: 3,
      full_resolution_minutes: 3000,
      subject: 'URGENT: Sync failed',
      description: 'This is terrible, broken and useless.',
    }),
  ),
  make('o1', 'stormy', 131, {
    status: 'open',
    solved_at: null,
    full_resolution_minutes: null,
    priority: 'urgent',
  }),
  make('o2', 'stormy', 132, { status: 'open', solved_at: null, full_resolution_minutes: null }),
];
const RECORDS: PulseRecord[] = [...ACCOUNTS, ...PERSONS, ...TICKETS];

describe('the accounts API with the core engine', () => {
  const call = serveCoreApi(RECORDS);

  const direct = () =>
    prepareDataset({ accounts: ACCOUNTS, persons: PERSONS, tickets: TICKETS, events: [] }, DEFAULT_SETTINGS);
  // Health is as of the newest timestamp in the data + 1 ms (windows are half-open).
  const asOf = (direct().dataAsOf as number) + 1;

  it('lists real health, worst first with sort=score, with the top factor and the falling flag', async () => {
    const res = await call('GET', '/api/v1/accounts?sort=score', {
      headers: await bearer({ subdomain: 'acme' }),
    });
    expect(res.status).toBe(200);
    const body = res.body as {
      total: number;
      accounts: {
        account_id: string;
        name: string;
        score: number;
        band: string;
        falling: boolean;
        top_factor: string;
      }[];
    };
    expect(body.total).toBe(2);
    expect(body.accounts.map((a) => a.account_id)).toEqual(['stormy', 'calm']);
    const [stormy, calm] = body.accounts;
    expect(stormy).toMatchObject({ name: 'Stormy Ltd', falling: true });
    expect(calm).toMatchObject({ name: 'Calm Co', falling: false });
    expect(stormy?.score).toBeCloseTo(
      accountHealthOf(direct(), DEFAULT_SETTINGS, 'stormy', asOf)?.score as number,
      9,
    );
    expect(stormy?.top_factor).toBe(accountHealthOf(direct(), DEFAULT_SETTINGS, 'stormy', asOf)?.top_factor);
  });

  it("serves one account's health, factors, trend, summary and key figures", async () => {
    const res = await call('GET', '/api/v1/accounts/stormy', {
      headers: await bearer({ subdomain: 'acme' }),
    });
    expect(res.status).toBe(200);
    const p = direct();
    const expected = JSON.parse(
      JSON.stringify({
        health: accountHealthOf(p, DEFAULT_SETTINGS, 'stormy', asOf),
        trend: accountTrend(p, DEFAULT_SETTINGS, 'stormy', asOf),
        summary: activitySummary(p, 'stormy', asOf),
        key_figures: accountKeyFigures(p, DEFAULT_SETTINGS, 'stormy', asOf),
      }),
    );
    const body = res.body as Record<string, unknown>;
    expect(body).toMatchObject(expected);
    expect(body.factors).toEqual(expected.health.factors);
    expect(body.key_figures).toMatchObject({ open_tickets: 2, urgent_open_tickets: 1 });
    expect((body.recent_tickets as { id: string }[]).map((x) => x.id).slice(0, 2)).toEqual(['o2', 'o1']);
    const missing = await call('GET', '/api/v1/accounts/nobody', {
      headers: await bearer({ subdomain: 'acme' }),
    });
    expect(missing.status).toBe(404);
  });

  it('exports the same health in the accounts CSV as /accounts serves', async () => {
    const headers = await bearer({ subdomain: 'acme' });
    const list = await call('GET', '/api/v1/accounts?sort=name', { headers });
    const csv = await call('GET', '/api/v1/export.csv?view=accounts', { headers });
    expect(csv.status).toBe(200);
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header).toBe('account_id,name,tags,score,band,data_as_of');
    const fromCsv = lines.map((l) => {
      const [id, , , score, band] = l.split(',');
      return { account_id: id, score: Number(score), band };
    });
    const fromApi = (list.body as { accounts: { account_id: string; score: number; band: string }[] })
      .accounts;
    expect(fromCsv).toEqual(fromApi.map(({ account_id, score, band }) => ({ account_id, score, band })));
    expect(fromCsv.every((r) => Number.isFinite(r.score))).toBe(true);
  });

  it('serves trends of series metrics and refuses a metric that has none', async () => {
    const headers = await bearer({ subdomain: 'acme' });
    const ok = await call('GET', '/api/v1/trends?metric=csat&from=2026-05-01&to=2026-05-22&interval=week', {
      headers,
    });
    expect(ok.status).toBe(200);
    const points = (ok.body as { series: { points: { value: number | null }[] } }).series.points;
    expect(points.length).toBeGreaterThan(0);
    const bad = await call('GET', '/api/v1/trends?metric=content_gaps&from=2026-05-01&to=2026-05-22', {
      headers,
    });
    expect(bad.status).toBe(400);
  });

  it('serves the trend of a segment: the same points as the engine computes for that slice', async () => {
    const headers = await bearer({ subdomain: 'acme' });
    const prepared = prepareDataset(
      { accounts: ACCOUNTS, persons: PERSONS, tickets: TICKETS, events: [] },
      DEFAULT_SETTINGS,
    );
    const window = { from: Date.UTC(2026, 4, 1), to: Date.UTC(2026, 4, 22) };
    const pointsOf = (tag: string) =>
      computeSeries(prepared, 'csat', window, 'week', DEFAULT_SETTINGS, { account_tag: tag }).points.map(
        (p) => p.value,
      );
    for (const tag of ['calm', 'stormy']) {
      const res = await call(
        'GET',
        `/api/v1/trends?metric=csat&from=2026-05-01&to=2026-05-22&interval=week&account_tag=${tag}`,
        { headers },
      );
      expect(res.status).toBe(200);
      const body = res.body as { segment: object; series: { points: { value: number | null }[] } };
      expect(body.segment).toEqual({ account_tag: tag });
      expect(body.series.points.map((p) => p.value)).toEqual(pointsOf(tag));
    }
    // Calm is all good, stormy's bad ratings fall in these weeks: the slices differ.
    expect(pointsOf('calm')).not.toEqual(pointsOf('stormy'));
  });
});
