/**
 * A small pool of worker threads generating days. Day d goes to worker d mod n, and each
 * worker answers in the order it was asked, so the answers can be matched to requests.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DayBlock } from './day-blocks';
import type { DayWorkerData, DayWorkerMessage } from './day-worker';
import type { DayPlan } from './days';

interface Waiting {
  resolve: (b: DayBlock) => void;
  reject: (e: Error) => void;
}

/** Bytes a worker holds per line of its day (a few numbers in arrays), with room to spare. */
const HEAP_BYTES_PER_LINE = 300;
/** Records per ticket, with their portal events: about 6.2 at every scale; rounded up. */
const LINES_PER_TICKET = 8;

/** Building the population sorts the accounts once: under a byte per ticket, rounded up. */
const POPULATION_BYTES_PER_TICKET = 1;

/** A worker's old-generation cap: a base for code and the population, plus its busiest day. */
export function oldGenerationMb(plan: DayPlan): number {
  const busiest = Math.max(...plan.ticketQuota);
  const bytes = busiest * LINES_PER_TICKET * HEAP_BYTES_PER_LINE + plan.tickets * POPULATION_BYTES_PER_TICKET;
  return 32 + Math.ceil(bytes / 2 ** 20);
}

export class DayWorkers {
  private readonly workers: Worker[];
  private readonly waiting: Waiting[][];
  private failure: Error | null = null;

  constructor(plan: DayPlan, count: number) {
    const data: DayWorkerData = { plan };
    // The worker is TypeScript; tsx compiles it in the worker as it does here.
    const boot = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
require(${JSON.stringify(join(__dirname, 'day-worker.ts'))});`;
    const resourceLimits = {
      // Lines are written out as soon as they are made, so nearly everything dies young: a
      // small young generation is enough, and capping the old one keeps each worker's
      // footprint to what it holds rather than what the collector has not got round to.
      maxYoungGenerationSizeMb: 8,
      maxOldGenerationSizeMb: oldGenerationMb(plan),
    };
    this.workers = Array.from(
      { length: count },
      () => new Worker(boot, { eval: true, workerData: data, resourceLimits }),
    );
    this.waiting = this.workers.map(() => []);
    this.workers.forEach((w, i) => {
      const queue = this.waiting[i] as Waiting[];
      w.on('message', (block: DayBlock) => queue.shift()?.resolve(block));
      w.on('error', (e: Error) => this.fail(e));
      w.on('exit', (code) => {
        if (queue.length > 0) this.fail(new Error(`day worker stopped (exit code ${code})`));
      });
    });
  }

  /** Asks for day d; the promise settles with its block or the first worker failure. */
  block(day: number): Promise<DayBlock> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const i = day % this.workers.length;
    const promise = new Promise<DayBlock>((resolve, reject) =>
      (this.waiting[i] as Waiting[]).push({ resolve, reject }),
    );
    const message: DayWorkerMessage = day;
    (this.workers[i] as Worker).postMessage(message);
    return promise;
  }

  /** Gives written-out line buffers back to a worker (no copy), so days to come reuse them. */
  recycle(buffers: ArrayBuffer[], day: number): void {
    if (buffers.length === 0 || this.failure !== null) return;
    const message: DayWorkerMessage = { recycle: buffers };
    (this.workers[day % this.workers.length] as Worker).postMessage(message, buffers);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const queue of this.waiting) for (const w of queue.splice(0)) w.reject(e);
  }
}
