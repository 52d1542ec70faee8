/**
 * The metric engine at 1,000,000 tickets and ~5,000,000 portal events: prepare (sessionize and
 * index once), a full-history report, and a 90-day report on the prepared data. The data is
 * generated in-process before timing. Runs in a child with a large heap so the figures are the
 * engine's alone.
 */
import { spawnSync } from 'node:child_process';
import { DAY_MS, emptyDataset } from '../src/core/dataset';
import { prepareDataset } from '../src/core/prepare';
import { computeReport } from '../src/core/report';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { createGenerator } from '../src/generator';
import type { BenchPart, BenchResult } from './types';

interface Measured {
  tickets: number;
  events: number;
  prepareMs: number;
  fullReportMs: number;
  report90Ms: number;
}

function measure(tickets: number): Measured {
  const data = emptyDataset();
  for (const r of createGenerator({ seed: 1, tickets }).records()) {
    if (r.kind === 'account') data.accounts.push(r);
    else if (r.kind === 'person') data.persons.push(r);
    else if (r.kind === 'ticket') data.tickets.push(r);
    else data.events.push(r);
  }
  // Collect the generator's garbage now, so that it is not charged to the engine.
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const prepared = prepareDataset(data, DEFAULT_SETTINGS);
  const t1 = performance.now();
  const to = (prepared.dataAsOf ?? 0) + 1;
  computeReport(prepared, { from: prepared.dataFrom ?? 0, to }, DEFAULT_SETTINGS);
  const t2 = performance.now();
  // Median of several 90-day reports: the backend's hot path once a tenant is prepared.
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const s = performance.now();
    computeReport(prepared, { from: to - 90 * DAY_MS - i * DAY_MS, to: to - i * DAY_MS }, DEFAULT_SETTINGS);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return {
    tickets: data.tickets.length,
    events: data.events.length,
    prepareMs: t1 - t0,
    fullReportMs: t2 - t1,
    report90Ms: times[4] as number,
  };
}

function inChild(tickets: number): Measured {
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=12288',
      '--max-semi-space-size=64',
      '--expose-gc',
      '--import',
      'tsx',
      __filename,
      '--child',
      String(tickets),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`metrics bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measured;
}

export const metricsBench: BenchPart = {
  title: 'metric engine',
  run: async () => {
    const m = inChild(1_000_000);
    const size = `${m.tickets.toLocaleString('en-US')} tickets, ${m.events.toLocaleString('en-US')} events`;
    const results: BenchResult[] = [
      { name: `prepare (sessionize + index), ${size}`, value: Math.round(m.prepareMs), unit: 'ms' },
      { name: `computeReport, whole history, ${size}`, value: Math.round(m.fullReportMs), unit: 'ms' },
      {
        name: `all tenant metrics (prepare + report), ${size}`,
        value: Math.round(m.prepareMs + m.fullReportMs),
        unit: 'ms',
        budget: { max: 5000 },
      },
      {
        name: `computeReport, 90-day window on the prepared dataset (median of 9)`,
        value: Math.round(m.report90Ms * 10) / 10,
        unit: 'ms',
        budget: { max: 50 },
      },
    ];
    return results;
  },
};

if (process.argv[2] === '--child') {
  process.stdout.write(`${JSON.stringify(measure(Number(process.argv[3])))}\n`);
}
