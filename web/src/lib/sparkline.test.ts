import { describe, expect, it } from 'vitest';
import { sparkline } from './sparkline';

describe('sparkline', () => {
  it('places the lowest value low and the highest high, with 10 % grace and padding', () => {
    const s = sparkline([{ value: 0 }, { value: 10 }, { value: 5 }], 100, 40, 0);
    expect(s.points).toEqual([
      { x: 0, y: round((11 / 12) * 40) },
      { x: 50, y: round((1 / 12) * 40) },
      { x: 100, y: 20 },
    ]);
    expect(s.path).toBe(`M0 ${round((11 / 12) * 40)} L50 ${round((1 / 12) * 40)} L100 20`);
  });

  it('breaks the line at a year without a value', () => {
    const s = sparkline([{ value: 1 }, { value: 2 }, { value: null }, { value: 3 }, { value: 4 }], 40, 10, 0);
    expect(s.points).toHaveLength(4);
    expect(s.path.match(/M/g)).toHaveLength(2);
    expect(s.path.split(' M')[1]).toMatch(/^30 /);
  });

  it('draws a constant series and a single value across the middle, and nothing without values', () => {
    expect(sparkline([{ value: 7 }, { value: 7 }], 100, 40).points.map((p) => p.y)).toEqual([20, 20]);
    expect(sparkline([{ value: 7 }], 100, 40).points).toEqual([{ x: 50, y: 20 }]);
    expect(sparkline([{ value: null }], 100, 40)).toEqual({ path: '', points: [] });
  });
});

function round(n: number) {
  return Math.round(n * 10) / 10;
}
