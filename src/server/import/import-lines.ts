import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { PulseRecord } from '../../core/records';
import type { Database } from '../db/database';
import { upsertRecords } from '../repo/records';
import { recordSyncSuccess } from '../repo/sync-status';

/** Turns one line of a file into records; throws with a message naming what is wrong. */
export type LineDecoder = (line: string, lineNo: number) => PulseRecord[];

export interface LineError {
  line: number;
  message: string;
}

export interface ImportResult {
  lines: number;
  records: number;
  inserted: number;
  updated: number;
  /** The first `maxErrors` bad lines; `errorCount` counts them all. */
  errors: LineError[];
  errorCount: number;
}

export interface ImportOptions {
  batchSize?: number;
  maxErrors?: number;
  /** Concurrent writers (connections); default 2 on PostgreSQL, 1 on PGlite (one connection). */
  lanes?: number;
  /** Called after each committed batch (progress output). */
  onBatch?: (soFar: ImportResult) => void;
}

/**
 * Streams lines into the tenant's records, one transaction per batch, so memory stays flat and an
 * interrupted import keeps every committed batch (a rerun then only fills the gap: upserts are
 * idempotent). A bad line is reported with its number and skipped; it never rolls back good ones.
 */
export async function importLines(
  db: Database,
  tenantId: string,
  input: Readable,
  decode: LineDecoder,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const batchSize = opts.batchSize ?? 20_000;
  const maxErrors = opts.maxErrors ?? 100;
  const result: ImportResult = { lines: 0, records: 0, inserted: 0, updated: 0, errors: [], errorCount: 0 };
  let newest = 0;

  // Records are spread over lanes by key, each lane writing one batch at a time on its own
  // connection while the next lines are decoded. A key always takes the same lane, so a later line
  // for the same record is still written after an earlier one.
  const lanes = Array.from({ length: opts.lanes ?? (db.kind === 'postgres' ? 2 : 1) }, () => ({
    batch: [] as PulseRecord[],
    writing: Promise.resolve(),
  }));
  const flush = async (lane: (typeof lanes)[number]) => {
    if (lane.batch.length === 0) return;
    const records = lane.batch;
    lane.batch = [];
    await lane.writing;
    lane.writing = db
      .transaction((tx) => upsertRecords(tx, tenantId, records))
      .then((counts) => {
        result.inserted += counts.inserted;
        result.updated += counts.updated;
        opts.onBatch?.(result);
      });
    // A failed write must surface even if no later batch awaits it.
    lane.writing.catch(() => undefined);
  };

  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    result.lines++;
    if (line.trim() === '') continue;
    let records: PulseRecord[];
    try {
      records = decode(line, result.lines);
    } catch (err) {
      result.errorCount++;
      if (result.errors.length < maxErrors) {
        result.errors.push({ line: result.lines, message: err instanceof Error ? err.message : String(err) });
      }
      continue;
    }
    for (const r of records) {
      newest = Math.max(newest, recordTime(r));
      const lane = lanes[laneOf(r, lanes.length)]!;
      lane.batch.push(r);
      if (lane.batch.length >= batchSize) await flush(lane);
    }
    result.records += records.length;
  }
  for (const lane of lanes) await flush(lane);
  for (const lane of lanes) await lane.writing;
  if (result.records > 0) {
    await recordSyncSuccess(
      db,
      tenantId,
      'import',
      new Date(newest || Date.now()),
      result.inserted + result.updated,
    );
  }
  return result;
}

/** Same key, same lane: events (no id) go by visitor, so identical events meet in one lane. */
function laneOf(r: PulseRecord, lanes: number): number {
  if (lanes === 1) return 0;
  const key = r.kind === 'portal_event' ? r.visitor_id : r.id;
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return (h >>> 0) % lanes;
}

function recordTime(r: PulseRecord): number {
  if (r.kind === 'ticket') return Math.max(r.created_at, r.solved_at ?? 0);
  if (r.kind === 'portal_event') return r.occurred_at;
  if (r.kind === 'account') return r.created_at ?? 0;
  return 0;
}
