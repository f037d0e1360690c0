import { describe, expect, it } from 'vitest';
import { lessonsOfPeriod, matchesLesson } from './rules.js';
import type { Lesson } from './schema.js';

const lesson = (over: Partial<Lesson> = {}): Lesson => ({
  id: 'l1',
  kind: 'practice',
  title: 'Mobile training units',
  text: 'Trainers travelled to remote border crossing points.',
  date: '2023-04-02',
  activityIds: ['a1'],
  actionPointCodes: ['2.3'],
  priorityGoals: [2],
  indicators: [],
  quotes: [{ surveyId: 's1', questionId: 'q1', text: 'Élan nouveau à la frontière' }],
  frameworkId: 'fw',
  version: 1,
  createdAt: '',
  createdBy: '',
  updatedAt: '',
  updatedBy: '',
  ...over,
});

describe('lessons log filters', () => {
  it('holds every given filter', () => {
    const l = lesson();
    expect(matchesLesson(l, {})).toBe(true);
    expect(
      matchesLesson(l, { goal: 2, actionPoint: '2.3', activityId: 'a1', kind: 'practice', year: 2023 }),
    ).toBe(true);
    expect(matchesLesson(l, { goal: 3 })).toBe(false);
    expect(matchesLesson(l, { actionPoint: '2.4' })).toBe(false);
    expect(matchesLesson(l, { activityId: 'a2' })).toBe(false);
    expect(matchesLesson(l, { kind: 'lesson' })).toBe(false);
    expect(matchesLesson(l, { year: 2022 })).toBe(false);
  });

  it('finds every word in the title, text or quotes, ignoring case and accents', () => {
    const l = lesson();
    expect(matchesLesson(l, { q: 'REMOTE border' })).toBe(true);
    expect(matchesLesson(l, { q: 'elan frontiere' })).toBe(true);
    expect(matchesLesson(l, { q: 'remote airport' })).toBe(false);
  });

  it('keeps the lessons dated within a period, oldest first', () => {
    const list = [
      lesson({ id: 'b', date: '2023-12-31' }),
      lesson({ id: 'a', date: '2023-01-01' }),
      lesson({ id: 'c', date: '2024-01-01' }),
    ];
    expect(lessonsOfPeriod(list, { from: '2023-01-01', to: '2023-12-31' }).map((l) => l.id)).toEqual([
      'a',
      'b',
    ]);
  });
});
