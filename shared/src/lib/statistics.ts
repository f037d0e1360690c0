/**
 * Descriptive statistics and confidence intervals. Pure: no I/O, safe in the browser and in Lambda.
 *
 * Two paths to the same figures:
 * - from an array of values (`mean`, `variance`, `sd`, `meanCI(values)`): two-pass, compensated;
 * - from streaming moments (`Moments`: count, sum, sum of squares, min, max), the shape an
 *   aggregate store can keep with atomic ADD and merge across shards with `combine`.
 *
 * Figures that cannot be computed are `null` with a `reason` (see `Reason`), never NaN.
 */
import { tUpperQuantile } from './t-distribution.js';

/** Why a figure is not computable. */
export type Reason =
  /** n = 0. */
  | 'no_data'
  /** n = 1: no spread, so no standard deviation, interval or effect size. */
  | 'single_value'
  /** Every value is the same (sd = 0): a ratio over the sd is undefined. */
  | 'no_variation'
  /** Normalised gain: every included pre score is at the maximum, nothing left to gain. */
  | 'pre_at_max';

export const REASON_TEXT: Readonly<Record<Reason, string>> = {
  no_data: 'No data.',
  single_value: 'Only one value: spread, interval and effect size need at least two.',
  no_variation: 'All values are the same (standard deviation 0): the effect size is undefined.',
  pre_at_max: 'Every score before was already the maximum: there was nothing left to gain.',
};

// ---------------------------------------------------------------------------
// Arrays

/** Neumaier-compensated sum: exact for integers below 2^53, accurate to ~1 ulp otherwise. */
export function sum(values: readonly number[]): number {
  let s = 0;
  let c = 0;
  for (const x of values) {
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

/**
 * Sample variance, Σ(x − x̄)² / (n − 1); null for fewer than two values. Two-pass with the
 * correction term of Chan, Golub & LeVeque (1983), so a large common offset does not cancel the spread.
 */
export function variance(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 2) return null;
  const m = sum(values) / n;
  let ss = 0;
  let c = 0;
  for (const x of values) {
    const d = x - m;
    ss += d * d;
    c += d;
  }
  return Math.max(0, (ss - (c * c) / n) / (n - 1));
}

/** Sample standard deviation (n − 1 denominator); null for fewer than two values. */
export function sd(values: readonly number[]): number | null {
  const v = variance(values);
  return v === null ? null : Math.sqrt(v);
}

// ---------------------------------------------------------------------------
// Streaming moments

/**
 * What an aggregate keeps per measure: count, sum, sum of squares, min and max (null when empty,
 * so the record stays JSON and DynamoDB friendly: no Infinity).
 *
 * Precision: survey answers are integers (scale points, ratings, points scored), and for integers
 * `sum` and `sumSq` stay exact while below 2^53 (9·10^15: a million answers of 0..100 reach 10^10),
 * so the fold and `combine` are exactly associative and commutative and `momentsToSummary` computes
 * the variance from exact integers. For non-integer data the error grows like n·ε relative to Σx²,
 * which is negligible unless |mean| / sd exceeds ~10^4; use the array functions there.
 */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
  min: number | null;
  max: number | null;
}

export const EMPTY_MOMENTS: Moments = Object.freeze({ n: 0, sum: 0, sumSq: 0, min: null, max: null });

/** Fold one value in. Throws on a non-finite value: it would poison every later figure. */
export function addValue(m: Moments, x: number): Moments {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return {
    n: m.n + 1,
    sum: m.sum + x,
    sumSq: m.sumSq + x * x,
    min: m.min === null || x < m.min ? x : m.min,
    max: m.max === null || x > m.max ? x : m.max,
  };
}

/** Moments of an array of values. */
export function momentsOf(values: readonly number[]): Moments {
  return values.reduce(addValue, EMPTY_MOMENTS);
}

const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** Merge two aggregates (e.g. shards): associative and commutative, `EMPTY_MOMENTS` is the identity. */
export function combine(a: Moments, b: Moments): Moments {
  return {
    n: a.n + b.n,
    sum: a.sum + b.sum,
    sumSq: a.sumSq + b.sumSq,
    min: minOf(a.min, b.min),
    max: maxOf(a.max, b.max),
  };
}

export interface MomentsSummary {
  n: number;
  mean: number | null;
  /** Sample variance (n − 1). */
  variance: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Set when `mean` or `sd` is null. */
  reason: Reason | null;
}

/** Σ(x − x̄)² from the moments; exact (up to one rounding) when sum and sumSq are safe integers. */
function sumOfSquaredDeviations(m: Moments): number {
  if (m.min !== null && m.min === m.max) return 0; // all equal: no cancellation residue
  if (Number.isSafeInteger(m.sum) && Number.isSafeInteger(m.sumSq)) {
    const num = BigInt(m.n) * BigInt(m.sumSq) - BigInt(m.sum) * BigInt(m.sum); // n·Σx² − (Σx)²
    return Math.max(0, Number(num) / m.n);
  }
  return Math.max(0, m.sumSq - (m.sum * m.sum) / m.n);
}

