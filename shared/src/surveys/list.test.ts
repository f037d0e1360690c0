import { describe, expect, it } from 'vitest';
import { filterSurveys, type SurveyListRow, sortSurveys } from './list.js';

const row = (id: string, over: Partial<SurveyListRow> & { a?: Partial<SurveyListRow['activity']> } = {}) => {
  const { a, ...rest } = over;
  return {
    id,
    code: id,
    kind: 'post_event',
    title: `Feedback ${id}`,
    opensAt: '2025-01-01T00:00:00Z',
    closesAt: '2025-02-01T00:00:00Z',
    activity: {
      id: `act-${id}`,
      title: `Training ${id}`,
      startsAt: '2025-01-01T09:00:00Z',
      priorityGoals: [],
      actionPointCodes: [],
      projectId: null,
      place: null,
      archived: false,
      ...a,
    },
    ...rest,
    archived: rest.archived ?? false,
  } satisfies SurveyListRow;
};

const list = [
  row('a', {
    a: { priorityGoals: [2], startsAt: '2024-05-01T09:00:00Z', place: { city: 'Kabul', country: 'AF' } },
  }),
  row('b', {
    kind: 'pre_test',
    closesAt: '2025-01-10T00:00:00Z',
    a: { actionPointCodes: ['3.1'], projectId: 'ibm' },
  }),
  row('c', { title: 'Alpha follow-up', a: { title: 'Border workshop' } }),
];

describe('the survey list', () => {
  it('filters by goal, action point, project, country, year, kind and words', () => {
    expect(filterSurveys(list, { goal: 2 }).map((s) => s.id)).toEqual(['a']);
    expect(filterSurveys(list, { goal: 3 }).map((s) => s.id)).toEqual(['b']);
    expect(filterSurveys(list, { actionPoint: '3.1' }).map((s) => s.id)).toEqual(['b']);
    expect(filterSurveys(list, { projectId: 'ibm' }).map((s) => s.id)).toEqual(['b']);
    expect(filterSurveys(list, { country: 'AF' }).map((s) => s.id)).toEqual(['a']);
    expect(filterSurveys(list, { year: '2024' }).map((s) => s.id)).toEqual(['a']);
    expect(filterSurveys(list, { kind: 'pre_test' }).map((s) => s.id)).toEqual(['b']);
    expect(filterSurveys(list, { q: 'border' }).map((s) => s.id)).toEqual(['c']);
    expect(filterSurveys(list, {})).toHaveLength(3);
  });

  it('sorts by activity date, title and closing time', () => {
    expect(sortSurveys(list, 'oldest')[0]?.id).toBe('a');
    expect(sortSurveys(list, 'title')[0]?.id).toBe('c');
    expect(sortSurveys(list, 'closing')[0]?.id).toBe('b');
  });
});
