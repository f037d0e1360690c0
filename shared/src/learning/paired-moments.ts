/**
 * Paired pre/post scores kept as moments, so that pooling many activities costs one merge per
 * activity instead of a pass over every pair. Pure.
 *
 * The figures equal those of `pairedChange`, `normalisedGain` and `classGainCI` in `change.ts` (the
 * plain definitions, over arrays of pairs) up to rounding: `paired-moments.test.ts` checks them
 * against each other on random pairs split into random groups of random test maxima.
 *
 * One group's moments are computed in two passes like the array functions (mean first, then the
 * deviations); groups merge with the pairwise update of Chan, Golub & LeVeque (1979), which keeps
 * the sums of squared deviations accurate when the means are large.
 */
import { meanCIOf, type Reason, reasonForN } from '../lib/statistics.js';
import {
  CLASS_GAIN_METHOD,
  changeFigures,
  type GainCI,
  type NormalisedGain,
  type PairedChange,
  type PairedScore,
  scaleOf,
} from './change.js';

export interface PairedMoments {
  n: number;
  sumPre: number;
  sumPost: number;
  sumDiff: number;
  /** Σ(pre − mean pre)². */
  m2Pre: number;
  /** Σ(d − mean d)² with d = post − pre. */
  m2Diff: number;
  /** Σ(pre − mean pre)(d − mean d). */
  coPreDiff: number;
  improved: number;
  same: number;
  worse: number;
  /** Pairs whose pre score is the maximum: no individual gain. */
  atMax: number;
  /** Σ (post − pre) / (max − pre) over the pairs below the maximum (scale-free). */
  sumGain: number;
}

export const EMPTY_PAIRED_MOMENTS: PairedMoments = Object.freeze({
  n: 0,
  sumPre: 0,
  sumPost: 0,
  sumDiff: 0,
  m2Pre: 0,
  m2Diff: 0,
  coPreDiff: 0,
  improved: 0,
  same: 0,
  worse: 0,
  atMax: 0,
  sumGain: 0,
});

/**
 * The moments of one group of pairs on 0..max. Throws like `normalisedGain` on a score that is not
 * finite or lies outside 0..max.
 */
export function pairedMomentsOf(pairs: readonly PairedScore[], max: number): PairedMoments {
  if (!(max > 0 && Number.isFinite(max))) throw new RangeError(`max must be a positive number, got ${max}`);
  const n = pairs.length;
  if (n === 0) return EMPTY_PAIRED_MOMENTS;
  let sumPre = 0;
  let sumPost = 0;
  let sumGain = 0;
  let improved = 0;
  let same = 0;
  let atMax = 0;
  for (const { pre, post } of pairs) {
    if (!Number.isFinite(pre) || !Number.isFinite(post))
      throw new RangeError(`paired scores must be finite numbers: ${pre}, ${post}`);
    if (pre < 0 || pre > max || post < 0 || post > max)
      throw new RangeError(`scores must lie in 0..${max}: pre ${pre}, post ${post}`);
    sumPre += pre;
    sumPost += post;
    if (post > pre) improved++;
    else if (post === pre) same++;
    if (pre < max) sumGain += (post - pre) / (max - pre);
    else atMax++;
  }
  const meanPre = sumPre / n;
  const meanDiff = (sumPost - sumPre) / n;
  let m2Pre = 0;
  let m2Diff = 0;
  let co = 0;
  let cPre = 0;
  let cDiff = 0;
  for (const { pre, post } of pairs) {
    const a = pre - meanPre;
    const b = post - pre - meanDiff;
    m2Pre += a * a;
    m2Diff += b * b;
    co += a * b;
    cPre += a;
    cDiff += b;
  }
  // The correction terms of the two-pass algorithm (they vanish in exact arithmetic).
  return {
    n,
    sumPre,
    sumPost,
    sumDiff: sumPost - sumPre,
    m2Pre: Math.max(0, m2Pre - (cPre * cPre) / n),
    m2Diff: Math.max(0, m2Diff - (cDiff * cDiff) / n),
    coPreDiff: co - (cPre * cDiff) / n,
    improved,
    same,
    worse: n - improved - same,
    atMax,
    sumGain,
  };
}

