/**
 * Fault injection, decided per request from a seeded sequence so a run with the same
 * seed and the same requests fails the same way: a share of 5xx answers, and a share of
 * bodies cut short (a complete HTTP answer whose JSON ends mid-way).
 */

export interface FaultOptions {
  /** Share of requests answered 500/502/503, in [0, 1]. */
  failRate: number;
  /** Share of successful bodies cut short, in [0, 1]. */
  truncateRate: number;
}

export type Fault =
  { kind: 'none' } | { kind: 'error'; status: 500 | 502 | 503 } | { kind: 'truncate'; keep: number };

/** mulberry32: small, fast, good enough to spread faults. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ERROR_STATUSES = [500, 502, 503] as const;

export class FaultInjector {
  private readonly next: () => number;

  constructor(
    private readonly opts: FaultOptions,
    seed: number,
  ) {
    this.next = prng(seed ^ 0x5eed_fa17);
  }

  /** Draws the fault of the next request; `keep` is a fraction of the body to send. */
  draw(): Fault {
    const a = this.next();
    const b = this.next();
    if (a < this.opts.failRate) return { kind: 'error', status: ERROR_STATUSES[Math.floor(b * 3)] ?? 503 };
    if (a < this.opts.failRate + this.opts.truncateRate) return { kind: 'truncate', keep: 0.2 + b * 0.6 };
    return { kind: 'none' };
  }
}

export const ERROR_BODIES: Record<500 | 502 | 503, string> = {
  500: JSON.stringify({ error: 'InternalServerError', description: 'Something went wrong on our end' }),
  502: JSON.stringify({ error: 'BadGateway', description: 'Bad gateway' }),
  503: JSON.stringify({ error: 'ServiceUnavailable', description: 'Service temporarily unavailable' }),
};
