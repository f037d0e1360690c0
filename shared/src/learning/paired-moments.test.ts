import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classGainCI, normalisedGain, type PairedScore, pairedChange } from './change.js';
import {
  classGainCIOf,
  EMPTY_PAIRED_MOMENTS,
  mergePairedMoments,
  normalisedGainOf,
  type PairedMoments,
  pairedChangeOf,
  pairedMomentsOf,
  scalePairedMoments,
} from './paired-moments.js';

/** Equal up to rounding: 1e-9 relative to the magnitude (the results' checks use 9 decimals). */
function close(actual: number | null, expected: number | null, what: string) {
  if (expected === null || actual === null) {
    expect(actual, what).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    1e-9 * Math.max(1, Math.abs(expected)),
  );
}

/** A test of maximum `max` and its pairs, split into groups (activities), as integers or halves. */
const groups = fc.integer({ min: 1, max: 40 }).chain((max) =>
  fc.record({
    max: fc.constant(max),
    halves: fc.boolean(),
    groups: fc.array(
      fc.array(
        fc.record({ pre: fc.integer({ min: 0, max: max * 2 }), post: fc.integer({ min: 0, max: max * 2 }) }),
        { maxLength: 30 },
      ),
      { maxLength: 6 },
    ),
  }),
);
const toScores = (g: PairedScore[], halves: boolean) =>
  g.map((p) => (halves ? { pre: p.pre / 2, post: p.post / 2 } : { pre: p.pre >> 1, post: p.post >> 1 }));

function pooled(max: number, gs: PairedScore[][]): PairedMoments {
  return gs.map((g) => pairedMomentsOf(g, max)).reduce(mergePairedMoments, EMPTY_PAIRED_MOMENTS);
}

function expectSameFigures(m: PairedMoments, pairs: PairedScore[], max: number) {
  const a = pairedChange(pairs);
  const b = pairedChangeOf(m);
  expect(b.n).toBe(a.n);
  close(b.meanPre, a.meanPre, 'mean pre');
  close(b.meanPost, a.meanPost, 'mean post');
  close(b.change.mean, a.change.mean, 'mean change');
  close(b.change.sd, a.change.sd, 'sd of the change');
  close(b.change.lower, a.change.lower, 'change lower');
  close(b.change.upper, a.change.upper, 'change upper');
  expect(b.change.reason).toBe(a.change.reason);
  close(b.effectSize.dz, a.effectSize.dz, 'd_z');
  expect(b.effectSize.reason).toBe(a.effectSize.reason);
  expect([b.improved, b.same, b.worse]).toEqual([a.improved, a.same, a.worse]);
  if (pairs.length === 0) return;
  const ga = normalisedGain(pairs, max);
  const gb = normalisedGainOf(m, max);
  close(gb.classGain.value, ga.classGain.value, 'class gain');
  expect(gb.classGain.reason).toBe(ga.classGain.reason);
  close(gb.meanIndividualGain.value, ga.meanIndividualGain.value, 'mean individual gain');
  expect({ ...gb.meanIndividualGain, value: null }).toEqual({ ...ga.meanIndividualGain, value: null });
  const ca = classGainCI(pairs, max);
  const cb = classGainCIOf(m, max);
  close(cb.lower, ca.lower, 'class gain lower');
  close(cb.upper, ca.upper, 'class gain upper');
}

