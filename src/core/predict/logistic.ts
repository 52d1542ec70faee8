/** Weights of a fitted logistic regression: P(y = 1 | x) = σ(intercept + Σ coef[j]·x[j]). */
export interface LogisticModel {
  intercept: number;
  coef: Float64Array;
}

export interface LogisticOptions {
  /** L2 penalty on the coefficients (not the intercept); keeps separable or collinear data finite. */
  l2?: number;
  maxIterations?: number;
}

const WARM_START_ROWS = 8192;

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Maximum-likelihood logistic regression by Newton's method (IRLS) on rows of `x` (row-major,
 * `d` features a row). With a dozen features and tens of thousands of rows, a few Newton steps
 * on the exact (d+1)² Hessian converge faster and more surely than gradient descent.
 */
export function fitLogistic(
  x: Float64Array,
  y: Uint8Array,
  d: number,
  { l2 = 1e-4, maxIterations = 30 }: LogisticOptions = {},
): LogisticModel {
  const n = y.length;
  if (x.length !== n * d) throw new Error(`fitLogistic: ${x.length} values are not ${n} rows of ${d}`);
  if (n === 0) throw new Error('fitLogistic: no rows');
  const k = d + 1;
  const w = new Float64Array(k);
  if (n >= 4 * WARM_START_ROWS) {
    // The early steps are far from the optimum anyway: take them on every s-th row, then refine
    // on all rows, which then needs two or three steps instead of six or seven.
    const stride = Math.floor(n / WARM_START_ROWS);
    const m = Math.floor(n / stride);
    const xs = new Float64Array(m * d);
    const ys = new Uint8Array(m);
    for (let r = 0; r < m; r++) {
      xs.set(x.subarray(r * stride * d, (r * stride + 1) * d), r * d);
      ys[r] = y[r * stride] as number;
    }
    const start = fitLogistic(xs, ys, d, { l2, maxIterations });
    w[0] = start.intercept;
    w.set(start.coef, 1);
  } else {
    // Starting from the base rate saves a Newton step.
    let positives = 0;
    for (let i = 0; i < n; i++) positives += y[i] as number;
    w[0] = Math.log(Math.max(positives, 0.5) / Math.max(n - positives, 0.5));
  }
  const grad = new Float64Array(k);
  const hess = new Float64Array(k * k);
  const row = new Float64Array(k);
  // One-hot and count features are mostly 0: the Hessian only needs each row's non-zero entries.
  const nz = new Int32Array(k);
  row[0] = 1;
  for (let iter = 0; iter < maxIterations; iter++) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      let z = w[0] as number;
      let m = 1;
      for (let j = 0; j < d; j++) {
        const v = x[i * d + j] as number;
        if (v === 0) continue;
        row[j + 1] = v;
        nz[m++] = j + 1;
        z += (w[j + 1] as number) * v;
      }
      const p = sigmoid(z);
      const r = (y[i] as number) - p;
      const q = Math.max(p * (1 - p), 1e-12);
      for (let ia = 0; ia < m; ia++) {
        const a = nz[ia] as number;
        const ra = row[a] as number;
        grad[a] = (grad[a] as number) + r * ra;
        const qa = q * ra;
        for (let ib = 0; ib <= ia; ib++) {
          const b = nz[ib] as number;
          hess[a * k + b] = (hess[a * k + b] as number) + qa * (row[b] as number);
        }
      }
    }
    // Penalized objective: the penalty is per row so that its weight does not shrink with n.
    for (let a = 1; a < k; a++) {
      grad[a] = (grad[a] as number) - l2 * n * (w[a] as number);
      hess[a * k + a] = (hess[a * k + a] as number) + l2 * n;
    }
    const step = solveSymmetric(hess, grad, k);
    let largest = 0;
    for (let a = 0; a < k; a++) {
      w[a] = (w[a] as number) + (step[a] as number);
      largest = Math.max(largest, Math.abs(step[a] as number));
    }
    if (largest < 1e-7) break;
  }
  return { intercept: w[0] as number, coef: w.slice(1) };
}

/** Solves H·s = g for a symmetric positive-definite H given by its lower triangle (Cholesky). */
function solveSymmetric(h: Float64Array, g: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b <= a; b++) {
      let s = h[a * k + b] as number;
      for (let c = 0; c < b; c++) s -= (l[a * k + c] as number) * (l[b * k + c] as number);
      // A feature that never varies leaves a zero pivot; a tiny ridge keeps the step finite.
      l[a * k + b] = a === b ? Math.sqrt(Math.max(s, 1e-12)) : s / (l[b * k + b] as number);
    }
  }
  const s = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let v = g[a] as number;
    for (let c = 0; c < a; c++) v -= (l[a * k + c] as number) * (s[c] as number);
    s[a] = v / (l[a * k + a] as number);
  }
  for (let a = k - 1; a >= 0; a--) {
    let v = s[a] as number;
    for (let c = a + 1; c < k; c++) v -= (l[c * k + a] as number) * (s[c] as number);
    s[a] = v / (l[a * k + a] as number);
  }
  return s;
}

/** P(y = 1) for one row of features. */
export function predictRow(m: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  let z = m.intercept;
  for (let j = 0; j < m.coef.length; j++) z += (m.coef[j] as number) * (x[offset + j] as number);
  return sigmoid(z);
}
