import { createReadStream, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors';
import { decodeChunksToColumns } from '../../core/codec/decode';
import { DAY_MS, type Window } from '../../core/dataset';
import { accountHealth, accountHealthDetail, healthTrends } from '../../core/health';
import {
  formatAccountHealth,
  formatHealthList,
  worstFirst,
  type HealthListRow,
} from '../../core/health/text';
import { prepareColumns, type PreparedDataset } from '../../core/prepare';
import { computeReport } from '../../core/report';
import { formatReportText } from '../../core/report-text';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings';
import { activitySummary } from '../../core/summary';
import { mergeSettings, parseSettings } from '../../server/settings-schema';

interface MetricsFlags {
  input: string;
  from?: string;
  to?: string;
  settings?: string;
  account?: string;
  json?: boolean;
  health?: boolean;
}

function parseTime(flag: string, value: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new UserError(`--${flag} must be an ISO 8601 time, got "${value}"`);
  return t;
}

function loadSettings(file: string | undefined): Settings {
  if (file === undefined) return DEFAULT_SETTINGS;
  let patch: unknown;
  try {
    patch = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`--settings ${file}: ${(err as Error).message}`);
  }
  try {
    return parseSettings(mergeSettings(structuredClone(DEFAULT_SETTINGS), patch));
  } catch (err) {
    throw new UserError(`--settings ${file}: ${(err as Error).message}`);
  }
}

/** Default window: the 30 days ending at the data's last timestamp (inclusive of it). */
function chooseWindow(flags: MetricsFlags, dataAsOf: number | null): Window {
  const to = flags.to !== undefined ? parseTime('to', flags.to) : (dataAsOf ?? Date.now()) + 1;
  const from = flags.from !== undefined ? parseTime('from', flags.from) : to - 30 * DAY_MS;
  if (from >= to)
    throw new UserError(
      `--from must be before --to (got ${new Date(from).toISOString()} ≥ ${new Date(to).toISOString()})`,
    );
  return { from, to };
}

/** Every account's health worst first, or one account's in full; as of the window's end. */
function healthPart(prepared: PreparedDataset, settings: Settings, flags: MetricsFlags, asOf: number) {
  const names = new Map(prepared.accounts.map((a) => [a.id, a.name]));
  if (flags.account !== undefined) {
    const id = flags.account;
    const detail = accountHealthDetail(prepared, settings, id, asOf);
    const summary = activitySummary(prepared, id, asOf, { days: settings.health_window_days });
    if (detail === null || summary === null)
      throw new UserError(`--account ${id}: no such account in the data`);
    const json = { ...detail, summary: { sentences: summary.sentences } };
    return { json, text: formatAccountHealth({ name: names.get(id) ?? id, ...json }, asOf) };
  }
  const trends = healthTrends(prepared, settings, asOf);
  const rows: HealthListRow[] = worstFirst(
    accountHealth(prepared, settings, asOf).map((h) => ({
      account_id: h.account_id,
      // Accounts seen only on tickets or events have no record: their id stands for the name.
      name: names.get(h.account_id) ?? h.account_id,
      score: h.score,
      band: h.band,
      top_factor: h.top_factor,
      falling: trends.get(h.account_id)?.falling ?? false,
    })),
  );
  return { json: rows, text: formatHealthList(rows, asOf) };
}

async function runMetrics(flags: MetricsFlags): Promise<void> {
  const settings = loadSettings(flags.settings);
  const stream = createReadStream(flags.input, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (err) => reject(new UserError(`--input ${flags.input}: ${err.message}`)));
  });
  await opened;
  const decoded = await decodeChunksToColumns(stream);
  const prepared = prepareColumns(decoded.data, settings);
  const window = chooseWindow(flags, prepared.dataAsOf);
  const report = computeReport(
    prepared,
    window,
    settings,
    flags.account !== undefined ? { account_id: flags.account } : {},
  );
  const health = flags.health ? healthPart(prepared, settings, flags, window.to) : null;
  if (flags.json)
    process.stdout.write(
      JSON.stringify(health ? { ...report, health: health.json } : report, null, 2) + '\n',
    );
  else process.stdout.write(formatReportText(report) + (health ? `\n${health.text}` : ''));
  if (decoded.errors.length > 0) {
    for (const e of decoded.errors) process.stderr.write(`${e.message}\n`);
    throw new UserError(
      `${decoded.errors.length} of ${decoded.lines} lines in ${flags.input} were not valid records (listed above); the report leaves them out`,
      1,
    );
  }
}

export function registerMetrics(program: Command): void {
  program
    .command('metrics')
    .description('Print every metric of METRICS.md for a window, from Pulse records NDJSON')
    .requiredOption('--input <file>', 'Pulse records NDJSON file')
    .option('--from <iso>', 'window start, inclusive (default: --to minus 30 days)')
    .option('--to <iso>', "window end, exclusive (default: just after the data's last timestamp)")
    .option('--settings <file>', 'JSON settings (partial; merged over the defaults)')
    .option('--account <id>', 'only this account')
    .option('--json', 'print the report as JSON (the same keys as the API)')
    .option(
      '--health',
      "also print account health as of --to: every account worst first, or with --account that account's factors, trend and summary",
    )
    .action(runMetrics);
}