describe('paired moments: the same figures as the plain array definitions', () => {
  it('for random pairs split into random groups', () => {
    fc.assert(
      fc.property(groups, ({ max, halves, groups: gs }) => {
        const scored = gs.map((g) => toScores(g, halves));
        expectSameFigures(pooled(max, scored), scored.flat(), max);
      }),
      { numRuns: 400 },
    );
  });

  it('for groups of different maxima pooled in percent of each maximum', () => {
    fc.assert(
      fc.property(fc.array(groups, { minLength: 1, maxLength: 4 }), (tests) => {
        const inPercent = tests.flatMap(({ max, halves, groups: gs }) =>
          gs
            .flatMap((g) => toScores(g, halves))
            .map((p) => ({ pre: (p.pre * 100) / max, post: (p.post * 100) / max })),
        );
        const m = tests
          .map(({ max, halves, groups: gs }) =>
            scalePairedMoments(
              pooled(
                max,
                gs.map((g) => toScores(g, halves)),
              ),
              100 / max,
            ),
          )
          .reduce(mergePairedMoments, EMPTY_PAIRED_MOMENTS);
        expectSameFigures(m, inPercent, 100);
      }),
      { numRuns: 200 },
    );
  });

  it('merging is order-free and the empty group changes nothing', () => {
    fc.assert(
      fc.property(groups, ({ max, halves, groups: gs }) => {
        const ms = gs.map((g) => pairedMomentsOf(toScores(g, halves), max));
        const forward = ms.reduce(mergePairedMoments, EMPTY_PAIRED_MOMENTS);
        const backward = [...ms].reverse().reduce(mergePairedMoments, EMPTY_PAIRED_MOMENTS);
        for (const k of Object.keys(forward) as (keyof PairedMoments)[]) close(backward[k], forward[k], k);
        expect(mergePairedMoments(forward, EMPTY_PAIRED_MOMENTS)).toBe(forward);
      }),
    );
  });

  it('keeps the spread of scores far from zero (no cancellation of large means)', () => {
    const a = Array.from({ length: 50 }, (_, i) => ({ pre: 1e6 + (i % 7), post: 1e6 + (i % 5) }));
    const b = Array.from({ length: 70 }, (_, i) => ({ pre: 1e6 + (i % 3), post: 1e6 + (i % 11) }));
    const max = 2e6;
    expectSameFigures(
      mergePairedMoments(pairedMomentsOf(a, max), pairedMomentsOf(b, max)),
      [...a, ...b],
      max,
    );
  });

  it('refuses what normalisedGain refuses', () => {
    expect(() => pairedMomentsOf([{ pre: 6, post: 1 }], 5)).toThrow(RangeError);
    expect(() => pairedMomentsOf([{ pre: 1, post: Number.NaN }], 5)).toThrow(RangeError);
    expect(() => pairedMomentsOf([], 0)).toThrow(RangeError);
  });
});

describe('rounding is not variation (counterexamples found by the properties above)', () => {
  const inPercent = (pairs: PairedScore[], max: number) =>
    pairs.map((p) => ({ pre: (p.pre * 100) / max, post: (p.post * 100) / max }));

  it('equal changes in percent of a maximum that does not divide 100 have no d_z, on both paths', () => {
    // 1400/19 − 1300/19 and 1100/19 − 1000/19 differ in the last bit: d_z came out near 10^15.
    const raw = [
      { pre: 13, post: 14 },
      { pre: 10, post: 11 },
    ];
    const array = pairedChange(inPercent(raw, 19));
    const moments = pairedChangeOf(scalePairedMoments(pairedMomentsOf(raw, 19), 100 / 19));
    expect(array.effectSize).toEqual({ dz: null, reason: 'no_variation' });
    expect(moments.effectSize).toEqual({ dz: null, reason: 'no_variation' });
  });

  it('pairs on one gain line give the class gain an interval of zero width from moments too', () => {
    // A pair at the maximum lies on every gain line: with one other pair, nothing varies.
    const m = [
      scalePairedMoments(pairedMomentsOf([{ pre: 5, post: 1 }], 12), 100 / 12),
      scalePairedMoments(pairedMomentsOf([{ pre: 1, post: 1 }], 1), 100),
    ].reduce(mergePairedMoments, EMPTY_PAIRED_MOMENTS);
    const array = classGainCI(
      [
        { pre: 500 / 12, post: 100 / 12 },
        { pre: 100, post: 100 },
      ],
      100,
    );
    const moments = classGainCIOf(m, 100);
    for (const ci of [array, moments]) {
      close(ci.lower, ci.value, 'lower bound at the value');
      close(ci.upper, ci.value, 'upper bound at the value');
    }
  });
});
