/**
 * Index permutations for millions of items. `Array.prototype.sort` with a comparator costs a
 * function call per comparison; most keys here are integer epoch ms, which a radix sort orders in
 * a few linear passes.
 */

import { int32s, uint32s } from './columns';

const DIGIT_BITS = 16;
const DIGIT = 1 << DIGIT_BITS;

/**
 * Indices of `key` in ascending key order; equal keys ordered by `tie` when given, else by index
 * (stable). Already sorted input costs one check.
 */
export function orderByKey(key: Float64Array, tie?: (a: number, b: number) => number): Int32Array {
  const n = key.length;
  let order: Int32Array = int32s(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let sorted = true;
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let i = 0; i < n; i++) {
    const k = key[i] as number;
    if (i > 0 && k < (key[i - 1] as number)) sorted = false;
    if (k < min) min = k;
    if (k > max) max = k;
    if (integral && !Number.isInteger(k)) integral = false;
  }
  if (!sorted) {
    if (integral && max - min < 2 ** 52) order = radixOrder(key, min, max - min);
    else order.sort((a, b) => (key[a] as number) - (key[b] as number) || a - b);
  }
  if (tie) breakTies(order, key, tie);
  return order;
}

/** Stable LSD radix sort of indices by integer key − min (< 2^52), 16 bits per pass. */
function radixOrder(key: Float64Array, min: number, range: number): Int32Array {
  const n = key.length;
  // Split each key into two 32-bit words once, so that the passes do integer work only.
  const low = uint32s(n);
  const high = uint32s(n);
  for (let i = 0; i < n; i++) {
    const k = (key[i] as number) - min;
    low[i] = k >>> 0;
    high[i] = (k / 2 ** 32) >>> 0;
  }
  let src: Int32Array = int32s(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst: Int32Array = int32s(n);
  const count = new Int32Array(DIGIT);
  for (let pass = 0; pass < 4 && 2 ** (DIGIT_BITS * pass) <= range; pass++) {
    const word = pass < 2 ? low : high;
    const shift = (pass & 1) * DIGIT_BITS;
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((word[i] as number) >>> shift) & (DIGIT - 1);
      count[d] = (count[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < DIGIT; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const e = src[i] as number;
      const d = ((word[e] as number) >>> shift) & (DIGIT - 1);
      dst[count[d] as number] = e;
      count[d] = (count[d] as number) + 1;
    }
    [src, dst] = [dst, src];
  }
  return src;
}

/** Reorders each run of equal keys by `tie`; runs already in order are only checked. */
function breakTies(order: Int32Array, key: Float64Array, tie: (a: number, b: number) => number): void {
  let lo = 0;
  while (lo < order.length) {
    const k = key[order[lo] as number] as number;
    let hi = lo + 1;
    let inOrder = true;
    while (hi < order.length && key[order[hi] as number] === k) {
      if (inOrder && tie(order[hi - 1] as number, order[hi] as number) > 0) inOrder = false;
      hi++;
    }
    if (!inOrder) order.subarray(lo, hi).sort(tie);
    lo = hi;
  }
}
