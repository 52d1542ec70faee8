/** One bin of a calibration table: tickets whose predicted P(good) fell in [from, to). */
export interface CalibrationBin {
  from: number;
  to: number;
  tickets: number;
  /** Mean predicted P(good) in the bin. */
  predicted: number;
  /** Share of the bin's tickets actually rated good. */
  observed: number;
}

/**
 * Predicted against observed P(good) in `bins` equal-width bins of the prediction (the last bin
 * includes 1); empty bins are left out. A calibrated model has predicted ≈ observed in every bin.
 */
export function calibrationBins(
  predicted: ArrayLike<number>,
  good: ArrayLike<boolean | number>,
  bins = 10,
): CalibrationBin[] {
  if (!Number.isInteger(bins) || bins < 1)
    throw new Error(`calibration: bins must be a positive integer, got ${bins}`);
  if (good.length !== predicted.length)
    throw new Error(`calibration: ${predicted.length} predictions but ${good.length} labels`);
  const count = new Float64Array(bins);
  const sumP = new Float64Array(bins);
  const sumGood = new Float64Array(bins);
  for (let i = 0; i < predicted.length; i++) {
    const p = predicted[i] as number;
    if (!(p >= 0 && p <= 1)) throw new Error(`calibration: prediction ${i} is ${p}, not a probability`);
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b] = (count[b] as number) + 1;
    sumP[b] = (sumP[b] as number) + p;
    if (good[i]) sumGood[b] = (sumGood[b] as number) + 1;
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const n = count[b] as number;
    if (n === 0) continue;
    out.push({
      from: b / bins,
      to: (b + 1) / bins,
      tickets: n,
      predicted: (sumP[b] as number) / n,
      observed: (sumGood[b] as number) / n,
    });
  }
  return out;
}
