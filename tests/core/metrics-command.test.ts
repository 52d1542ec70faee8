import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { registerMetrics } from '../../src/cli/commands/metrics';
import { UserError } from '../../src/cli/errors';
import { decodeLines } from '../../src/core/codec/decode';
import { toDataset } from '../../src/core/dataset';
import { accountHealth, accountHealthDetail } from '../../src/core/health';
import { prepareDataset } from '../../src/core/prepare';
import { DEFAULT_SETTINGS } from '../../src/core/settings';

const LINES = [
  '{"kind":"person","id":"p1","account_id":"a1"}',
  '{"kind":"portal_event","type":"search","occurred_at":"2026-01-01T10:00:00Z","visitor_id":"v1","person_id":"p1","query":"x","result_count":0}',
  '{"kind":"ticket","id":"t1","requester_id":"p1","status":"solved","created_at":"2026-01-01T12:00:00Z","solved_at":"2026-01-02T12:00:00Z","agent_replies":1,"satisfaction":"good"}',
];

async function run(
  lines: string[],
  ...args: string[]
): Promise<{ out: string; err: string; error: unknown }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'pulse-metrics-')), 'in.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  const program = new Command().exitOverride();
  registerMetrics(program);
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  let error: unknown = null;
  try {
    await program.parseAsync(['node', 'pulse', 'metrics', '--input', file, ...args]);
  } catch (x) {
    error = x;
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
  return { out, err, error };
}

describe('portal-pulse metrics', () => {
  it('prints the JSON report over the default window: the 30 days ending at the last timestamp', async () => {
    const { out, error } = await run(LINES, '--json');
    expect(error).toBeNull();
    const report = JSON.parse(out);
    expect(report.window).toEqual({ from: '2025-12-03T12:00:00.001Z', to: '2026-01-02T12:00:00.001Z' });
    expect(report.metrics.ticket_after_portal_rate).toEqual({ value: 1, numerator: 1, denominator: 1 });
    expect(report.metrics.csat.value).toBe(1);
  });

  it('prints a table, then every bad line with its number, and fails', async () => {
    const { out, err, error } = await run(
      [...LINES, 'oops', '{"kind":"ticket","id":"t"}'],
      '--from',
      '2026-01-01T00:00:00Z',
      '--to',
      '2026-02-01T00:00:00Z',
    );
    expect(out).toContain('ticket_after_portal_rate');
    expect(err).toContain('line 4: not valid JSON');
    expect(err).toContain('line 5: ticket: field "requester_id"');
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
  });

  it('rejects a bad --from', async () => {
    const { error } = await run(LINES, '--from', 'soon');
    expect((error as Error).message).toContain('--from must be an ISO 8601 time');
  });
});

/**
 * Two accounts over six weeks: "calm" has one well-rated ticket solved within the hour each week;
 * "stormy" the same until its last week brings four tickets rated bad, reopened and slow, plus
 * an urgent one still open.
 */
const day = (d: number, h = 10) => new Date(Date.UTC(2026, 0, 1 + d, h)).toISOString();
const HEALTH_LINES = [
  '{"kind":"account","id":"calm","name":"Calm Co","tags":[]}',
  '{"kind":"account","id":"stormy","name":"Stormy Ltd","tags":[]}',
  ...['calm', 'stormy'].flatMap((acc) =>
    Array.from({ length: 6 }, (_, w) =>
      JSON.stringify({
        kind: 'ticket',
        id: `${acc}-${w}`,
        account_id: acc,
        requester_id: `r-${acc}`,
        status: 'solved',
        created_at: day(w * 7),
        solved_at: day(w * 7, 11),
        agent_replies: 1,
        full_resolution_minutes: 60,
        satisfaction: 'good',
        subject: 'Question about invoices',
      }),
    ),
  ),
  ...Array.from({ length: 4 }, (_, k) =>
    JSON.stringify({
      kind: 'ticket',
      id: `storm-${k}`,
      account_id: 'stormy',
      requester_id: 'r-stormy',
      status: 'solved',
      created_at: day(36 + k),
      solved_at: day(38 + k),
      agent_replies: 3,
      reopens: 1,
      full_resolution_minutes: 2880,
      satisfaction: 'bad',
      subject: 'Sync failed',
    }),
  ),
  JSON.stringify({
    kind: 'ticket',
    id: 'storm-open',
    account_id: 'stormy',
    requester_id: 'r-stormy',
    status: 'open',
    priority: 'urgent',
    created_at: day(41),
    subject: 'Sync failed',
  }),
];