/** Merge two groups: associative and commutative up to rounding, `EMPTY_PAIRED_MOMENTS` the identity. */
export function mergePairedMoments(a: PairedMoments, b: PairedMoments): PairedMoments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const w = (a.n * b.n) / n;
  const dPre = b.sumPre / b.n - a.sumPre / a.n;
  const dDiff = b.sumDiff / b.n - a.sumDiff / a.n;
  return {
    n,
    sumPre: a.sumPre + b.sumPre,
    sumPost: a.sumPost + b.sumPost,
    sumDiff: a.sumDiff + b.sumDiff,
    m2Pre: a.m2Pre + b.m2Pre + dPre * dPre * w,
    m2Diff: a.m2Diff + b.m2Diff + dDiff * dDiff * w,
    coPreDiff: a.coPreDiff + b.coPreDiff + dPre * dDiff * w,
    improved: a.improved + b.improved,
    same: a.same + b.same,
    worse: a.worse + b.worse,
    atMax: a.atMax + b.atMax,
    sumGain: a.sumGain + b.sumGain,
  };
}

/** The same pairs with every score multiplied by k > 0 (e.g. points to percent of the maximum: 100 / max). */
export function scalePairedMoments(m: PairedMoments, k: number): PairedMoments {
  return {
    ...m,
    sumPre: m.sumPre * k,
    sumPost: m.sumPost * k,
    sumDiff: m.sumDiff * k,
    m2Pre: m.m2Pre * k * k,
    m2Diff: m.m2Diff * k * k,
    coPreDiff: m.coPreDiff * k * k,
  };
}

/** `pairedChange` from moments. */
export function pairedChangeOf(m: PairedMoments, level = 0.95): PairedChange {
  const { n } = m;
  const sdDiff = n < 2 ? null : Math.sqrt(m.m2Diff / (n - 1));
  const change = meanCIOf(
    { n, mean: n === 0 ? null : m.sumDiff / n, sd: sdDiff, reason: reasonForN(n) },
    level,
  );
  const meanPre = n === 0 ? null : m.sumPre / n;
  const meanPost = n === 0 ? null : m.sumPost / n;
  return { ...changeFigures(change, sdDiff, m, scaleOf(meanPre, meanPost)), meanPre, meanPost };
}

/** `normalisedGain` from moments, the scores on 0..max. */
export function normalisedGainOf(m: PairedMoments, max: number): NormalisedGain {
  const { n } = m;
  const meanPre = m.sumPre / n;
  const classGain =
    n === 0
      ? { value: null, n, reason: 'no_data' as const }
      : meanPre === max
        ? { value: null, n, reason: 'pre_at_max' as const }
        : { value: (m.sumPost / n - meanPre) / (max - meanPre), n, reason: null };
  const included = n - m.atMax;
  const value = included === 0 ? null : m.sumGain / included;
  const reason: Reason | null = value !== null ? null : n === 0 ? 'no_data' : 'pre_at_max';
  return { n, max, classGain, meanIndividualGain: { value, n: included, excludedAtMax: m.atMax, reason } };
}

/**
 * `classGainCI` from moments. With room = max − P̄ and z = d / room + D̄·pre / room², the spread of z
 * follows from those of d and pre and their co-moment:
 * Σ(z − z̄)² = M2(d) / room² + (D̄ / room²)²·M2(pre) + 2·D̄ / room³·C(pre, d).
 */
export function classGainCIOf(m: PairedMoments, max: number, level = 0.95): GainCI {
  const g = normalisedGainOf(m, max).classGain;
  const { n } = m;
  const none = { value: g.value, n, level, lower: null, upper: null, method: CLASS_GAIN_METHOD };
  if (g.value === null || n < 2) return none;
  const room = max - m.sumPre / n;
  const meanDiff = m.sumDiff / n;
  const b = meanDiff / (room * room);
  const parts = [m.m2Diff / (room * room), b * b * m.m2Pre, (2 * b * m.coPreDiff) / room] as const;
  const sum = parts[0] + parts[1] + parts[2];
  // Pairs that all lie on one gain line (e.g. two pairs, one of them at the maximum) leave only the
  // rounding error of the terms here, which the square root would magnify to a visible half-width:
  // that is no spread, as the per-pair definition (classGainCI in change.ts) finds it.
  const noise = 1e-12 * (Math.abs(parts[0]) + Math.abs(parts[1]) + Math.abs(parts[2]));
  const m2z = Math.abs(sum) <= noise ? 0 : sum;
  const ci = meanCIOf({ n, mean: 0, sd: Math.sqrt(Math.max(0, m2z) / (n - 1)), reason: null }, level);
  if (ci.se === null || ci.t === null) return none;
  return { ...none, lower: g.value - ci.t * ci.se, upper: g.value + ci.t * ci.se };
}
