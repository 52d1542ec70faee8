import { float64s } from './columns';

/**
 * Median of the first `n` values; the mean of the two middle values for an even count; null for
 * none. Reorders `values` (quickselect: linear time, no copy).
 */
export function medianInPlace(values: Float64Array, n: number): number | null {
  if (n === 0) return null;
  const mid = n >> 1;
  const upper = select(values, n, mid);
  if (n % 2 === 1) return upper;
  // After selecting `mid`, everything before it is ≤ it: the lower middle is their maximum.
  let lower = -Infinity;
  for (let i = 0; i < mid; i++) if ((values[i] as number) > lower) lower = values[i] as number;
  return (lower + upper) / 2;
}

/** Puts the k-th smallest of values[0..n) at index k (Hoare partition, middle pivot) and returns it. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

export function median(values: readonly number[]): number | null {
  return medianInPlace(Float64Array.from(values), values.length);
}

const BLOCK = 2048;
const SAMPLE_EVERY = 32;

/**
 * Order statistics of any index range of a fixed array, without touching every element of the
 * range: each block of {@link BLOCK} positions keeps its values sorted, so "how many values ≤ x"
 * is a binary search per whole block plus a scan of the two partial ends. The k-th smallest is
 * narrowed by binary search over a sorted sample of every block, then picked among the few values
 * between two neighbouring sample values. NaN means "no value" and is never counted.
 */
export class RangeSelect {
  private readonly values: Float64Array;
  /** Each block's values ascending; NaN sorts last. */
  private readonly blocks: Float64Array;
  /** Every SAMPLE_EVERY-th value of each sorted block, ascending. */
  private readonly sample: Float64Array;

  constructor(values: Float64Array) {
    this.values = values;
    this.blocks = float64s(values.length);
    this.blocks.set(values);
    let sampled = 0;
    for (let b = 0; b < values.length; b += BLOCK) {
      const block = this.blocks.subarray(b, b + BLOCK).sort();
      sampled += Math.floor(present(block) / SAMPLE_EVERY);
    }
    this.sample = float64s(sampled);
    let j = 0;
    for (let b = 0; b < values.length; b += BLOCK) {
      const block = this.blocks.subarray(b, b + BLOCK);
      for (let i = SAMPLE_EVERY - 1, end = present(block); i < end; i += SAMPLE_EVERY)
        this.sample[j++] = block[i] as number;
    }
    this.sample.sort();
  }

  /** Values (not NaN) at positions [from, to) that are ≤ x. */
  countAtMost(from: number, to: number, x: number): number {
    const firstFull = Math.min(to, Math.ceil(from / BLOCK) * BLOCK);
    const lastFull = Math.max(firstFull, Math.floor(to / BLOCK) * BLOCK);
    let n = 0;
    for (let i = from; i < firstFull; i++) if ((this.values[i] as number) <= x) n++;
    for (let i = lastFull; i < to; i++) if ((this.values[i] as number) <= x) n++;
    for (let b = firstFull; b < lastFull; b += BLOCK) n += upperBound(this.blocks, b, b + BLOCK, x) - b;
    return n;
  }

  /** The k-th smallest (0-based) value at positions [from, to); k must be below the count there. */
  kth(from: number, to: number, k: number): number {
    // First sample value with more than k range values ≤ it: the answer is in (above, upTo].
    let lo = 0;
    let hi = this.sample.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.countAtMost(from, to, this.sample[mid] as number) > k) hi = mid;
      else lo = mid + 1;
    }
    const above = lo > 0 ? (this.sample[lo - 1] as number) : -Infinity;
    const upTo = lo < this.sample.length ? (this.sample[lo] as number) : Infinity;
    const candidates: number[] = [];
    const firstFull = Math.min(to, Math.ceil(from / BLOCK) * BLOCK);
    const lastFull = Math.max(firstFull, Math.floor(to / BLOCK) * BLOCK);
    const consider = (v: number): void => {
      if (v > above && v <= upTo) candidates.push(v);
    };
    for (let i = from; i < firstFull; i++) consider(this.values[i] as number);
    for (let i = lastFull; i < to; i++) consider(this.values[i] as number);
    for (let b = firstFull; b < lastFull; b += BLOCK) {
      const end = upperBound(this.blocks, b, b + BLOCK, upTo);
      for (let i = upperBound(this.blocks, b, end, above); i < end; i++)
        candidates.push(this.blocks[i] as number);
    }
    candidates.sort((x, y) => x - y);
    return candidates[k - this.countAtMost(from, to, above)] as number;
  }

  /** Same as {@link medianInPlace} over the values at positions [from, to). */
  median(from: number, to: number): number | null {
    const n = this.countAtMost(from, to, Infinity);
    if (n === 0) return null;
    const mid = n >> 1;
    const upper = this.kth(from, to, mid);
    if (n % 2 === 1) return upper;
    return (this.kth(from, to, mid - 1) + upper) / 2;
  }
}

/** Values before the trailing NaNs of a sorted array. */
function present(sorted: Float64Array): number {
  let n = sorted.length;
  while (n > 0 && Number.isNaN(sorted[n - 1])) n--;
  return n;
}

/** First index in [lo, hi) of an ascending range whose value is > x (NaN counts as greater). */
function upperBound(a: Float64Array, lo: number, hi: number, x: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
