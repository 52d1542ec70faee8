/**
 * The metric engine at 1,000,000 tickets and ~5,000,000 portal events: prepare (sessionize and
 * index once) from columnar events, a full-history report, and a 90-day report on the prepared
 * data. The data is generated in-process before timing, events fed record by record into event
 * columns as the NDJSON decoder and the server loader do. What reading the input into columns
 * costs is measured apart, on a sample, and scaled to the full event count. Runs in a child with a large heap so the figures are the
 * engine's alone. Every step is reported as wall time and as this process's CPU time: the build
 * machine is shared, and CPU time is what the step itself costs.
 */
import { spawnSync } from 'node:child_process';
import { decodeChunksToColumns } from '../src/core/codec/decode';
import { encodeRecord } from '../src/core/codec/encode';
import { ColumnarDatasetBuilder, DAY_MS } from '../src/core/dataset';
import { EventTableBuilder } from '../src/core/event-table';
import { scoreSolvedTickets } from '../src/core/predict/csat-model';
import { prepareColumns, type SolvedTicketScorer } from '../src/core/prepare';
import type { PortalEvent } from '../src/core/records';
import { computeReport } from '../src/core/report';
import { DEFAULT_SETTINGS } from '../src/core/settings';
import { createGenerator } from '../src/generator';
import type { BenchPart, BenchResult } from './types';

interface Timed {
  wallMs: number;
  cpuMs: number;
}

interface Measured {
  tickets: number;
  events: number;
  /** Appending event objects to event columns, scaled from a sample to all events. */
  buildColumns: Timed;
  /** Wall time of adding every ticket to the dataset builder (text sentiment, id interning), summed. */
  ticketFactsWallMs: number;
  /** Decoding NDJSON event lines into event columns (the `metrics` CLI), scaled likewise. */
  decodeColumns: Timed;
  sample: number;
  prepare: Timed;
  /** Part of `prepare`: training the predicted-CSAT model and scoring the solved tickets. */
  csatModel: Timed;
  fullReport: Timed;
  /** Median of 9 (by wall time) 90-day reports. */
  report90: Timed;
}

function timed<T>(run: () => T): { result: T } & Timed {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const SAMPLE = 200_000;

async function measure(tickets: number): Promise<Measured> {
  const builder = new ColumnarDatasetBuilder(5 * tickets);
  const sample: PortalEvent[] = [];
  // Ticket sentiment is worked out as a ticket is read: timed ticket by ticket (wall clock only,
  // a CPU clock read per ticket would cost more than what it measures).
  let ticketFactsWallMs = 0;
  for (const r of createGenerator({ seed: 1, tickets }).records()) {
    if (r.kind === 'ticket') {
      const t0 = performance.now();
      builder.add(r);
      ticketFactsWallMs += performance.now() - t0;
    } else builder.add(r);
    if (r.kind === 'portal_event' && sample.length < SAMPLE) sample.push(r);
  }
  const data = builder.build();
  const events = data.events.length;
  const sampled = sample.length;
  const scaled = (t: Timed): Timed => ({
    wallMs: (t.wallMs * events) / sampled,
    cpuMs: (t.cpuMs * events) / sampled,
  });
  const buildColumns = scaled(
    timed(() => {
      const b = new EventTableBuilder(sample.length);
      for (const e of sample) b.add(e);
      return b.build();
    }),
  );
  // As `portal-pulse metrics` reads a file: text in 1 MiB chunks, split into lines as they come.
  const textOf = sample.map((e) => `${encodeRecord(e)}\n`).join('');
  const chunks: string[] = [];
  for (let at = 0; at < textOf.length; at += 1 << 20) chunks.push(textOf.slice(at, at + (1 << 20)));
  async function* fileChunks(): AsyncGenerator<string> {
    yield* chunks;
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await decodeChunksToColumns(fileChunks());
  const cpu = process.cpuUsage(cpu0);
  const decodeColumns = scaled({ wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
  chunks.length = 0;
  sample.length = 0;
  // Collect the generator's garbage now, so that it is not charged to the engine.
  (globalThis as { gc?: () => void }).gc?.();
  const csatModel: Timed = { wallMs: 0, cpuMs: 0 };
  const scoreSolved: SolvedTicketScorer = (solved, sentiment) => {
    const t = timed(() => scoreSolvedTickets(solved, sentiment));
    csatModel.wallMs += t.wallMs;
    csatModel.cpuMs += t.cpuMs;
    return t.result;
  };
  const prepare = timed(() => prepareColumns(data, DEFAULT_SETTINGS, scoreSolved));
  const prepared = prepare.result;
  const to = (prepared.dataAsOf ?? 0) + 1;
  const fullReport = timed(() =>
    computeReport(prepared, { from: prepared.dataFrom ?? 0, to }, DEFAULT_SETTINGS),
  );
  // Median of several 90-day reports: the backend's hot path once a tenant is prepared.
  const reports: Timed[] = [];
  for (let i = 0; i < 9; i++)
    reports.push(
      timed(() =>
        computeReport(
          prepared,
          { from: to - 90 * DAY_MS - i * DAY_MS, to: to - i * DAY_MS },
          DEFAULT_SETTINGS,
        ),
      ),
    );
  reports.sort((a, b) => a.wallMs - b.wallMs);
  const only = ({ wallMs, cpuMs }: Timed): Timed => ({ wallMs, cpuMs });
  return {
    tickets: data.tickets.length,
    events,
    buildColumns,
    ticketFactsWallMs,
    decodeColumns,
    sample: sampled,
    prepare: only(prepare),
    csatModel,
    fullReport: only(fullReport),
    report90: only(reports[4] as Timed),
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

const round = (ms: number): number => Math.round(ms * 10) / 10;

export const metricsBench: BenchPart = {
  title: 'metric engine',
  run: async () => {
    const m = inChild(1_000_000);
    const size = `${m.tickets.toLocaleString('en-US')} tickets, ${m.events.toLocaleString('en-US')} events`;
    const both = (name: string, t: Timed, budget?: { max: number }): BenchResult[] => [
      { name: `${name}: wall`, value: round(t.wallMs), unit: 'ms' },
      { name: `${name}: CPU`, value: round(t.cpuMs), unit: 'ms', ...(budget ? { budget } : {}) },
    ];
    const total: Timed = {
      wallMs: m.prepare.wallMs + m.fullReport.wallMs,
      cpuMs: m.prepare.cpuMs + m.fullReport.cpuMs,
    };
    const sample = m.sample.toLocaleString('en-US');
    return [
      {
        name: `reading ticket objects into ticket facts (text sentiment, ids), ${size}: wall`,
        value: round(m.ticketFactsWallMs),
        unit: 'ms',
      },
      ...both(`reading event objects into event columns, ${size} (scaled from ${sample})`, m.buildColumns),
      ...both(
        `decoding NDJSON event lines into event columns, ${size} (scaled from ${sample})`,
        m.decodeColumns,
      ),
      ...both(`prepare from event columns (sessionize + index + predicted-CSAT model), ${size}`, m.prepare),
      ...both(`of which predicted-CSAT model training and scoring`, m.csatModel),
      ...both(`computeReport, whole history, ${size}`, m.fullReport),
      ...both(`all tenant metrics (prepare from event columns + report), ${size}`, total, { max: 5000 }),
      ...both(`computeReport, 90-day window on the prepared dataset (median of 9)`, m.report90, { max: 50 }),
    ];
  },
};

if (process.argv[2] === '--child') {
  void measure(Number(process.argv[3])).then((m) => process.stdout.write(`${JSON.stringify(m)}\n`));
}
