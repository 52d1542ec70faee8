/**
 * Writes a generated tenant to a folder: records.ndjson (Pulse records), truth.json, and
 * zendesk/ with organizations, users and tickets in the shape of Zendesk's JSON data
 * export (one object per line; tickets carry their metric_set and satisfaction_rating).
 * records.ndjson alone: worker threads generate and encode the days (each is independent
 * of the others); this thread merges them in day order, feeds the truth tracker and writes,
 * holding a few days at a time. With the export files: one pass over createGenerator's
 * stream. Either way memory stays flat, and the bytes are those of createGenerator's stream.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { encodeRecord } from '../core/codec/encode';
import {
  toZendeskMetricSet,
  toZendeskOrganization,
  toZendeskTicket,
  toZendeskUser,
} from '../platforms/zendesk/serialize';
import type { DayBlock } from './day-blocks';
import { DayWorkers } from './day-workers';
import type { DayPlan } from './days';
import {
  accountRecords,
  agents,
  buildTruth,
  createGenerator,
  type GenerateOptions,
  personRecords,
  planFor,
  type Truth,
} from './index';
import { DayMerger } from './merge-days';
import { buildPopulation } from './population';
import { TapTracker } from './tap-tracker';

export interface DatasetSummary {
  out: string;
  counts: Truth['counts'];
  seconds: number;
}

/** Encodes lines straight into large buffers (no joins) and waits when the file stream is full. */
class LineWriter {
  private static readonly CAPACITY = 4 << 20;
  private readonly stream: WriteStream;
  private buffer: Buffer = Buffer.allocUnsafeSlow(LineWriter.CAPACITY);
  private readonly free: Buffer[] = [];
  private used = 0;

  constructor(path: string) {
    // Room for a handed-over buffer lets the disk write it while the next one is encoded, where
    // the default 16 KiB made every hand-over wait for its write to finish.
    this.stream = createWriteStream(path, { highWaterMark: LineWriter.CAPACITY });
  }

