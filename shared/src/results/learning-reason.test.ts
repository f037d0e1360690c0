import { describe, expect, it } from 'vitest';
import { REASON_TEXT } from '../lib/statistics.js';
import { pairedPicture, type TestInput } from './learning.js';

const test = (surveyId: string, points: (code: string) => number): TestInput => ({
  surveyId,
  responses: ['a', 'b', 'c', 'd', 'e', 'f'].map((code, i) => ({
    responseId: `${surveyId}-${code}`,
    activityId: 'act',
    submittedAt: `2026-11-0${i + 1}T10:00:00Z`,
    pairingCode: `PAIR-${code}`,
    answers: {},
    score: { points: points(code), maxPoints: 10, percent: points(code) * 10 },
  })),
});

describe('the learning page says why a figure is missing in words', () => {
  it('explains an effect size that every identical change leaves undefined, not with a code', () => {
    const base: Record<string, number> = { a: 2, b: 3, c: 4, d: 5, e: 6, f: 7 };
    const picture = pairedPicture(
      test('pre', (c) => base[c] ?? 0),
      test('post', (c) => (base[c] ?? 0) + 1),
    );
    expect(picture?.n).toBe(6);
    expect(picture?.reason).toBe(REASON_TEXT.no_variation);
    expect(picture?.reason).not.toMatch(/^[a-z_]+$/);
  });
});
