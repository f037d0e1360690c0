import { describe, expect, it } from 'vitest';
import { shuffledFor } from './shuffle.js';

const options = ['a', 'b', 'c', 'd'].map((id) => ({ id }));

describe('shuffledFor', () => {
  it('keeps every option once and gives one respondent the same order every time', () => {
    const once = shuffledFor('respondent-1', 'q1', options);
    expect(once.map((o) => o.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(shuffledFor('respondent-1', 'q1', options)).toEqual(once);
  });

  it('puts the first-listed (correct) option first for about a quarter of 2,000 respondents, not all', () => {
    let first = 0;
    for (let i = 0; i < 2000; i++) if (shuffledFor(`r-${i}`, 'q1', options)[0]?.id === 'a') first++;
    // Uniform: 500 expected; binomial sd ≈ 19, so 400..600 is more than 5 sd wide.
    expect(first).toBeGreaterThan(400);
    expect(first).toBeLessThan(600);
  });

  it('keeps "I don\'t know" last for everyone', () => {
    const withDontKnow = [...options, { id: 'dont_know' }];
    for (let i = 0; i < 50; i++)
      expect(shuffledFor(`r-${i}`, 'q1', withDontKnow).at(-1)?.id).toBe('dont_know');
  });

  it('orders two questions of one respondent independently', () => {
    const orders = new Set<string>();
    for (let q = 0; q < 20; q++)
      orders.add(
        shuffledFor('respondent-1', `q${q}`, options)
          .map((o) => o.id)
          .join(''),
      );
    expect(orders.size).toBeGreaterThan(5);
  });
});
