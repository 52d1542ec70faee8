/**
 * One generated day as a compact, transferable block: its records grouped by the day they
 * fall in, each group sorted and encoded to NDJSON bytes, with per line just what the
 * main thread needs to merge groups from neighbouring days in order and to feed the truth
 * tracker. Worker threads build blocks; typed arrays move to the main thread without copying.
 */
import { encodeRecord } from '../core/codec/encode';
import type { PortalEvent, Ticket } from '../core/records';
import { type DayPlan, generateDay, timeOf } from './days';
import { DAY_MS, type Population } from './population';

/** Per-line codes: what the truth tracker needs to know of a line. */
export const LINE_EVENT = 0;
export const LINE_HELP_EVENT = 1;
export const LINE_SUBMIT_EVENT = 2;
export const LINE_TICKET = 3;

/** One day's records that fall in `bucket`, sorted by time, kind and creation order. */
export interface DayRun {
  bucket: number;
  /** The NDJSON lines, each ending in "\n". */
  bytes: Uint8Array;
  /** Byte offset where line i ends (exclusive). */
  ends: Uint32Array;
  times: Float64Array;
  codes: Uint8Array;
  /** Events: the visitor as a number (v12 → 12, anon3 → -3). */
  visitors: Int32Array;
  /** Events: the signed-in person (p7 → 7, none → 0); tickets: the requester. */
  persons: Int32Array;
}

export interface DayBlock {
  day: number;
  runs: DayRun[];
  /** Rated tickets in creation order: their numbers and P(good). */
  ratedNumbers: Int32Array;
  ratedP: Float64Array;
}

const idNumber = (id: string, prefix: number): number => Number(id.slice(prefix));
const visitorNumber = (id: string): number => (id.startsWith('v') ? idNumber(id, 1) : -idNumber(id, 4));

export function buildDayBlock(plan: DayPlan, pop: Population, day: number): DayBlock {
  const groups = new Map<number, RunBuilder>();
  lineScratch.reset();
  const numbers: number[] = [];
  const ps: number[] = [];
  generateDay(plan, pop, day, {
    put(r, b) {
      let run = groups.get(b);
      if (run === undefined) groups.set(b, (run = new RunBuilder(b)));
      run.add(r as PortalEvent | Ticket);
    },
    rated(n, p) {
      numbers.push(n);
      ps.push(p);
    },
  });
  const runs = [...groups.values()].sort((x, y) => x.bucket - y.bucket).map((r) => r.finish(plan));
  return { day, runs, ratedNumbers: Int32Array.from(numbers), ratedP: Float64Array.from(ps) };
}

/**
 * Bytes of the day's lines in the order they are made. Writing each line as soon as it is
 * encoded lets the record and its string die young; held until the day is sorted, millions
 * of them were promoted and flattened late, and garbage collection took a third of the time.
 * One buffer per worker, reused from day to day.
 */
class Scratch {
  buffer = Buffer.allocUnsafeSlow(1 << 20);
  used = 0;

  reset(): void {
    this.used = 0;
  }

  /** Appends the line and its newline; returns where it ends. */
  write(text: string): number {
    // A UTF-16 code unit takes at most 3 UTF-8 bytes; write() would silently cut a line that does not fit.
    const room = text.length * 3 + 1;
    if (this.used + room > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.used + room));
      this.buffer.copy(bigger, 0, 0, this.used);
      this.buffer = bigger;
    }
    this.used += this.buffer.write(text, this.used, 'utf8');
    this.buffer[this.used++] = 10;
    return this.used;
  }

  /** The given lines, [starts[i], ends[i]) each, copied in `order` into a buffer of their own. */
  gather(starts: readonly number[], ends: readonly number[], order: ArrayLike<number>): Line {
    let total = 0;
    for (let k = 0; k < order.length; k++)
      total += (ends[order[k] as number] as number) - (starts[order[k] as number] as number);
    const bytes = Buffer.from(spareFor(total), 0, total);
    const out = new Uint32Array(order.length);
    let at = 0;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      at += this.buffer.copy(bytes, at, starts[i] as number, ends[i] as number);
      out[k] = at;
    }
    return { bytes, ends: out };
  }
}

