import { describe, expect, it } from 'vitest';
import { sample } from '../surveys/__fixtures__/sample.js';
import { validateAnswers } from './rules.js';
import type { Answers } from './schema.js';
import { mean, median, summarise } from './summary.js';

function normalised(raw: Record<string, unknown>): { answers: Answers } {
  const r = validateAnswers(sample, raw);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return { answers: r.value };
}

const responses = [
  normalised({
    sat: 5,
    rec: 10,
    topics: ['a', 'b'],
    applied: 'yes',
    how: 'Used it',
    hours: 10,
    self: { before: 1, after: 4 },
    k1: 'a',
    k2: ['a', 'c'],
    gender: 'female',
    country: 'AF',
  }),
  normalised({
    sat: 4,
    rec: 7,
    topics: ['a'],
    applied: 'no',
    hours: 20,
    self: { before: 2, after: 4 },
    k1: 'b',
    k2: ['a'],
    gender: 'male',
    country: 'PK',
  }),
  normalised({
    sat: 4,
    topics: ['b', 'c'],
    applied: 'yes',
    how: 'Shared',
    self: { before: 2, after: 5 },
    k1: 'a',
    gender: 'female',
    country: 'AF',
  }),
  normalised({
    sat: 2,
    rec: 8,
    applied: 'no',
    hours: 3,
    self: { before: 3, after: 3 },
    k1: 'a',
    k2: ['c', 'a'],
    notes: 'More time',
    gender: 'female',
    country: 'TR',
  }),
];

const byId = (s: ReturnType<typeof summarise>, id: string) => s.questions.find((q) => q.questionId === id)!;

describe('mean and median', () => {
  it('take the middle pair for an even count and null for nothing', () => {
    expect(median([4, 2, 5, 4])).toBe(4); // sorted 2 4 4 5 -> (4 + 4) / 2
    expect(median([1, 2])).toBe(1.5);
    expect(median([])).toBeNull();
    expect(mean([])).toBeNull();
  });
});

describe('summarise, hand-computed on four responses', () => {
  const s = summarise(sample, responses);

  it('counts responses', () => {
    expect(s).toMatchObject({ surveyId: 'sample', version: 1, total: 4, count: 4 });
  });

  it('likert: distribution of n=4, mean and median', () => {
    // values 5, 4, 4, 2: mean 15 / 4 = 3.75; sorted 2 4 4 5, median (4 + 4) / 2 = 4
    expect(byId(s, 'sat')).toMatchObject({
      n: 4,
      mean: 3.75,
      median: 4,
      measure: 'satisfaction',
      options: [
        { id: '1', count: 0, percent: 0 },
        { id: '2', count: 1, percent: 25 }, // 1 / 4
        { id: '3', count: 0, percent: 0 },
        { id: '4', count: 2, percent: 50 }, // 2 / 4
        { id: '5', count: 1, percent: 25 },
      ],
    });
  });

  it('0-10 rating: skipped answer lowers n', () => {
    // values 10, 7, 8 (third response skipped): n 3, mean 25 / 3, median 8
    const rec = byId(s, 'rec');
    expect(rec).toMatchObject({ n: 3, median: 8 });
    expect(rec.mean).toBeCloseTo(25 / 3, 12);
    expect(rec.options!.find((o) => o.id === '10')).toMatchObject({ count: 1, percent: 100 / 3 });
  });

  it('multiple choice: percent of respondents who answered, may add above 100', () => {
    // answered by 3: a in 2 (2/3), b in 2 (2/3), c in 1 (1/3), d in 0
    expect(byId(s, 'topics')).toMatchObject({
      n: 3,
      options: [
        { id: 'a', count: 2, percent: 200 / 3 },
        { id: 'b', count: 2, percent: 200 / 3 },
        { id: 'c', count: 1, percent: 100 / 3 },
        { id: 'd', count: 0, percent: 0 },
      ],
    });
  });

  it('number: mean and median', () => {
    // 10, 20, 3: mean 33 / 3 = 11; sorted 3 10 20, median 10
    expect(byId(s, 'hours')).toMatchObject({ n: 3, mean: 11, median: 10 });
  });

  it('self-rating: before and after separately', () => {
    // before 1 2 2 3: mean 8 / 4 = 2, median (2 + 2) / 2 = 2; after 4 4 5 3: mean 16 / 4 = 4, median (4 + 4) / 2 = 4
    const self = byId(s, 'self');
    expect(self).toMatchObject({
      n: 4,
      before: { n: 4, mean: 2, median: 2 },
      after: { n: 4, mean: 4, median: 4 },
    });
    expect(self.before!.options.map((o) => o.count)).toEqual([1, 2, 1, 0, 0]);
    expect(self.after!.options.map((o) => o.count)).toEqual([0, 0, 1, 2, 1]);
  });

  it('knowledge: distribution and share exactly right', () => {
    // k1: a a b a -> a 3/4, b 1/4; right 3 of 4 = 75 %
    expect(byId(s, 'k1')).toMatchObject({ n: 4, correct: { count: 3, percent: 75 } });
    expect(byId(s, 'k1').options).toEqual([
      { id: 'a', count: 3, percent: 75 },
      { id: 'b', count: 1, percent: 25 },
      { id: 'c', count: 0, percent: 0 },
    ]);
    // k2 (correct a+c): [a,c] [a] [a,c] -> right 2 of 3
    expect(byId(s, 'k2')).toMatchObject({ n: 3, correct: { count: 2, percent: 200 / 3 } });
  });

  it('free text: the answers in response order', () => {
    expect(byId(s, 'how')).toMatchObject({ n: 2, texts: ['Used it', 'Shared'] });
    expect(byId(s, 'notes')).toMatchObject({ n: 1, texts: ['More time'] });
  });

  it('profile: gender with all options, country with the codes given', () => {
    expect(byId(s, 'gender').options).toEqual([
      { id: 'female', count: 3, percent: 75 },
      { id: 'male', count: 1, percent: 25 },
    ]);
    expect(byId(s, 'country').options).toEqual([
      { id: 'AF', count: 2, percent: 50 },
      { id: 'PK', count: 1, percent: 25 },
      { id: 'TR', count: 1, percent: 25 },
    ]);
  });
});

describe('summarise with a profile filter', () => {
  it('keeps only matching responses', () => {
    // female: responses 1, 3, 4; sat 5 4 2 -> mean 11 / 3, median 4
    const s = summarise(sample, responses, { gender: 'female' });
    expect(s).toMatchObject({ total: 4, count: 3 });
    expect(byId(s, 'sat').mean).toBeCloseTo(11 / 3, 12);
    expect(byId(s, 'sat').median).toBe(4);
  });

  it('combines filters with and, and accepts a list of values', () => {
    // female and AF: responses 1 and 3; before 1, 2 -> mean 1.5, median 1.5
    const s = summarise(sample, responses, { gender: 'female', country: 'AF' });
    expect(s.count).toBe(2);
    expect(byId(s, 'self').before).toMatchObject({ mean: 1.5, median: 1.5 });
    expect(summarise(sample, responses, { country: ['PK', 'TR'] }).count).toBe(2);
  });

  it('matches nothing on a profile question the survey does not ask', () => {
    expect(summarise(sample, responses, { role: 'trainer' }).count).toBe(0);
  });

  it('gives n 0 and null statistics when nothing matches', () => {
    const s = summarise(sample, responses, { country: 'DE' });
    expect(byId(s, 'sat')).toMatchObject({ n: 0, mean: null, median: null });
    expect(byId(s, 'sat').options!.every((o) => o.percent === 0)).toBe(true);
  });
});
