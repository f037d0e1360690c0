import { describe, expect, it } from 'vitest';
import { filterIndicators, sortIndicators } from './list.js';

const row = (code: string, name: string, over: Record<string, unknown> = {}) => ({
  code,
  name,
  actionPointCodes: [] as string[],
  filters: { activityTypes: [], pillars: [], projectIds: [] as string[] },
  updatedAt: '2026-01-01T00:00:00Z',
  missing: [] as string[],
  ...over,
});

const list = [
  row('PG1-OC-10', 'Officers trained', { actionPointCodes: ['1.3'], updatedAt: '2026-03-01T00:00:00Z' }),
  row('PG1-OC-2', 'Satisfaction of participants', {
    filters: { activityTypes: [], pillars: [], projectIds: ['ibm'] },
  }),
  row('PG2-PD-01', 'Return counselling sessions', { actionPointCodes: ['2.3'], missing: ['M', 'T'] }),
];

describe('the indicator list', () => {
  it('filters by words of the code or name, action point and project', () => {
    expect(filterIndicators(list, { q: 'pg1 train' }).map((r) => r.code)).toEqual(['PG1-OC-10']);
    expect(filterIndicators(list, { actionPoint: '2.3' }).map((r) => r.code)).toEqual(['PG2-PD-01']);
    expect(filterIndicators(list, { projectId: 'ibm' }).map((r) => r.code)).toEqual(['PG1-OC-2']);
    expect(filterIndicators(list, {})).toHaveLength(3);
  });

  it('sorts by code (numbers in order), name, last change and what is missing', () => {
    expect(sortIndicators(list, 'code').map((r) => r.code)).toEqual(['PG1-OC-2', 'PG1-OC-10', 'PG2-PD-01']);
    expect(sortIndicators(list, 'name').map((r) => r.code)).toEqual(['PG1-OC-10', 'PG2-PD-01', 'PG1-OC-2']);
    expect(sortIndicators(list, 'updated')[0]?.code).toBe('PG1-OC-10');
    expect(sortIndicators(list, 'missing')[0]?.code).toBe('PG2-PD-01');
  });
});