interface Line {
  bytes: Uint8Array;
  ends: Uint32Array;
}

/** Line buffers the main thread has written out and given back, for the next days to reuse. */
const spares: ArrayBuffer[] = [];
const MAX_SPARES = 2;

export function recycle(buffers: readonly ArrayBuffer[]): void {
  for (const b of buffers) if (spares.length < MAX_SPARES) spares.push(b);
}

/** The smallest spare of at least `size` bytes, or a new one with room for a somewhat bigger day. */
function spareFor(size: number): ArrayBuffer {
  let best = -1;
  for (let i = 0; i < spares.length; i++) {
    const length = (spares[i] as ArrayBuffer).byteLength;
    if (length >= size && (best < 0 || length < (spares[best] as ArrayBuffer).byteLength)) best = i;
  }
  if (best >= 0) return spares.splice(best, 1)[0] as ArrayBuffer;
  return new ArrayBuffer(Math.ceil((size * 1.25) / 65536) * 65536);
}

const lineScratch = new Scratch();

/** Collects one day's lines as they are made: their bytes in the scratch and a few numbers each. */
class RunBuilder {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly times: number[] = [];
  private readonly codes: number[] = [];
  private readonly visitors: number[] = [];
  private readonly persons: number[] = [];

  constructor(readonly bucket: number) {}

  add(r: PortalEvent | Ticket): void {
    this.times.push(timeOf(r));
    this.starts.push(lineScratch.used);
    this.ends.push(lineScratch.write(encodeRecord(r)));
    if (r.kind === 'ticket') {
      this.codes.push(LINE_TICKET);
      this.visitors.push(0);
      this.persons.push(idNumber(r.requester_id, 1));
    } else {
      this.codes.push(
        r.type === 'search' || r.type === 'article_view'
          ? LINE_HELP_EVENT
          : r.type === 'ticket_submit'
            ? LINE_SUBMIT_EVENT
            : LINE_EVENT,
      );
      this.visitors.push(visitorNumber(r.visitor_id));
      this.persons.push(r.person_id === null ? 0 : idNumber(r.person_id, 1));
    }
  }

  /** The run in time order (as sortDay orders records), encoded. */
  finish(plan: DayPlan): DayRun {
    const order = timeOrder(this.times, this.codes, plan.start + this.bucket * DAY_MS);
    const n = order.length;
    const times = new Float64Array(n);
    const codes = new Uint8Array(n);
    const visitors = new Int32Array(n);
    const persons = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      times[k] = this.times[i] as number;
      codes[k] = this.codes[i] as number;
      visitors[k] = this.visitors[i] as number;
      persons[k] = this.persons[i] as number;
    }
    return {
      bucket: this.bucket,
      ...lineScratch.gather(this.starts, this.ends, order),
      times,
      codes,
      visitors,
      persons,
    };
  }
}

/** Bits of a packed sort key that hold the line's position. */
const INDEX_BITS = 24;
const MAX_PACKED = 2 ** INDEX_BITS;
/** Events before tickets at the same millisecond. */
const kindRank = (code: number): number => (code === LINE_TICKET ? 1 : 0);

/**
 * Line positions by time, then kind, then the order they were made in: one exact double
 * per line sorted natively, or a comparator when a time is off whole milliseconds or the day.
 */
function timeOrder(times: readonly number[], codes: readonly number[], dayStart: number): Int32Array {
  const n = times.length;
  const order = new Int32Array(n);
  const keys = new Float64Array(n);
  let packable = n < MAX_PACKED;
  for (let i = 0; packable && i < n; i++) {
    const offset = (times[i] as number) - dayStart;
    packable = Number.isInteger(offset) && offset >= 0 && offset < DAY_MS;
    keys[i] = (offset * 2 + kindRank(codes[i] as number)) * MAX_PACKED + i;
  }
  if (packable) {
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = (keys[k] as number) % MAX_PACKED;
    return order;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort(
    (i, j) =>
      (times[i] as number) - (times[j] as number) ||
      kindRank(codes[i] as number) - kindRank(codes[j] as number) ||
      i - j,
  );
  order.set(idx);
  return order;
}
