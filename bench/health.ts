/**
 * Account health at 1,000,000 tickets (the generator gives ~22,000 accounts at that scale, past
 * the 10,000 of the budget): every account's score with its factors in one pass, the weekly
 * trends behind the list's "falling" flag, and one account's detail (health, trend, key figures,
 * summary) as the sidebar asks for it. Data is generated and prepared in a child before timing;
 * CPU time is reported beside wall time because other jobs may share the machine.
 */
import { spawnSync } from 'node:child_process';
import { emptyDataset } from '../src/core/dataset';
import { accountHealth, accountHealthDetail, healthTrends, prepareAccountHealth } from '../src/core/health';
import { prepareDataset } from '../src/core/prepare';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { activitySummary } from '../src/core/summary';
import { createGenerator } from '../src/generator';
import type { BenchPart } from './types';

interface Measured {
  tickets: number;
  accounts: number;
  healthWallMs: number;
  healthCpuMs: number;
  trendsWallMs: number;
  trendsCpuMs: number;
  /** The tenant's weekly totals and the rows by account, built once after prepare. */
  warmCpuMs: number;
  /** One account's detail over DETAIL_SAMPLE accounts: median and slowest, CPU. */
  detailMedianCpuMs: number;
  detailMaxCpuMs: number;
}

/** Accounts timed for the detail, spread evenly over the account ids (the largest one included). */
const DETAIL_SAMPLE = 41;

const gc = (globalThis as { gc?: () => void }).gc;

function timed(f: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

function measure(tickets: number): Measured {
  const data = emptyDataset();
  for (const r of createGenerator({ seed: 1, tickets }).records()) {
    if (r.kind === 'account') data.accounts.push(r);
    else if (r.kind === 'person') data.persons.push(r);
    else if (r.kind === 'ticket') data.tickets.push(r);
    else data.events.push(r);
  }
  const prepared = prepareDataset(data, DEFAULT_SETTINGS);
  gc?.();
  const asOf = (prepared.dataAsOf ?? 0) + 1;
  // Median of 5 (the first run also builds the per-dataset ticket extras, as the first request would).
  const runs = Array.from({ length: 5 }, () => timed(() => accountHealth(prepared, DEFAULT_SETTINGS, asOf)));
  runs.sort((a, b) => a.wall - b.wall);
  const health = runs[2] as { wall: number; cpu: number };
  const warm = timed(() => prepareAccountHealth(prepared, DEFAULT_SETTINGS, asOf));
  const ids = prepared.accountIds;
  const sizes = new Int32Array(ids.length);
  for (const a of prepared.created.account) if (a >= 0) sizes[a] = (sizes[a] as number) + 1;
  const largest = ids[sizes.indexOf(Math.max(...sizes))] as string;
  // The largest last: the first request also compiles the code, which a running server has done.
  const sample = [
    ...Array.from(
      { length: DETAIL_SAMPLE - 1 },
      (_, k) => ids[Math.floor((k * ids.length) / (DETAIL_SAMPLE - 1))] as string,
    ),
    largest,
  ];
  const details = sample
    .map(
      (id) =>
        timed(() => {
          accountHealthDetail(prepared, DEFAULT_SETTINGS, id, asOf);
          activitySummary(prepared, id, asOf, { days: DEFAULT_SETTINGS.health_window_days });
        }).cpu,
    )
    .sort((a, b) => a - b);
  // Median of 3, each after a full collection: on a heap of millions of records one major GC costs
  // seconds of CPU, and whichever call happens to trigger it would be charged for all earlier garbage.
  const trendRuns = Array.from({ length: 3 }, () => {
    gc?.();
    return timed(() => healthTrends(prepared, DEFAULT_SETTINGS, asOf));
  }).sort((a, b) => a.cpu - b.cpu);
  const trends = trendRuns[1] as { wall: number; cpu: number };
  return {
    tickets: data.tickets.length,
    accounts: prepared.accountIndex.size,
    healthWallMs: health.wall,
    healthCpuMs: health.cpu,
    trendsWallMs: trends.wall,
    trendsCpuMs: trends.cpu,
    warmCpuMs: warm.cpu,
    detailMedianCpuMs: details[details.length >> 1] as number,
    detailMaxCpuMs: details.at(-1) as number,
  };
}

function inChild(tickets: number): Measured {
  const r = spawnSync(
    process.execPath,
    ['--max-old-space-size=12288', '--expose-gc', '--import', 'tsx', __filename, '--child', String(tickets)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (r.status !== 0) throw new Error(`health bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measured;
}

export const healthBench: BenchPart = {
  title: 'account health',
  run: async () => {
    const m = inChild(Number(process.env.HEALTH_BENCH_TICKETS ?? 1_000_000));
    const size = `${m.accounts.toLocaleString('en-US')} accounts, ${m.tickets.toLocaleString('en-US')} tickets`;
    return [
      {
        name: `accountHealth, every account, ${size} (wall, median of 5)`,
        value: Math.round(m.healthWallMs),
        unit: 'ms',
        budget: { max: 2000 },
      },
      {
        name: `accountHealth, ${size} (CPU)`,
        value: Math.round(m.healthCpuMs),
        unit: 'ms',
        budget: { max: 2000 },
      },
      {
        name: `healthTrends (13 weekly points), ${size} (wall, median of 3)`,
        value: Math.round(m.trendsWallMs),
        unit: 'ms',
      },
      {
        name: `healthTrends, ${size} (CPU)`,
        value: Math.round(m.trendsCpuMs),
        unit: 'ms',
        budget: { max: 1000 },
      },
      {
        name: 'prepareAccountHealth: weekly tenant totals + rows by account, once after prepare (CPU)',
        value: Math.round(m.warmCpuMs),
        unit: 'ms',
      },
      {
        name: `one account's detail (health, trend, key figures, summary), median of ${DETAIL_SAMPLE} (CPU)`,
        value: Math.round(m.detailMedianCpuMs * 10) / 10,
        unit: 'ms',
        budget: { max: 20 },
      },
      {
        name: `one account's detail, slowest of ${DETAIL_SAMPLE} (the largest account among them) (CPU)`,
        value: Math.round(m.detailMaxCpuMs * 10) / 10,
        unit: 'ms',
        budget: { max: 20 },
      },
    ];
  },
};

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(measure(Number(process.argv[3])))}\n`);
}
