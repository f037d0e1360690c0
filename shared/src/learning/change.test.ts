import { describe, expect, it } from 'vitest';
import { classGainCI, learningChange, normalisedGain, pairedChange, retrospectiveChange } from './change.js';

/*
 * Paired dataset P, scores out of max = 10 (reference values by hand, checked with SciPy
 * `scipy.stats.ttest_rel(post, pre)` → t = 3.5, df = 9, and `scipy.stats.t.interval`):
 *   pre   3 5 4 6 2 5 7 4 3 6     mean 4.5
 *   post  5 6 4 8 5 6 6 7 4 8     mean 5.9
 *   diff  2 1 0 2 3 1 -1 3 1 2    Σ = 14, mean 1.4
 *   (d − 1.4)²: .36 .16 1.96 .36 2.56 .16 5.76 2.56 .16 .36 → Σ = 14.4
 *   sd = √(14.4 / 9) = √1.6 = 1.264911, se = √(1.6 / 10) = 0.4, t = 1.4 / 0.4 = 3.5
 *   95 % CI = 1.4 ± 2.262157 × 0.4 = 1.4 ± 0.904863 → [0.495137, 2.304863]
 *   d_z = 1.4 / 1.264911 = 1.106797
 *   improved 8 (80 %), same 1 (10 %), worse 1 (10 %)
 *   class <g> = (5.9 − 4.5) / (10 − 4.5) = 1.4 / 5.5 = 0.254545
 *   individual g: 2/7, 1/5, 0, 2/4, 3/8, 1/5, −1/3, 3/6, 1/7, 2/4 → Σ = 2.370238, mean 0.237024
 */
const pre = [3, 5, 4, 6, 2, 5, 7, 4, 3, 6];
const post = [5, 6, 4, 8, 5, 6, 6, 7, 4, 8];
const P = pre.map((p, i) => ({ pre: p, post: post[i]! }));

describe('pairedChange', () => {
  it('dataset P: mean change, paired-t CI, d_z and shares', () => {
    const r = pairedChange(P);
    expect(r.n).toBe(10);
    expect(r.meanPre).toBeCloseTo(4.5, 12);
    expect(r.meanPost).toBeCloseTo(5.9, 12);
    expect(r.change.mean).toBeCloseTo(1.4, 12);
    expect(r.change.sd).toBeCloseTo(1.264911, 6);
    expect(r.change.se).toBeCloseTo(0.4, 12);
    expect(r.change.df).toBe(9);
    expect(r.change.lower).toBeCloseTo(0.495137, 6);
    expect(r.change.upper).toBeCloseTo(2.304863, 6);
    expect(r.effectSize).toEqual({ dz: expect.closeTo(1.106797, 6), reason: null });
    expect(r.improved).toEqual({ value: 80, numerator: 8, denominator: 10, of: 'paired respondents' });
    expect(r.same.value).toBe(10);
    expect(r.worse.value).toBe(10);
  });

  it('n = 0: every figure null with no_data', () => {
    const r = pairedChange([]);
    expect(r.n).toBe(0);
    expect(r.meanPre).toBeNull();
    expect(r.change).toMatchObject({ n: 0, mean: null, lower: null, reason: 'no_data' });
    expect(r.effectSize).toEqual({ dz: null, reason: 'no_data' });
    expect(r.improved).toEqual({ value: null, numerator: 0, denominator: 0, of: 'paired respondents' });
  });

  it('n = 1: a mean change but no interval and no d_z', () => {
    const r = pairedChange([{ pre: 2, post: 5 }]);
    expect(r.change).toMatchObject({ n: 1, mean: 3, lower: null, upper: null, reason: 'single_value' });
    expect(r.effectSize).toEqual({ dz: null, reason: 'single_value' });
    expect(r.improved.value).toBe(100);
  });

  it('sd of differences = 0: d_z undefined (no_variation), CI collapses to the mean', () => {
    const r = pairedChange([
      { pre: 1, post: 3 },
      { pre: 4, post: 6 },
      { pre: 5, post: 7 },
    ]);
    expect(r.effectSize).toEqual({ dz: null, reason: 'no_variation' });
    expect(r.change).toMatchObject({ mean: 2, sd: 0, lower: 2, upper: 2 });
  });

  it('rejects non-finite scores', () => {
    expect(() => pairedChange([{ pre: Number.NaN, post: 1 }])).toThrow(RangeError);
  });
});

