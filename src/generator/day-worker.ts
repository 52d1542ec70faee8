/**
 * Worker thread entry: builds the population once, then turns each day number it is sent
 * into a DayBlock, handing the block's buffers over instead of copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildDayBlock, type DayBlock, recycle } from './day-blocks';
import type { DayPlan } from './days';
import { buildPopulation } from './population';

export interface DayWorkerData {
  plan: DayPlan;
}

/** A day to generate, or written-out line buffers given back for reuse. */
export type DayWorkerMessage = number | { recycle: ArrayBuffer[] };

function buffersOf(block: DayBlock): ArrayBuffer[] {
  const views: ArrayBufferView[] = [block.ratedNumbers, block.ratedP];
  for (const r of block.runs) {
    views.push(r.bytes, r.ends, r.times, r.codes, r.visitors, r.persons);
  }
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

const port = parentPort;
if (port !== null) {
  const { plan } = workerData as DayWorkerData;
  const pop = buildPopulation(plan.seed, plan.tickets, plan.end);
  port.on('message', (m: DayWorkerMessage) => {
    if (typeof m !== 'number') return recycle(m.recycle);
    const block = buildDayBlock(plan, pop, m);
    port.postMessage(block, buffersOf(block));
  });
}
