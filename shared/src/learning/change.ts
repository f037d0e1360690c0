/**
 * Change between paired measurements. Pure.
 *
 * Two kinds, never mixed:
 * - `learningChange` / `pairedChange` / `normalisedGain`: a TRUE pre/post change, the same person's
 *   score in the pre-test and in the post-test (paired by `pairResponses`);
 * - `retrospectiveChange`: "then/now" self-ratings both given in the post survey. They measure how
 *   participants see their own change, are prone to response-shift and social-desirability bias,
 *   and are reported separately, labelled as such.
 * Every result carries its n, and a `reason` wherever a figure is null.
 */
import { type MeanCI, mean, meanCI, type Reason, reasonForN, sd } from '../lib/statistics.js';
import { type PercentOf, percentOf } from './suppression.js';

export interface PairedScore {
  pre: number;
  post: number;
}

export interface EffectSize {
  /** Cohen's d_z = mean of the differences / sd of the differences. */
  dz: number | null;
  reason: Reason | null;
}

export interface PairedChange {
  n: number;
  meanPre: number | null;
  meanPost: number | null;
  /** Mean of post − pre with its paired-t interval (df = n − 1). */
  change: MeanCI;
  effectSize: EffectSize;
  /** Shares of the n paired respondents whose post is above, equal to, below their pre. */
  improved: PercentOf;
  same: PercentOf;
  worse: PercentOf;
}

const checkFinite = (pairs: readonly PairedScore[]) => {
  for (const p of pairs)
    if (!Number.isFinite(p.pre) || !Number.isFinite(p.post))
      throw new RangeError(`paired scores must be finite numbers: ${p.pre}, ${p.post}`);
};

/** Mean change with its confidence interval, d_z and the shares improved / same / worse. */
export function pairedChange(pairs: readonly PairedScore[], level = 0.95): PairedChange {
  checkFinite(pairs);
  const diffs = pairs.map((p) => p.post - p.pre);
  const count = (f: (d: number) => boolean) => diffs.filter(f).length;
  const meanPre = mean(pairs.map((p) => p.pre));
  const meanPost = mean(pairs.map((p) => p.post));
  const counts = { improved: count((d) => d > 0), same: count((d) => d === 0), worse: count((d) => d < 0) };
  return {
    ...changeFigures(meanCI(diffs, level), sd(diffs), counts, scaleOf(meanPre, meanPost)),
    meanPre,
    meanPost,
  };
}

/** The size of paired scores, from their means (0 without pairs). */
export const scaleOf = (meanPre: number | null, meanPost: number | null): number =>
  Math.max(Math.abs(meanPre ?? 0), Math.abs(meanPost ?? 0));

/**
 * What a paired change says beside its means, from the change's interval, the sd of the changes and
 * the counts of respondents whose score rose, stayed and fell (from pairs or from their moments).
 * `scale` is the size of the scores (`scaleOf` their means): a spread of the changes
 * below 1e-9 of it is rounding, not variation. Scores in percent of a maximum that does not divide
 * 100 make equal changes differ in the last bit (1400/19 − 1300/19 ≠ 1100/19 − 1000/19), and d_z
 * would come out near 10^15 instead of "no variation".
 */
export function changeFigures(
  change: MeanCI,
  sdDiff: number | null,
  counts: { improved: number; same: number; worse: number },
  scale: number,
): Omit<PairedChange, 'meanPre' | 'meanPost'> {
  const { n } = change;
  const effectSize: EffectSize =
    change.mean === null || sdDiff === null
      ? { dz: null, reason: reasonForN(n) }
      : sdDiff <= 1e-9 * Math.max(1, scale)
        ? { dz: null, reason: 'no_variation' }
        : { dz: change.mean / sdDiff, reason: null };
  const of = 'paired respondents';
  return {
    n,
    change,
    effectSize,
    improved: percentOf(counts.improved, n, of),
    same: percentOf(counts.same, n, of),
    worse: percentOf(counts.worse, n, of),
  };
}

export interface NormalisedGain {
  /** Paired respondents given. */
  n: number;
  /** Maximum possible score. */
  max: number;
  /**
   * Class-level Hake gain ⟨g⟩ = (mean post − mean pre) / (max − mean pre), over all n pairs
   * (those at the maximum before included: they are part of the class). Null when n = 0 or when
   * mean pre = max.
   */
  classGain: { value: number | null; n: number; reason: Reason | null };
  /**
   * Mean of individual gains g = (post − pre) / (max − pre). Undefined for a respondent whose pre
   * is already the maximum: such respondents are excluded and counted in `excludedAtMax`.
   */
  meanIndividualGain: { value: number | null; n: number; excludedAtMax: number; reason: Reason | null };
}

