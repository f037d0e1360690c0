import { describe, expect, it } from 'vitest';
import { filterActivities, filterChoices, sortActivities } from './list.js';

const base = {
  priorityGoals: [] as number[],
  actionPointCodes: [] as string[],
  projectId: null as string | null,
  place: null as { city: string; country: string } | null,
  attendeeCount: 0,
  attendance: null as {
    participants: number;
    countries: number;
    organisations: number;
    women: number;
  } | null,
};
const list = [
  {
    ...base,
    title: 'Border workshop',
    startsAt: '2023-05-01T09:00:00Z',
    actionPointCodes: ['2.3'],
    place: { city: 'Erbil', country: 'IQ' },
    attendeeCount: 12,
  },
  {
    ...base,
    title: 'annual meeting',
    startsAt: '2024-02-01T09:00:00Z',
    priorityGoals: [7],
    projectId: 'p1',
    attendance: { participants: 40, countries: 9, organisations: 20, women: 15 },
  },
  {
    ...base,
    title: 'Camp visit',
    startsAt: '2022-09-01T09:00:00Z',
    priorityGoals: [2],
    place: { city: 'Sofia', country: 'BG' },
  },
];

describe('activity list filters and sorting', () => {
  it('finds activities of a goal through the goal or one of its action points', () => {
    expect(filterActivities(list, { goal: 2 }).map((a) => a.title)).toEqual([
      'Border workshop',
      'Camp visit',
    ]);
    expect(filterActivities(list, { goal: 7 }).map((a) => a.title)).toEqual(['annual meeting']);
  });

  it('combines action point, project and country filters', () => {
    expect(filterActivities(list, { actionPoint: '2.3', country: 'IQ' })).toHaveLength(1);
    expect(filterActivities(list, { actionPoint: '2.3', country: 'BG' })).toHaveLength(0);
    expect(filterActivities(list, { projectId: 'p1' }).map((a) => a.title)).toEqual(['annual meeting']);
    expect(filterActivities(list, {})).toHaveLength(3);
  });

  it('sorts by date either way, by title ignoring case, and by participants (list, else reported)', () => {
    expect(sortActivities(list, 'newest').map((a) => a.title)).toEqual([
      'annual meeting',
      'Border workshop',
      'Camp visit',
    ]);
    expect(sortActivities(list, 'oldest').map((a) => a.title)).toEqual([
      'Camp visit',
      'Border workshop',
      'annual meeting',
    ]);
    expect(sortActivities(list, 'title').map((a) => a.title)).toEqual([
      'annual meeting',
      'Border workshop',
      'Camp visit',
    ]);
    expect(sortActivities(list, 'participants').map((a) => a.title)).toEqual([
      'annual meeting',
      'Border workshop',
      'Camp visit',
    ]);
  });

  it('offers the goals, action points and countries that occur', () => {
    expect(filterChoices(list)).toEqual({ goals: [2, 7], actionPoints: ['2.3'], countries: ['BG', 'IQ'] });
  });
});
