/**
 * Generation speed and peak memory at 1,000,000 tickets: `portal-pulse generate --scale
 * large` writing records.ndjson to a temp dir, in its own process so the peak RSS is the
 * generator's alone. Its day workers are threads of that process, so the CPU time and the
 * peak RSS include them. The zendesk/ export files are measured apart, since they triple
 * the bytes written.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchPart, BenchResult } from './types';

interface Measured {
  records: number;
  seconds: number;
  /** User + system CPU seconds of the child, all its threads: the work done, whatever the load. */
  cpuSeconds: number;
  peakRssMb: number;
}

async function measure(tickets: number, zendesk: boolean): Promise<Measured> {
  const { writeDataset } = await import('../src/generator/write-dataset');
  const out = mkdtempSync(join(tmpdir(), 'pulse-bench-gen-'));
  const cpu = process.cpuUsage();
  try {
    const s = await writeDataset({ seed: 1, tickets, out, zendesk });
    const c = s.counts;
    const used = process.cpuUsage(cpu);
    return {
      records: c.accounts + c.persons + c.tickets + c.portal_events,
      seconds: s.seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function inChild(tickets: number, zendesk: boolean): Measured {
  const args = ['--import', 'tsx', __filename, '--child', String(tickets), zendesk ? 'zendesk' : 'records'];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`generate bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measured;
}

export const generateBench: BenchPart = {
  title: 'data generator',
  run: async () => {
    const plain = inChild(1_000_000, false);
    const full = inChild(1_000_000, true);
    const results: BenchResult[] = [
      {
        name: 'generate 1,000,000 tickets (records.ndjson): records per second',
        value: Math.round(plain.records / plain.seconds),
        unit: 'records/s',
        budget: { min: 200_000 },
      },
      {
        name: 'generate 1,000,000 tickets (records.ndjson): records per CPU-second',
        value: Math.round(plain.records / plain.cpuSeconds),
        unit: 'records/s',
      },
      {
        name: 'generate 1,000,000 tickets (records.ndjson): peak memory',
        value: Math.round(plain.peakRssMb),
        unit: 'MB',
        budget: { max: 300 },
      },
      {
        name: 'generate 1,000,000 tickets with zendesk/ export files: records per second',
        value: Math.round(full.records / full.seconds),
        unit: 'records/s',
      },
      {
        name: 'generate 1,000,000 tickets with zendesk/ export files: peak memory',
        value: Math.round(full.peakRssMb),
        unit: 'MB',
        budget: { max: 300 },
      },
    ];
    return results;
  },
};

if (process.argv[2] === '--child') {
  void measure(Number(process.argv[3]), process.argv[4] === 'zendesk').then((m) =>
    process.stdout.write(`${JSON.stringify(m)}\n`),
  );
}