/** Mean and sample sd from moments; n = 0 gives no mean, n = 1 a mean but no sd. */
export function momentsToSummary(m: Moments): MomentsSummary {
  if (m.n === 0)
    return { n: 0, mean: null, variance: null, sd: null, min: null, max: null, reason: 'no_data' };
  const base = { n: m.n, mean: m.sum / m.n, min: m.min, max: m.max };
  if (m.n === 1) return { ...base, variance: null, sd: null, reason: 'single_value' };
  const v = sumOfSquaredDeviations(m) / (m.n - 1);
  return { ...base, variance: v, sd: Math.sqrt(v), reason: null };
}

// ---------------------------------------------------------------------------
// Confidence intervals

/**
 * Two-sided Student t critical value: the (1 + level) / 2 quantile with `df` degrees of freedom,
 * e.g. `tCritical(9)` = 2.262157. Throws on df ≤ 0 or a level outside (0, 1).
 */
export function tCritical(df: number, level = 0.95): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, got ${df}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const key = `${df}|${level}`;
  let t = tCriticals.get(key);
  if (t === undefined) {
    // Started from the normal quantile with two Cornish-Fisher terms: within a few percent from
    // ν = 3 on, so a few Newton steps finish it.
    const z = zCritical(level);
    const guess = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
    t = tUpperQuantile((1 - level) / 2, df, guess);
    if (tCriticals.size >= 10_000) tCriticals.clear();
    tCriticals.set(key, t);
  }
  return t;
}

/** Critical values already computed (a results page asks for the same few n − 1 many times). */
const tCriticals = new Map<string, number>();

export interface MeanCI {
  n: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  mean: number | null;
  sd: number | null;
  /** Standard error sd / √n. */
  se: number | null;
  /** n − 1. */
  df: number | null;
  /** The t critical value used. */
  t: number | null;
  lower: number | null;
  upper: number | null;
  /** Set when the interval is not computable (n < 2). With sd = 0 the interval is [mean, mean]. */
  reason: Reason | null;
}

/** t interval for a mean: x̄ ± t(1 − α/2, n − 1) · sd / √n, from values or from moments. */
export function meanCI(input: readonly number[] | Moments, level = 0.95): MeanCI {
  return meanCIOf(
    isMoments(input)
      ? momentsToSummary(input)
      : { n: input.length, mean: mean(input), sd: sd(input), reason: reasonForN(input.length) },
    level,
  );
}

/** t interval for a mean from its n, mean and sample sd (null sd: n < 2). */
export function meanCIOf(
  s: { n: number; mean: number | null; sd: number | null; reason: Reason | null },
  level = 0.95,
): MeanCI {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const none = { se: null, df: null, t: null, lower: null, upper: null };
  if (s.mean === null || s.sd === null)
    return { n: s.n, level, mean: s.mean, sd: s.sd, ...none, reason: s.reason ?? reasonForN(s.n) };
  const df = s.n - 1;
  const t = tCritical(df, level);
  const se = s.sd / Math.sqrt(s.n);
  return {
    n: s.n,
    level,
    mean: s.mean,
    sd: s.sd,
    se,
    df,
    t,
    lower: s.mean - t * se,
    upper: s.mean + t * se,
    reason: null,
  };
}

function isMoments(input: readonly number[] | Moments): input is Moments {
  return !Array.isArray(input);
}

/** The reason a figure needing two values is missing for this n, or null when n ≥ 2. */
export function reasonForN(n: number): Reason | null {
  return n === 0 ? 'no_data' : n === 1 ? 'single_value' : null;
}

// ---------------------------------------------------------------------------
// Proportions

/** Two-sided standard normal critical value z(1 − α/2): 1.959964 for 95 %. */
export function zCritical(level = 0.95): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  // The usual levels exactly (scipy.stats.norm.ppf), so intervals match published tables to the last digit.
  const exact: Record<string, number> = {
    '0.9': 1.6448536269514722,
    '0.95': 1.959963984540054,
    '0.99': 2.5758293035489004,
  };
  if (exact[String(level)] !== undefined) return exact[String(level)] as number;
  // Acklam's rational approximation of the normal quantile (relative error < 1.2e-9).
  const p = 1 - (1 - level) / 2;
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const pHigh = 1 - 0.02425;
  if (p > pHigh) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

export interface ProportionCI {
  /** Successes and trials. */
  k: number;
  n: number;
  level: number;
  /** k / n, and the Wilson score interval bounds, as fractions 0..1; null when n = 0. */
  p: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Wilson score interval for a proportion k / n (Wilson 1927; Newcombe 1998, method 3, without
 * continuity correction): (p̂ + z²/2n ± z·√(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n). Stays inside 0..1
 * and is sensible at k = 0 and k = n, unlike the Wald interval.
 */
export function wilsonCI(k: number, n: number, level = 0.95): ProportionCI {
  if (!(Number.isInteger(k) && Number.isInteger(n) && k >= 0 && n >= 0 && k <= n))
    throw new RangeError(`a proportion needs integers 0 ≤ k ≤ n, got ${k} / ${n}`);
  if (n === 0) return { k, n, level, p: null, lower: null, upper: null };
  const z = zCritical(level);
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = p + z2n / 2;
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const denom = 1 + z2n;
  return {
    k,
    n,
    level,
    p,
    lower: k === 0 ? 0 : Math.max(0, (centre - half) / denom),
    upper: k === n ? 1 : Math.min(1, (centre + half) / denom),
  };
}