/**
 * Hake's normalised gain for scores on 0..max (e.g. knowledge points or percent with max 100).
 * Both figures can be negative when scores fell. Throws when a score lies outside 0..max.
 */
export function normalisedGain(pairs: readonly PairedScore[], max: number): NormalisedGain {
  checkFinite(pairs);
  if (!(max > 0 && Number.isFinite(max))) throw new RangeError(`max must be a positive number, got ${max}`);
  for (const p of pairs)
    if (p.pre < 0 || p.pre > max || p.post < 0 || p.post > max)
      throw new RangeError(`scores must lie in 0..${max}: pre ${p.pre}, post ${p.post}`);
  const n = pairs.length;
  const meanPre = mean(pairs.map((p) => p.pre));
  const meanPost = mean(pairs.map((p) => p.post));
  const classGain =
    meanPre === null || meanPost === null
      ? { value: null, n, reason: 'no_data' as const }
      : meanPre === max
        ? { value: null, n, reason: 'pre_at_max' as const }
        : { value: (meanPost - meanPre) / (max - meanPre), n, reason: null };
  const included = pairs.filter((p) => p.pre < max);
  const excludedAtMax = n - included.length;
  const gains = included.map((p) => (p.post - p.pre) / (max - p.pre));
  const value = mean(gains);
  return {
    n,
    max,
    classGain,
    meanIndividualGain: {
      value,
      n: included.length,
      excludedAtMax,
      reason: value !== null ? null : n === 0 ? 'no_data' : 'pre_at_max',
    },
  };
}

export interface LearningChange extends PairedChange {
  kind: 'pre_post';
  label: string;
  gain: NormalisedGain;
}

/** Everything for true pre/post scores on 0..max: paired change and normalised gain. */
export function learningChange(pairs: readonly PairedScore[], max: number, level = 0.95): LearningChange {
  return {
    kind: 'pre_post',
    label: 'Measured change: pre-test and post-test scores of the same respondents',
    ...pairedChange(pairs, level),
    gain: normalisedGain(pairs, max),
  };
}

export interface RetrospectiveChange extends PairedChange {
  kind: 'retrospective';
  label: string;
}

/**
 * Retrospective self-ratings (`{ before, after }` answers of a self-rating question, both given
 * after the training), summarised with the same paired statistics but kept apart from true pre/post
 * and labelled as self-perceived. No normalised gain: it is defined for test scores.
 */
export function retrospectiveChange(
  ratings: readonly { before: number; after: number }[],
  level = 0.95,
): RetrospectiveChange {
  return {
    kind: 'retrospective',
    label:
      'Self-rated change: "before" and "now" both rated after the training (retrospective, not a pre-test)',
    ...pairedChange(
      ratings.map((r) => ({ pre: r.before, post: r.after })),
      level,
    ),
  };
}

export interface GainCI {
  /** Hake's class gain ⟨g⟩ = (mean post − mean pre) / (max − mean pre). */
  value: number | null;
  n: number;
  level: number;
  lower: number | null;
  upper: number | null;
  /** How the interval is computed, in words (shown beside the value). */
  method: string;
}

export const CLASS_GAIN_METHOD =
  'class gain ⟨g⟩ = (mean post − mean pre) / (max − mean pre) (Hake 1998); 95 % interval by the delta method with t(n − 1)';

/**
 * The class gain with a delta-method interval. With d = post − pre, D̄ and P̄ their means and
 * g = D̄ / (max − P̄), each pair's linearised contribution is z = d / (max − P̄) + D̄·pre / (max − P̄)²
 * (the gradient of g at the means, applied to the pair), Var(g) ≈ var(z) / n, and the interval is
 * g ± t(1 − α/2, n − 1)·sd(z)/√n. Null interval for n < 2 or mean pre at the maximum.
 */
export function classGainCI(pairs: readonly PairedScore[], max: number, level = 0.95): GainCI {
  const g = normalisedGain(pairs, max).classGain;
  const n = pairs.length;
  const none = { value: g.value, n, level, lower: null, upper: null, method: CLASS_GAIN_METHOD };
  if (g.value === null || n < 2) return none;
  const meanPre = mean(pairs.map((p) => p.pre)) as number;
  const meanDiff = mean(pairs.map((p) => p.post - p.pre)) as number;
  const room = max - meanPre;
  const z = pairs.map((p) => (p.post - p.pre) / room + (meanDiff * p.pre) / (room * room));
  const ci = meanCI(z, level);
  if (ci.se === null || ci.t === null) return none;
  return { ...none, lower: g.value - ci.t * ci.se, upper: g.value + ci.t * ci.se };
}
