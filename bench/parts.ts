import { metricsBench } from './metrics';
import { serverBench } from './server';
import { generateBench } from './generate';
import { ingestBench } from './ingest';
import { simulatorBench } from './simulator';
import type { BenchPart } from './types';

/** Every bench part, in the order `npm run bench` runs them. Add yours here. */
export const parts: BenchPart[] = [metricsBench, serverBench, generateBench, ingestBench, simulatorBench];