  /** Adds a line; true when the buffer is nearly full and the caller should await flush(). */
  add(text: string): boolean {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes.
    if (this.used + text.length * 3 + 1 > LineWriter.CAPACITY) {
      if (this.used > 0) this.handOver();
      if (text.length * 3 + 1 > LineWriter.CAPACITY) {
        this.stream.write(text + '\n');
        return true;
      }
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = 10;
    return this.used > LineWriter.CAPACITY / 2;
  }

  /** Adds whole encoded lines; true when the caller should await flush(). */
  addBytes(bytes: Uint8Array): boolean {
    let from = 0;
    while (from < bytes.length) {
      if (this.used === LineWriter.CAPACITY) this.handOver();
      const n = Math.min(bytes.length - from, LineWriter.CAPACITY - this.used);
      this.buffer.set(bytes.subarray(from, from + n), this.used);
      this.used += n;
      from += n;
    }
    return this.used > LineWriter.CAPACITY / 2;
  }

  async flush(): Promise<void> {
    if (this.used > 0 && !this.handOver()) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.used > 0) this.handOver();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Gives the filled part to the stream and goes on in a free buffer; false when the stream is full. */
  private handOver(): boolean {
    const full = this.buffer;
    // A written buffer is kept for reuse: allocating 4 MB per hand-over made the collector
    // run for the external memory alone. One is enough, as the disk writes them in turn.
    const ok = this.stream.write(full.subarray(0, this.used), () => {
      if (this.free.length === 0) this.free.push(full);
    });
    this.buffer = this.free.pop() ?? Buffer.allocUnsafeSlow(LineWriter.CAPACITY);
    this.used = 0;
    return ok;
  }
}

export interface WriteOptions extends GenerateOptions {
  out: string;
  /** Also write the zendesk/ export files (default true). */
  zendesk?: boolean;
  /** Worker threads generating days for records.ndjson alone (default: two, or one on one core). */
  workers?: number;
}

/** Each worker adds about 70 MB to the peak; two keep 1,000,000 tickets under 300 MB. */
const MAX_DEFAULT_WORKERS = 2;
/** Days asked for ahead of the one being merged, per worker: keeps each busy while bounding memory. */
const AHEAD_PER_WORKER = 1;

export async function writeDataset(opts: WriteOptions): Promise<DatasetSummary> {
  const started = Date.now();
  const plan = planFor(opts);
  const workers = opts.workers ?? Math.min(MAX_DEFAULT_WORKERS, availableParallelism());
  if (!Number.isInteger(workers) || workers < 1)
    throw new Error(`workers must be a positive integer, got ${workers}`);
  await mkdir(opts.out, { recursive: true });
  // The export files hold every record a second time, in larger objects: on day workers the
  // days in flight took the peak past 300 MB, so they are written on this thread.
  const truth =
    (opts.zendesk ?? true) ? await writeWithZendesk(opts) : await writeRecords(plan, opts.out, workers);
  await writeFile(join(opts.out, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  return { out: opts.out, counts: truth.counts, seconds: (Date.now() - started) / 1000 };
}

/** records.ndjson from days generated on worker threads, merged here in order. */
async function writeRecords(plan: DayPlan, out: string, workers: number): Promise<Truth> {
  const pool = new DayWorkers(plan, workers);
  try {
    const requested = new Map<number, Promise<DayBlock>>();
    const ask = (d: number): void => {
      if (d >= plan.days) return;
      const p = pool.block(d);
      // Failures surface where the block is awaited.
      p.catch(() => undefined);
      requested.set(d, p);
    };
    const ahead = workers * AHEAD_PER_WORKER;
    for (let d = 0; d < ahead; d++) ask(d);

    const records = new LineWriter(join(out, 'records.ndjson'));
    const pop = buildPopulation(plan.seed, plan.tickets, plan.end);
    for (const r of accountRecords(pop, plan.seed)) if (records.add(encodeRecord(r))) await records.flush();
    for (const r of personRecords(pop, plan.seed)) if (records.add(encodeRecord(r))) await records.flush();

    const tracker = new TapTracker();
    const merger = new DayMerger(plan, tracker);
    let full = false;
    const write = (bytes: Uint8Array): void => {
      full = records.addBytes(bytes) || full;
    };
    const writeDay = async (b: number): Promise<void> => {
      // The writer copied the lines, so their buffers can go back to a worker.
      pool.recycle(merger.write(b, write), b);
      if (full) await records.flush();
      full = false;
    };
    for (let d = 0; d < plan.days; d++) {
      const block = await (requested.get(d) as Promise<DayBlock>);
      requested.delete(d);
      ask(d + ahead);
      merger.add(block);
      // Day d adds nothing before day d - 1, so that day is complete.
      if (d > 0) await writeDay(d - 1);
    }
    await writeDay(plan.days - 1);
    // The workers' memory goes before the truth is built.
    await pool.close();
    await records.close();
    const counts = { accounts: pop.accountCount, persons: pop.personCount, ...merger.counts };
    return buildTruth(plan, pop, counts, tracker, merger.pGood());
  } finally {
    await pool.close();
  }
}

/** records.ndjson and the zendesk/ export files in one pass over createGenerator's stream. */
async function writeWithZendesk(opts: WriteOptions): Promise<Truth> {
  await mkdir(join(opts.out, 'zendesk'), { recursive: true });
  const generator = createGenerator(opts);
  const records = new LineWriter(join(opts.out, 'records.ndjson'));
  const orgs = new LineWriter(join(opts.out, 'zendesk', 'organizations.json'));
  const users = new LineWriter(join(opts.out, 'zendesk', 'users.json'));
  const tickets = new LineWriter(join(opts.out, 'zendesk', 'tickets.json'));
  // Awaiting only when a buffer fills keeps the per-record cost synchronous.
  const add = async (w: LineWriter, text: string): Promise<void> => {
    if (w.add(text)) await w.flush();
  };
  for (const a of agents(opts.seed)) await add(users, JSON.stringify(toZendeskUser(a)));
  for (const r of generator.records()) {
    await add(records, encodeRecord(r));
    if (r.kind === 'account') await add(orgs, JSON.stringify(toZendeskOrganization(r)));
    else if (r.kind === 'person') await add(users, JSON.stringify(toZendeskUser(r)));
    else if (r.kind === 'ticket')
      await add(tickets, JSON.stringify({ ...toZendeskTicket(r), metric_set: toZendeskMetricSet(r) }));
  }
  await Promise.all([records, orgs, users, tickets].map((w) => w.close()));
  return generator.truth();
}
