/**
 * Simulator startup at medium and large scale: time to a listening server, peak memory,
 * and incremental-export throughput. Each scale runs in its own process so the figures
 * are the simulator's alone.
 */
import { spawnSync } from 'node:child_process';
import type { BenchPart, BenchResult } from './types';

interface Measured {
  scale: string;
  tickets: number;
  readyMs: number;
  peakRssMb: number;
  exportTicketsPerSecond: number;
}

async function measure(scale: string): Promise<Measured> {
  const { startSimulator, basicAuthHeader } = await import('../src/simulator');
  const t0 = performance.now();
  const sim = await startSimulator({ seed: 1, scale, port: 0, exportLimitPerMinute: 1_000_000 });
  const readyMs = performance.now() - t0;
  const headers = { authorization: basicAuthHeader('admin@demo.test', 'demo-token') };
  let url = `${sim.url}/api/v2/incremental/tickets/cursor.json?start_time=0&include=metric_sets`;
  let served = 0;
  const c0 = performance.now();
  for (let page = 0; page < 20; page++) {
    const body = (await (await fetch(url, { headers })).json()) as {
      tickets: unknown[];
      after_url: string;
      end_of_stream: boolean;
    };
    served += body.tickets.length;
    if (body.end_of_stream) break;
    url = body.after_url;
  }
  const crawlS = (performance.now() - c0) / 1000;
  await sim.close();
  return {
    scale,
    tickets: sim.stats.tickets,
    readyMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    exportTicketsPerSecond: served / crawlS,
  };
}

function inChild(scale: string): Measured {
  const r = spawnSync(process.execPath, ['--import', 'tsx', __filename, '--child', scale], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`simulator bench at ${scale} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Measured;
}

export const simulatorBench: BenchPart = {
  title: 'simulator startup',
  run: async () => {
    const results: BenchResult[] = [];
    for (const scale of ['medium', 'large']) {
      const m = inChild(scale);
      const n = m.tickets.toLocaleString('en-US');
      results.push(
        {
          name: `simulate --scale ${scale} (${n} tickets): ready in`,
          value: Math.round(m.readyMs),
          unit: 'ms',
        },
        { name: `simulate --scale ${scale}: peak memory`, value: Math.round(m.peakRssMb), unit: 'MB' },
        {
          name: `simulate --scale ${scale}: incremental export with metric_sets`,
          value: Math.round(m.exportTicketsPerSecond),
          unit: 'tickets/s',
        },
      );
    }
    return results;
  },
};

if (process.argv[2] === '--child') {
  void measure(process.argv[3] as string).then((m) => process.stdout.write(`${JSON.stringify(m)}\n`));
}
