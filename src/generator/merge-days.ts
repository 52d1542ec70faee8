/**
 * Puts generated day blocks back into one time-ordered stream on the main thread. A day's
 * records fall in that day and its neighbours, so each output day merges up to three
 * sorted runs; equal (time, kind) keys go to the earlier-generated day, which is exactly
 * the order one thread sorting a day's records stably would give. Lines are copied as
 * whole stretches of bytes, and the truth tracker sees every ticket and event in order.
 */
import { type DayBlock, type DayRun, LINE_HELP_EVENT, LINE_SUBMIT_EVENT, LINE_TICKET } from './day-blocks';
import type { DayPlan } from './days';
import { DAY_MS } from './population';
import type { TapTracker } from './tap-tracker';

/** Takes Pulse records NDJSON bytes, in order. */
export type MergeOutput = (bytes: Uint8Array) => void;

export class DayMerger {
  readonly counts = { tickets: 0, portal_events: 0 };
  /** Rated tickets in creation order, kept as numbers until the truth is built. */
  private readonly rated: number[] = [];
  private readonly ratedP: number[] = [];
  private readonly buckets = new Map<number, DayRun[]>();
  private written = -1;

  constructor(
    private readonly plan: DayPlan,
    private readonly tracker: TapTracker,
  ) {}

  /** Takes blocks in day order. */
  add(block: DayBlock): void {
    for (const run of block.runs) {
      if (run.bucket <= this.written)
        throw new Error(`day ${block.day} made records for day ${run.bucket}, which is already written`);
      const list = this.buckets.get(run.bucket);
      if (list === undefined) this.buckets.set(run.bucket, [run]);
      else list.push(run);
    }
    for (let i = 0; i < block.ratedNumbers.length; i++) {
      this.rated.push(block.ratedNumbers[i] as number);
      this.ratedP.push(block.ratedP[i] as number);
    }
  }

  /** The generator's P(good) by ticket id, in creation order. */
  pGood(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.rated.length; i++) out[`t${this.rated[i] as number}`] = this.ratedP[i] as number;
    return out;
  }

  /** Writes day b, which no block still to come may add to; returns the line buffers it is done with. */
  write(b: number, out: MergeOutput): ArrayBuffer[] {
    this.written = b;
    const runs = this.buckets.get(b);
    if (runs === undefined) return [];
    this.buckets.delete(b);
    const pos = new Array<number>(runs.length).fill(0);
    for (;;) {
      const r = headFirst(runs, pos, -1);
      if (r < 0) break;
      const run = runs[r] as DayRun;
      const s = headFirst(runs, pos, r);
      const from = pos[r] as number;
      let to = from + 1;
      if (s < 0) to = run.times.length;
      else {
        const other = runs[s] as DayRun;
        const at = pos[s] as number;
        while (to < run.times.length && precedes(run, to, r, other, at, s)) to++;
      }
      pos[r] = to;
      this.emit(run, from, to, out);
    }
    this.tracker.prune(this.plan.start + (b + 1) * DAY_MS);
    return runs.map((run) => run.bytes.buffer as ArrayBuffer);
  }

  /** Emits lines [from, to) of a run. */
  private emit(run: DayRun, from: number, to: number, out: MergeOutput): void {
    out(run.bytes.subarray(from === 0 ? 0 : run.ends[from - 1], run.ends[to - 1]));
    for (let i = from; i < to; i++) {
      const code = run.codes[i] as number;
      const at = run.times[i] as number;
      const person = run.persons[i] as number;
      if (code === LINE_TICKET) {
        this.tracker.request(at, person);
        this.counts.tickets++;
      } else {
        this.tracker.visit(
          at,
          run.visitors[i] as number,
          person === 0 ? null : person,
          code === LINE_HELP_EVENT,
          code === LINE_SUBMIT_EVENT,
        );
        this.counts.portal_events++;
      }
    }
  }
}

const kindOf = (run: DayRun, i: number): number => (run.codes[i] === LINE_TICKET ? 1 : 0);

/** Whether line i of run r comes before line j of run s: by time, kind, then generation order. */
function precedes(run: DayRun, i: number, r: number, other: DayRun, j: number, s: number): boolean {
  const dt = (run.times[i] as number) - (other.times[j] as number);
  if (dt !== 0) return dt < 0;
  const dk = kindOf(run, i) - kindOf(other, j);
  return dk !== 0 ? dk < 0 : r < s;
}

/** The run whose next line comes first, leaving out run `skip`; -1 when all are used up. */
function headFirst(runs: readonly DayRun[], pos: readonly number[], skip: number): number {
  let best = -1;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r] as DayRun;
    if (r === skip || (pos[r] as number) >= run.times.length) continue;
    if (best < 0 || precedes(run, pos[r] as number, r, runs[best] as DayRun, pos[best] as number, best))
      best = r;
  }
  return best;
}
