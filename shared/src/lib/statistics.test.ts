import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addValue,
  combine,
  EMPTY_MOMENTS,
  type Moments,
  mean,
  meanCI,
  momentsOf,
  momentsToSummary,
  sd,
  sum,
  tCritical,
  variance,
  wilsonCI,
  zCritical,
} from './statistics.js';

/*
 * Reference values, computed independently of this code:
 *
 * Student t quantiles (R `qt(p, df)`, SciPy `scipy.stats.t.ppf(p, df)`, and printed tables):
 *   qt(0.975, 1) = 12.706205   qt(0.975, 4) = 2.776445   qt(0.975, 7) = 2.364624
 *   qt(0.975, 9) = 2.262157    qt(0.975, 29) = 2.045230  qt(0.95, 9) = 1.833113 (90 %)
 *   qt(0.995, 9) = 3.249836 (99 %)   qt(0.975, 2.5) = 3.574655   normal limit z(0.975) = 1.959964
 *
 * Dataset A = 2, 4, 4, 4, 5, 5, 7, 9 (by hand):
 *   n = 8, Σx = 40, mean = 5
 *   deviations −3, −1, −1, −1, 0, 0, 2, 4 → Σd² = 9+1+1+1+0+0+4+16 = 32
 *   sample variance = 32 / 7 = 4.571429, sd = √(32/7) = 2.138090
 *   se = sd / √8 = √(4/7) = 0.755929; half-width = 2.364624 × 0.755929 = 1.787488
 *   95 % CI = [3.212512, 6.787488]   (SciPy t.interval(0.95, 7, 5, sem) agrees)
 */
const A = [2, 4, 4, 4, 5, 5, 7, 9];

describe('t critical values', () => {
  it.each([
    [1, 0.95, 12.706205],
    [4, 0.95, 2.776445],
    [7, 0.95, 2.364624],
    [9, 0.95, 2.262157],
    [29, 0.95, 2.04523],
    [9, 0.9, 1.833113],
    [9, 0.99, 3.249836],
    [2.5, 0.95, 3.574655],
    [1e9, 0.95, 1.959964],
  ])('t(df=%s, level=%s) = %s', (df, level, expected) => {
    expect(tCritical(df, level)).toBeCloseTo(expected, 5);
  });

  it('defaults to 95 %', () => expect(tCritical(9)).toBeCloseTo(2.262157, 6));

  it('rejects impossible inputs instead of returning NaN', () => {
    expect(() => tCritical(0)).toThrow(RangeError);
    expect(() => tCritical(-1)).toThrow(RangeError);
    expect(() => tCritical(Number.NaN)).toThrow(RangeError);
    expect(() => tCritical(5, 1)).toThrow(RangeError);
    expect(() => tCritical(5, 0)).toThrow(RangeError);
    expect(() => tCritical(5, 95)).toThrow(RangeError);
  });
});

describe('array statistics', () => {
  it('dataset A: mean 5, variance 32/7, sd 2.138090', () => {
    expect(mean(A)).toBe(5);
    expect(variance(A)).toBeCloseTo(32 / 7, 12);
    expect(sd(A)).toBeCloseTo(2.13809, 6);
  });

  it('n = 0 and n = 1', () => {
    expect(mean([])).toBeNull();
    expect(variance([])).toBeNull();
    expect(sd([7])).toBeNull();
    expect(mean([7])).toBe(7);
  });

  it('sd = 0 for equal values, including ones with no exact binary form', () => {
    expect(sd([0.1, 0.1, 0.1])).toBe(0);
    expect(sd([3, 3])).toBe(0);
  });

  it('a large common offset does not destroy the spread (two-pass)', () => {
    expect(variance(A.map((x) => x + 1e9))).toBeCloseTo(32 / 7, 6);
  });

  it('compensated sum: 0.1 ten times is 1', () => {
    expect(sum(Array(10).fill(0.1))).toBe(1);
    expect(sum([1e16, 1, -1e16])).toBe(1);
  });
});

