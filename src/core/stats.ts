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
