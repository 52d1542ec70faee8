import type { Account, Person, PulseRecord, Ticket } from '../../src/core/records';
import { prepareDataset } from '../../src/core/prepare';
import { computeReport, METRIC_KEYS } from '../../src/core/report';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { bearer, serveCoreApi } from './helpers';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 10);
const solved = (id: string, satisfaction: Ticket['satisfaction'], replies: number): Ticket => ({
  kind: 'ticket',
  id,
  account_id: 'a1',
  requester_id: 'p1',
  channel: 'web',
  priority: 'normal',
  status: 'solved',
  created_at: T0 + Number(id.slice(1)) * H,
  solved_at: T0 + Number(id.slice(1)) * H + H,
  agent_replies: replies,
  reopens: 0,
  group_stations: 1,
  first_reply_minutes: 10,
  full_resolution_minutes: 60,
  satisfaction,
  tags: [],
  subject: 'Help',
  description: 'Please help',
});

const ACCOUNT: Account = { kind: 'account', id: 'a1', name: 'Acme', tags: [], created_at: null };
const PERSON: Person = { kind: 'person', id: 'p1', account_id: 'a1', name: 'Ada', email: null };
const TICKETS = [solved('t1', 'good', 1), solved('t2', 'bad', 2), solved('t3', 'good', 1)];
const RECORDS: PulseRecord[] = [ACCOUNT, PERSON, ...TICKETS];

describe('the API with the core engine', () => {
  const call = serveCoreApi(RECORDS);

  it("gives the core's report for the window: CSAT 2/3, FCR 2/3", async () => {
    const res = await call('GET', '/api/v1/metrics?from=2026-01-01&to=2026-02-01', {
      headers: await bearer({ subdomain: 'acme' }),
    });
    expect(res.status).toBe(200);
    const body = res.body as { report: { metrics: Record<string, unknown> } };
    expect(Object.keys(body.report.metrics)).toEqual([...METRIC_KEYS]);
    expect(body.report.metrics.csat).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(body.report.metrics.fcr).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    // Byte for byte what the engine gives for the same records (the CLI's `metrics --json`).
    const window = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) };
    const direct = computeReport(
      prepareDataset(
        { accounts: [ACCOUNT], persons: [PERSON], tickets: TICKETS, events: [] },
        DEFAULT_SETTINGS,
      ),
      window,
      DEFAULT_SETTINGS,
      {},
    );
    expect(body.report).toEqual(JSON.parse(JSON.stringify(direct)));
  });
});
