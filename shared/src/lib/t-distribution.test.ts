import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { describe, expect, it } from 'vitest';
import { tCritical } from './statistics.js';
import { tUpperQuantile, tUpperTail } from './t-distribution.js';

/** |a − b| relative to b. */
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// The second implementation: @stdlib's quantile (inverse incomplete beta), a development dependency
// only, against ours (continued fraction and Newton) over degrees of freedom and levels in use and
// far beyond them.
const dfs = [
  0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 19, 24, 29, 39, 49, 59, 99, 119, 199, 499, 999, 1999,
  4999, 9999, 1e5, 1e6, 1e9,
];
const levels = [0.5, 0.8, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999, 0.9999];

describe('Student t critical values against @stdlib', () => {
  it.each(dfs)('df = %s: every level within 1e-12 relative (1e-10 beyond 10^5, 1e-8 at 10^9)', (df) => {
    const worst = Math.max(
      ...levels.map((level) => relative(tCritical(df, level), tQuantile(1 - (1 - level) / 2, df))),
    );
    expect(worst).toBeLessThan(df <= 1e5 ? 1e-12 : df <= 1e7 ? 1e-10 : 1e-8);
  });

  it('every integer df from 1 to 300 at 90, 95 and 99 %', () => {
    let worst = 0;
    for (let df = 1; df <= 300; df++)
      for (const level of [0.9, 0.95, 0.99])
        worst = Math.max(worst, relative(tCritical(df, level), tQuantile(1 - (1 - level) / 2, df)));
    expect(worst).toBeLessThan(1e-12);
  });
});

describe('t tail and quantile', () => {
  it('the tail of the quantile is the tail asked for', () => {
    for (const df of [0.7, 3, 12.5, 80, 3000])
      for (const tail of [0.4, 0.1, 0.025, 1e-3, 1e-6]) {
        expect(relative(tUpperTail(tUpperQuantile(tail, df), df), tail)).toBeLessThan(1e-12);
      }
  });

  it('known values: Cauchy, ν = 2 and the normal limit', () => {
    expect(tUpperTail(1, 1)).toBeCloseTo(0.25, 15);
    expect(tUpperQuantile(0.25, 1)).toBeCloseTo(1, 14);
    // ν = 2: P(T > t) = ½ − t / (2 √(t² + 2)); at t = √2 that is ½ − √2 / 4.
    expect(tUpperTail(Math.SQRT2, 2)).toBeCloseTo(0.5 - Math.SQRT2 / (2 * 2), 14);
    expect(tUpperQuantile(0.025, 1e9)).toBeCloseTo(1.959963984540054, 7);
    expect(tUpperTail(0, 7)).toBe(0.5);
  });

  it('refuses tails and degrees of freedom it has no answer for', () => {
    expect(() => tUpperQuantile(0, 5)).toThrow(RangeError);
    expect(() => tUpperQuantile(0.6, 5)).toThrow(RangeError);
    expect(() => tUpperQuantile(0.05, 0)).toThrow(RangeError);
    expect(() => tUpperQuantile(Number.NaN, 5)).toThrow(RangeError);
  });
});
