/**
 * Rows kept compressed in memory: JSON blocks of `blockSize` rows, deflated once full.
 * A million tickets with their text take tens of megabytes this way instead of hundreds;
 * reading a row inflates its block, and a small cache keeps recently read blocks, which
 * suits the simulator's reads (pages of neighbours in roughly insertion order). Level 1
 * deflate: startup speed matters more than the last megabytes.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export class PackedRows<T> {
  private readonly sealed: Buffer[] = [];
  private open: T[] = [];
  private readonly cache = new Map<number, T[]>();

  constructor(
    private readonly blockSize = 256,
    private readonly cacheBlocks = 64,
  ) {}

  get length(): number {
    return this.sealed.length * this.blockSize + this.open.length;
  }

  push(row: T): number {
    this.open.push(row);
    if (this.open.length === this.blockSize) {
      this.sealed.push(deflateRawSync(JSON.stringify(this.open), { level: 1 }));
      this.open = [];
    }
    return this.length - 1;
  }

  get(i: number): T {
    if (i < 0 || i >= this.length) throw new RangeError(`row ${i} out of range 0..${this.length - 1}`);
    const block = Math.floor(i / this.blockSize);
    const at = i % this.blockSize;
    if (block === this.sealed.length) return this.open[at] as T;
    return this.block(block)[at] as T;
  }

  /** Compressed bytes held, for the startup report. */
  get compressedBytes(): number {
    return this.sealed.reduce((n, b) => n + b.length, 0);
  }

  private block(b: number): T[] {
    const hit = this.cache.get(b);
    if (hit) {
      // Re-insert so Map order is least-recently-used first.
      this.cache.delete(b);
      this.cache.set(b, hit);
      return hit;
    }
    const rows = JSON.parse(inflateRawSync(this.sealed[b] as Buffer).toString('utf8')) as T[];
    this.cache.set(b, rows);
    if (this.cache.size > this.cacheBlocks) {
      const oldest = this.cache.keys().next().value as number;
      this.cache.delete(oldest);
    }
    return rows;
  }
}