describe('normalisedGain (Hake)', () => {
  it('dataset P: class 0.254545, mean individual 0.237024', () => {
    const g = normalisedGain(P, 10);
    expect(g.classGain.value).toBeCloseTo(0.254545, 6);
    expect(g.classGain.n).toBe(10);
    expect(g.meanIndividualGain).toEqual({
      value: expect.closeTo(0.237024, 6),
      n: 10,
      excludedAtMax: 0,
      reason: null,
    });
  });

  it('pre = max: individual gain excluded and counted, class gain keeps everyone', () => {
    // pre 10, 4, 6 → post 10, 7, 8 (max 10)
    // class: mean pre 20/3, mean post 25/3 → (5/3) / (10/3) = 0.5
    // individual: (7−4)/6 = 0.5, (8−6)/4 = 0.5 → mean 0.5 over n = 2, 1 excluded
    const g = normalisedGain(
      [
        { pre: 10, post: 10 },
        { pre: 4, post: 7 },
        { pre: 6, post: 8 },
      ],
      10,
    );
    expect(g.classGain.value).toBeCloseTo(0.5, 12);
    expect(g.meanIndividualGain).toEqual({ value: 0.5, n: 2, excludedAtMax: 1, reason: null });
  });

  it('everyone at max before: both undefined with pre_at_max', () => {
    const g = normalisedGain(
      [
        { pre: 10, post: 10 },
        { pre: 10, post: 9 },
      ],
      10,
    );
    expect(g.classGain).toEqual({ value: null, n: 2, reason: 'pre_at_max' });
    expect(g.meanIndividualGain).toEqual({ value: null, n: 0, excludedAtMax: 2, reason: 'pre_at_max' });
  });

  it('n = 0: no_data; scores fell: negative gain', () => {
    const g = normalisedGain([], 10);
    expect(g.classGain.reason).toBe('no_data');
    expect(g.meanIndividualGain.reason).toBe('no_data');
    // pre 5 → post 0: (0 − 5) / (10 − 5) = −1
    expect(normalisedGain([{ pre: 5, post: 0 }], 10).classGain.value).toBe(-1);
  });

  it('rejects scores outside 0..max and a bad max', () => {
    expect(() => normalisedGain([{ pre: 11, post: 5 }], 10)).toThrow(RangeError);
    expect(() => normalisedGain([{ pre: 1, post: 5 }], 0)).toThrow(RangeError);
  });
});

describe('learningChange and retrospectiveChange stay apart', () => {
  it('true pre/post is labelled pre_post and carries the gain', () => {
    const r = learningChange(P, 10);
    expect(r.kind).toBe('pre_post');
    expect(r.change.mean).toBeCloseTo(1.4, 12);
    expect(r.gain.classGain.value).toBeCloseTo(0.254545, 6);
  });

  it('retrospective then/now ratings: same paired figures, labelled retrospective, no gain', () => {
    // before 1, 2, 2, 3 → after 3, 4, 3, 5: diffs 2, 2, 1, 2, mean 1.75
    // Σ(d − 1.75)² = 0.0625·3 + 0.5625 = 0.75, sd = √(0.75/3) = 0.5, d_z = 3.5
    const r = retrospectiveChange([
      { before: 1, after: 3 },
      { before: 2, after: 4 },
      { before: 2, after: 3 },
      { before: 3, after: 5 },
    ]);
    expect(r.kind).toBe('retrospective');
    expect(r.label).toMatch(/retrospective/i);
    expect(r.n).toBe(4);
    expect(r.change.mean).toBe(1.75);
    expect(r.change.sd).toBeCloseTo(0.5, 12);
    expect(r.effectSize.dz).toBeCloseTo(3.5, 12);
    expect('gain' in r).toBe(false);
  });
});

describe('classGainCI (delta method)', () => {
  it('matches the numpy/scipy computation of the same formula', () => {
    // pre 2,3,4,1,0; post 4,3,2,5,1 on 0..5: g = (3 − 2)/(5 − 2) = 1/3; z = d/3 + pre/9;
    // numpy: sd(z, ddof=1)/√5 · scipy t.ppf(0.975, 4) → [−0.45317487610126234, 1.119841542767929].
    const pairs = [
      { pre: 2, post: 4 },
      { pre: 3, post: 3 },
      { pre: 4, post: 2 },
      { pre: 1, post: 5 },
      { pre: 0, post: 1 },
    ];
    const g = classGainCI(pairs, 5);
    expect(g.value).toBeCloseTo(1 / 3, 12);
    expect(g.lower).toBeCloseTo(-0.45317487610126234, 9);
    expect(g.upper).toBeCloseTo(1.119841542767929, 9);
    expect(g.method).toContain('class gain');
  });
});