async function directly() {
  const decoded = await decodeLines(HEALTH_LINES);
  const p = prepareDataset(toDataset(decoded.records), DEFAULT_SETTINGS);
  return { p, asOf: (p.dataAsOf as number) + 1 };
}

describe('portal-pulse metrics --health', () => {
  it('lists every account worst first after the report', async () => {
    const { out, error } = await run(HEALTH_LINES, '--health');
    expect(error).toBeNull();
    expect(out).toContain('ticket_after_portal_rate');
    const list = out.slice(out.indexOf('account health as of'));
    expect(list).toContain('(2 accounts, worst first)');
    expect(list.indexOf('Stormy Ltd')).toBeGreaterThan(0);
    expect(list.indexOf('Stormy Ltd')).toBeLessThan(list.indexOf('Calm Co'));
  });

  it('adds the health list to the JSON report, with the engine’s scores', async () => {
    const { out, error } = await run(HEALTH_LINES, '--health', '--json');
    expect(error).toBeNull();
    const body = JSON.parse(out);
    expect(body.metrics).toBeDefined();
    const { p, asOf } = await directly();
    const scores = new Map(accountHealth(p, DEFAULT_SETTINGS, asOf).map((h) => [h.account_id, h.score]));
    expect(body.health.map((r: { account_id: string }) => r.account_id)).toEqual(['stormy', 'calm']);
    for (const r of body.health) expect(r.score).toBe(scores.get(r.account_id));
    expect(body.health[0]).toMatchObject({ name: 'Stormy Ltd', band: expect.any(String) });
    expect(body.health[0].score).toBeLessThan(body.health[1].score);
  });

  it('prints one account’s factors, trend and summary with --account', async () => {
    const { out, error } = await run(HEALTH_LINES, '--health', '--account', 'stormy');
    expect(error).toBeNull();
    const part = out.slice(out.indexOf('Stormy Ltd (stormy): health'));
    for (const key of ['csat', 'volume_trend', 'fcr_reopens', 'resolution_time', 'backlog'])
      expect(part).toContain(key);
    expect(part).toMatch(/trend \(weekly, oldest first\): (\S+ ){12}\S+\n/);
    expect(part).toContain('open tickets         1 (1 urgent)');
    // In the 30 days: the weekly tickets of days 14–35, the four bad ones and the open one.
    expect(part).toContain('9 tickets in the last 30 days, up from 2 in the 30 days before.');
    expect(part).toContain('csat                 50.0 %  (4 / 8)');
  });

  it('gives the structured form with --json, as the engine computes it', async () => {
    const { out, error } = await run(HEALTH_LINES, '--health', '--account', 'stormy', '--json');
    expect(error).toBeNull();
    const { p, asOf } = await directly();
    const expected = JSON.parse(JSON.stringify(accountHealthDetail(p, DEFAULT_SETTINGS, 'stormy', asOf)));
    const { health } = JSON.parse(out);
    expect(health).toMatchObject(expected);
    expect(health.trend.points).toHaveLength(13);
    expect(health.key_figures).toMatchObject({ open_tickets: 1, urgent_open_tickets: 1 });
    expect(health.summary.sentences.length).toBeGreaterThan(0);
  });

  it('refuses an account the data does not have', async () => {
    const { error } = await run(HEALTH_LINES, '--health', '--account', 'nobody');
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe('--account nobody: no such account in the data');
  });
});