describe('streaming moments', () => {
  it('dataset A from moments gives the same figures', () => {
    const m = momentsOf(A);
    expect(m).toEqual({ n: 8, sum: 40, sumSq: 232, min: 2, max: 9 }); // 4 + 16·3 + 25·2 + 49 + 81 = 232
    const s = momentsToSummary(m);
    expect(s.mean).toBe(5);
    expect(s.variance).toBe(32 / 7); // (8·232 − 40²) / 8 / 7 = 256/56 = 32/7, exact
    expect(s.reason).toBeNull();
  });

  it('integer data with an offset of a million stays exact (BigInt path)', () => {
    const s = momentsToSummary(momentsOf(A.map((x) => x + 1_000_000)));
    expect(s.variance).toBe(32 / 7);
  });

  it('n = 0, n = 1, all equal', () => {
    expect(momentsToSummary(EMPTY_MOMENTS)).toEqual({
      n: 0,
      mean: null,
      variance: null,
      sd: null,
      min: null,
      max: null,
      reason: 'no_data',
    });
    expect(momentsToSummary(momentsOf([4]))).toMatchObject({
      n: 1,
      mean: 4,
      sd: null,
      reason: 'single_value',
    });
    expect(momentsToSummary(momentsOf([0.1, 0.1, 0.1])).sd).toBe(0);
  });

  it('rejects non-finite values', () => {
    expect(() => addValue(EMPTY_MOMENTS, Number.NaN)).toThrow(RangeError);
    expect(() => addValue(EMPTY_MOMENTS, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('stays JSON: empty min/max are null, not Infinity', () => {
    expect(JSON.parse(JSON.stringify(EMPTY_MOMENTS))).toEqual(EMPTY_MOMENTS);
  });

  // Values in the range survey data lives in, integers and fractions.
  const value = fc.oneof(
    fc.integer({ min: -1000, max: 1000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  );
  const values = fc.array(value, { maxLength: 40 });

  /** Equal within 1e-9, relative to the magnitudes summed (Σ|x| for sum, Σx² for sumSq). */
  function expectClose(a: Moments, b: Moments, scale: { abs: number; sq: number }) {
    expect(a.n).toBe(b.n);
    expect(a.min).toBe(b.min);
    expect(a.max).toBe(b.max);
    expect(Math.abs(a.sum - b.sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale.abs));
    expect(Math.abs(a.sumSq - b.sumSq)).toBeLessThanOrEqual(1e-9 * Math.max(1, scale.sq));
  }
  const scaleOf = (...xs: number[][]) => {
    const all = xs.flat();
    return { abs: all.reduce((s, x) => s + Math.abs(x), 0), sq: all.reduce((s, x) => s + x * x, 0) };
  };

  it('combine is associative', () => {
    fc.assert(
      fc.property(values, values, values, (x, y, z) => {
        const [a, b, c] = [momentsOf(x), momentsOf(y), momentsOf(z)];
        expectClose(combine(combine(a, b), c), combine(a, combine(b, c)), scaleOf(x, y, z));
      }),
    );
  });

  it('combine is commutative', () => {
    fc.assert(
      fc.property(values, values, (x, y) => {
        expectClose(combine(momentsOf(x), momentsOf(y)), combine(momentsOf(y), momentsOf(x)), scaleOf(x, y));
      }),
    );
  });

  it('combining shards equals folding the concatenation; EMPTY is the identity', () => {
    fc.assert(
      fc.property(values, values, (x, y) => {
        expectClose(combine(momentsOf(x), momentsOf(y)), momentsOf([...x, ...y]), scaleOf(x, y));
        expect(combine(momentsOf(x), EMPTY_MOMENTS)).toEqual(momentsOf(x));
        expect(combine(EMPTY_MOMENTS, momentsOf(x))).toEqual(momentsOf(x));
      }),
    );
  });

  it('integer shards combine exactly, in any grouping', () => {
    const ints = fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 40 });
    fc.assert(
      fc.property(ints, ints, ints, (x, y, z) => {
        const [a, b, c] = [momentsOf(x), momentsOf(y), momentsOf(z)];
        expect(combine(combine(a, b), c)).toEqual(combine(a, combine(b, c)));
        expect(combine(a, b)).toEqual(combine(b, a));
        expect(combine(combine(a, b), c)).toEqual(momentsOf([...x, ...y, ...z]));
      }),
    );
  });

  it('the moments summary agrees with the two-pass array figures', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 2, maxLength: 60 }), (x) => {
        const s = momentsToSummary(momentsOf(x));
        expect(s.mean!).toBeCloseTo(mean(x)!, 9);
        expect(s.variance!).toBeCloseTo(variance(x)!, 9);
      }),
    );
  });
});

