import { describe, expect, it } from 'vitest';
import { frameworkOfDate, periodLabel, periodYears } from './periods.js';

const v1 = {
  id: 'cfa-v1',
  periodStart: '2019-01-01',
  periodEnd: '2024-12-31',
  status: 'archived',
  version: 1,
};
const v2 = {
  id: 'cfa-v2',
  periodStart: '2019-01-01',
  periodEnd: '2024-12-31',
  status: 'archived',
  version: 2,
};
const next = {
  id: 'plan-2025',
  periodStart: '2025-01-01',
  periodEnd: '2029-12-31',
  status: 'active',
  version: 1,
};
const draft = {
  id: 'plan-2030',
  periodStart: '2030-01-01',
  periodEnd: '2034-12-31',
  status: 'draft',
  version: 1,
};

describe('frameworkOfDate', () => {
  it('places a date in the version whose period holds it', () => {
    expect(frameworkOfDate([v1, next], '2026-11-12')?.id).toBe('plan-2025');
    expect(frameworkOfDate([v1, next], '2022-05-19T07:00:00.000Z')?.id).toBe('cfa-v1');
    expect(frameworkOfDate([v1, next], '2024-12-31')?.id).toBe('cfa-v1');
    expect(frameworkOfDate([v1, next], '2025-01-01')?.id).toBe('plan-2025');
  });
  it('prefers the highest revision among versions of one period, and a draft only when alone', () => {
    expect(frameworkOfDate([v1, v2], '2020-03-01')?.id).toBe('cfa-v2');
    expect(frameworkOfDate([v1, { ...v2, status: 'draft' }], '2020-03-01')?.id).toBe('cfa-v1');
    expect(frameworkOfDate([v1, draft], '2031-01-01')?.id).toBe('plan-2030');
  });
  it('answers null outside every period', () => {
    expect(frameworkOfDate([v1, next], '2018-12-31')).toBeNull();
    expect(frameworkOfDate([], '2020-01-01')).toBeNull();
  });
});

describe('periodYears and periodLabel', () => {
  it('lists the years of a period and names it', () => {
    expect(periodYears(next)).toEqual([2025, 2026, 2027, 2028, 2029]);
    expect(periodLabel(v1)).toBe('2019–2024');
    expect(periodLabel({ periodStart: '2025-01-01', periodEnd: '2025-12-31' })).toBe('2025');
  });
});
