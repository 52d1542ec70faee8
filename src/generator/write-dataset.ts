/**
 * Writes a generated tenant to a folder: records.ndjson (Pulse records), truth.json, and
 * zendesk/ with organizations, users and tickets in the shape of Zendesk's JSON data
 * export (one object per line; tickets carry their metric_set and satisfaction_rating).
 * One pass over the stream, with back-pressure, so memory stays flat.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeRecord } from '../core/codec/encode';
import {
  toZendeskMetricSet,
  toZendeskOrganization,
  toZendeskTicket,
  toZendeskUser,
} from '../platforms/zendesk/serialize';
import { agents, createGenerator, type GenerateOptions, type Truth } from './index';

export interface DatasetSummary {
  out: string;
  counts: Truth['counts'];
  seconds: number;
}

/** Encodes lines straight into large buffers (no joins) and waits when the file stream is full. */
class LineWriter {
  private static readonly CAPACITY = 4 << 20;
  private readonly stream: WriteStream;
  private buffer = Buffer.allocUnsafe(LineWriter.CAPACITY);
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

  async flush(): Promise<void> {
    if (this.used > 0 && !this.handOver()) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (this.used > 0) this.handOver();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  /** Gives the filled part to the stream and starts a fresh buffer; false when the stream is full. */
  private handOver(): boolean {
    const ok = this.stream.write(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(LineWriter.CAPACITY);
    this.used = 0;
    return ok;
  }
}

export interface WriteOptions extends GenerateOptions {
  out: string;
  /** Also write the zendesk/ export files (default true). */
  zendesk?: boolean;
}

export async function writeDataset(opts: WriteOptions): Promise<DatasetSummary> {
  const started = Date.now();
  const withZendesk = opts.zendesk ?? true;
  await mkdir(opts.out, { recursive: true });
  if (withZendesk) await mkdir(join(opts.out, 'zendesk'), { recursive: true });
  const generator = createGenerator(opts);
  const records = new LineWriter(join(opts.out, 'records.ndjson'));
  const orgs = withZendesk ? new LineWriter(join(opts.out, 'zendesk', 'organizations.json')) : null;
  const users = withZendesk ? new LineWriter(join(opts.out, 'zendesk', 'users.json')) : null;
  const tickets = withZendesk ? new LineWriter(join(opts.out, 'zendesk', 'tickets.json')) : null;
  // Awaiting only when a buffer fills keeps the per-record cost synchronous.
  const add = async (w: LineWriter, text: string): Promise<void> => {
    if (w.add(text)) await w.flush();
  };
  if (users !== null) for (const a of agents(opts.seed)) await add(users, JSON.stringify(toZendeskUser(a)));

  for (const r of generator.records()) {
    if (records.add(encodeRecord(r))) await records.flush();
    if (orgs === null || users === null || tickets === null) continue;
    if (r.kind === 'account') await add(orgs, JSON.stringify(toZendeskOrganization(r)));
    else if (r.kind === 'person') await add(users, JSON.stringify(toZendeskUser(r)));
    else if (r.kind === 'ticket')
      await add(tickets, JSON.stringify({ ...toZendeskTicket(r), metric_set: toZendeskMetricSet(r) }));
  }
  await Promise.all([records, orgs, users, tickets].map((w) => w?.close()));
  const truth = generator.truth();
  await writeFile(join(opts.out, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');
  return { out: opts.out, counts: truth.counts, seconds: (Date.now() - started) / 1000 };
}
