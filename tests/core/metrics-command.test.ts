import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { registerMetrics } from '../../src/cli/commands/metrics';
import { UserError } from '../../src/cli/errors';

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
