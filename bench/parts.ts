import { healthBench } from './health';
import { metricsBench } from './metrics';
import { serverBench } from './server';
import { generateBench } from './generate';
import { ingestBench } from './ingest';
import { simulatorBench } from './simulator';
import { sidebarBench } from './sidebar';
import { appSizeBench } from './app-size';
import { navBarBench } from './nav-bar';
import { predictBench } from './predict';
import type { BenchPart } from './types';

/** Every bench part, in the order `npm run bench` runs them. Add yours here. */
export const parts: BenchPart[] = [
  metricsBench,
  healthBench,
  serverBench,
  generateBench,
  ingestBench,
  simulatorBench,
  sidebarBench,
  appSizeBench,
  navBarBench,
  predictBench,
];