describe('meanCI', () => {
  it('dataset A: 95 % CI [3.212512, 6.787488] from values and from moments', () => {
    for (const input of [A, momentsOf(A)]) {
      const ci = meanCI(input);
      expect(ci).toMatchObject({ n: 8, level: 0.95, mean: 5, df: 7, reason: null });
      expect(ci.t).toBeCloseTo(2.364624, 6);
      expect(ci.se).toBeCloseTo(0.755929, 6);
      expect(ci.lower).toBeCloseTo(3.212512, 6);
      expect(ci.upper).toBeCloseTo(6.787488, 6);
    }
  });

  it('n = 0 and n = 1: no interval, with the reason', () => {
    expect(meanCI([])).toMatchObject({ n: 0, mean: null, lower: null, upper: null, reason: 'no_data' });
    expect(meanCI([3])).toMatchObject({ n: 1, mean: 3, sd: null, lower: null, reason: 'single_value' });
    expect(meanCI(momentsOf([3]))).toMatchObject({ n: 1, mean: 3, lower: null, reason: 'single_value' });
  });

  it('sd = 0: a zero-width interval at the mean', () => {
    expect(meanCI([4, 4, 4])).toMatchObject({ mean: 4, sd: 0, lower: 4, upper: 4, reason: null });
  });

  it('other levels widen or narrow the interval', () => {
    const ci90 = meanCI(A, 0.9);
    expect(ci90.t).toBeCloseTo(1.894579, 5); // qt(0.95, 7) = 1.894579
    expect(ci90.upper! - ci90.lower!).toBeLessThan(meanCI(A).upper! - meanCI(A).lower!);
    expect(() => meanCI(A, 1.5)).toThrow(RangeError);
  });
});

describe('wilsonCI and zCritical', () => {
  it('z(0.975) = 1.959964 (scipy.stats.norm.ppf(0.975) = 1.959963984540054)', () => {
    expect(zCritical()).toBeCloseTo(1.959963984540054, 8);
    // scipy.stats.norm.ppf(0.995) = 2.5758293035489
    expect(zCritical(0.99)).toBeCloseTo(2.5758293035489, 8);
  });

  // Newcombe RG (1998), Two-sided confidence intervals for the single proportion: comparison of
  // seven methods, Statistics in Medicine 17:857-872, table II, method 3 (Wilson score, no
  // continuity correction): 81/263 → 0.2553 to 0.3662; 15/148 → 0.0624 to 0.1605; 0/20 → 0 to 0.1611.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
  ])('Wilson %i/%i = [%f, %f] (Newcombe 1998)', (k, n, lo, hi) => {
    const ci = wilsonCI(k, n);
    expect(ci.lower).toBeCloseTo(lo, 4);
    expect(ci.upper).toBeCloseTo(hi, 4);
  });

  it('n = 0 has no interval; k = n reaches 1', () => {
    expect(wilsonCI(0, 0).lower).toBeNull();
    // scipy-computed from the formula: 29/29 → 0.8830302015002593 to 1.
    expect(wilsonCI(29, 29).lower).toBeCloseTo(0.8830302015002593, 9);
    expect(wilsonCI(29, 29).upper).toBe(1);
  });
});
