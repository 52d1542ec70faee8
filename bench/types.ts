/** One measured figure of `npm run bench`, printed as a table row and written to bench/results.json. */
export interface BenchResult {
  /** What was measured, e.g. "generate 1,000,000 tickets: records per second". */
  name: string;
  value: number;
  unit: string;
  /** The budget from the issue, if any, e.g. { max: 5000 } or { min: 200000 }. */
  budget?: { max?: number; min?: number };
}

/** A bench part; its `run` may take a while, so parts run one after another. */
export interface BenchPart {
  title: string;
  run: () => Promise<BenchResult[]>;
}
