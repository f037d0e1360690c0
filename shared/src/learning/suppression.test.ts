import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lowNWarning, percentOf, suppressSmallCells } from './suppression.js';

describe('suppressSmallCells', () => {
  it('removes n and values of small cells, not just hides them', () => {
    const out = suppressSmallCells([
      { key: 'female', n: 12, mean: 4.1 },
      { key: 'male', n: 3, mean: 2.0 },
      { key: 'other', n: 2, mean: 5.0 },
    ]);
    expect(out).toEqual([
      { key: 'female', n: 12, mean: 4.1, suppressed: false },
      { key: 'male', suppressed: true, display: '< 5', reason: 'small' },
      { key: 'other', suppressed: true, display: '< 5', reason: 'small' },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/2\.0|"n":3|"n":2|"mean":5/);
  });

  it('one small cell: the next smallest is suppressed too (total − shown cells would reveal it)', () => {
    // total 30 = 3 + 8 + 19: showing 8 and 19 would give 30 − 27 = 3
    const out = suppressSmallCells([
      { key: 'a', n: 19 },
      { key: 'b', n: 3 },
      { key: 'c', n: 8 },
    ]);
    expect(out.map((c) => (c.suppressed ? c.reason : 'shown'))).toEqual(['shown', 'small', 'complementary']);
  });

  it('ties for the complement are broken by key; n = 5 is shown; n = 0 is suppressed', () => {
    const out = suppressSmallCells([
      { key: 'z', n: 7 },
      { key: 'y', n: 7 },
      { key: 'x', n: 0 },
      { key: 'w', n: 5 },
    ]);
    expect(out.map((c) => [c.key, c.suppressed])).toEqual([
      ['z', false],
      ['y', false],
      ['x', true],
      ['w', true], // smallest shown cell (5) becomes the complement
    ]);
    const tie = suppressSmallCells([
      { key: 'b', n: 6 },
      { key: 'a', n: 6 },
      { key: 'c', n: 1 },
    ]);
    expect(tie.filter((c) => c.suppressed).map((c) => c.key)).toEqual(['a', 'c']);
  });

  it('no small cell: nothing suppressed; empty breakdown; custom minimum', () => {
    expect(suppressSmallCells([{ key: 'a', n: 5 }]).every((c) => !c.suppressed)).toBe(true);
    expect(suppressSmallCells([])).toEqual([]);
    expect(suppressSmallCells([{ key: 'a', n: 9 }], 10)[0]).toMatchObject({
      suppressed: true,
      display: '< 10',
    });
  });

  const cells = fc.uniqueArray(fc.record({ key: fc.string(), n: fc.nat({ max: 30 }), value: fc.double() }), {
    selector: (c) => c.key,
    maxLength: 12,
  });

  it('property: no cell with n < 5 shows anything but its key', () => {
    fc.assert(
      fc.property(cells, (input) => {
        const out = suppressSmallCells(input);
        expect(out.map((c) => c.key)).toEqual(input.map((c) => c.key));
        input.forEach((c, i) => {
          const o = out[i]!;
          if (c.n < 5) expect(o).toEqual({ key: c.key, suppressed: true, display: '< 5', reason: 'small' });
          if (o.suppressed) expect(Object.keys(o).sort()).toEqual(['display', 'key', 'reason', 'suppressed']);
          else expect(o).toEqual({ ...c, suppressed: false });
        });
      }),
    );
  });

  it('property: never exactly one suppressed cell when another is shown', () => {
    fc.assert(
      fc.property(cells, (input) => {
        const out = suppressSmallCells(input);
        const suppressed = out.filter((c) => c.suppressed).length;
        if (out.length > 1) expect(suppressed).not.toBe(1);
      }),
    );
  });
});

describe('lowNWarning', () => {
  it('warns below the minimum only', () => {
    expect(lowNWarning(29, 30)).toEqual({
      n: 29,
      minimumN: 30,
      message: 'Based on 29 responses, fewer than the 30 needed for a reliable value.',
    });
    expect(lowNWarning(1, 10)?.message).toMatch(/1 response,/);
    expect(lowNWarning(30, 30)).toBeNull();
    expect(lowNWarning(0, 1)?.n).toBe(0);
  });
});

describe('percentOf', () => {
  it('always states numerator, denominator and what it is a percent of', () => {
    // 3 / 8 × 100 = 37.5
    expect(percentOf(3, 8, 'respondents who answered')).toEqual({
      value: 37.5,
      numerator: 3,
      denominator: 8,
      of: 'respondents who answered',
    });
    expect(percentOf(0, 0, 'paired respondents')).toEqual({
      value: null,
      numerator: 0,
      denominator: 0,
      of: 'paired respondents',
    });
  });

  it('rejects impossible counts', () => {
    expect(() => percentOf(5, 4, 'x')).toThrow(RangeError);
    expect(() => percentOf(-1, 4, 'x')).toThrow(RangeError);
    expect(() => percentOf(Number.NaN, 4, 'x')).toThrow(RangeError);
  });
});
