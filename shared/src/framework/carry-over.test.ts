import { describe, expect, it } from 'vitest';
import { IndicatorRecord } from '../indicators/schema.js';
import { CarryRequest, carriedDefinition, carryChanges } from './carry-over.js';
import { defaultFramework } from './default-framework.js';

const from = defaultFramework();
const next = (() => {
  const f = structuredClone(from);
  f.id = 'plan-2025-2029-v1';
  f.name = 'Plan 2025-2029';
  f.periodStart = '2025-01-01';
  f.periodEnd = '2029-12-31';
  f.priorityGoals = f.priorityGoals.map((g) =>
    g.number === 1 ? { ...g, title: 'Renamed goal' } : g.number === 3 ? { ...g, retired: true } : g,
  );
  f.actionPoints = f.actionPoints
    .filter((a) => a.code !== '1.3')
    .map((a) => (a.code === '1.2' ? { ...a, retired: true } : a));
  f.resultStatements = f.resultStatements.filter((r) => r.priorityGoal !== 1);
  return f;
})();

const indicator = IndicatorRecord.parse({
  id: 'ind-1',
  version: 3,
  revision: 5,
  createdAt: '2020-01-01T00:00:00Z',
  createdBy: 'a',
  updatedAt: '2020-01-01T00:00:00Z',
  updatedBy: 'a',
  status: 'active',
  code: 'PG1-OC-01',
  name: 'Trained officials',
  frameworkId: from.id,
  priorityGoal: 1,
  resultId: from.resultStatements.find((r) => r.priorityGoal === 1)!.id,
  actionPointCodes: ['1.1', '1.2', '1.3'],
  targets: [
    { period: '2024', date: '2024-12-31', value: 10 },
    { period: '2027', date: '2027-12-31', value: 20 },
  ],
});

describe('carry-over', () => {
  it('lists every change: goal renamed, action points retired and dropped, result gone, targets outside', () => {
    expect(carryChanges(indicator, from, next).map((c) => c.kind)).toEqual([
      'goal-renamed',
      'action-point-retired',
      'action-point-missing',
      'result-missing',
      'targets-outside-period',
    ]);
    expect(
      carryChanges(
        { ...indicator, priorityGoal: 3, actionPointCodes: [], resultId: null, targets: [] },
        from,
        next,
      ),
    ).toEqual([{ kind: 'goal-retired', message: expect.stringContaining('PG3') }]);
  });

  it('names the cross-cutting group as the document does', () => {
    const gone = { ...next, priorityGoals: next.priorityGoals.filter((g) => g.number !== 7) };
    const [change] = carryChanges(
      { ...indicator, priorityGoal: 7, actionPointCodes: [], resultId: null, targets: [] },
      from,
      gone,
    );
    expect(change?.message).toContain('Cross-cutting (7.1–7.11)');
    expect(change?.message).not.toContain('Priority goal 7');
  });

  it('copies the definition into the new framework, keeping only what still exists there', () => {
    const copy = carriedDefinition(indicator, next);
    expect(copy).toMatchObject({
      frameworkId: next.id,
      code: 'PG1-OC-01',
      priorityGoal: 1,
      actionPointCodes: ['1.1'],
      resultId: null,
      targets: [{ period: '2027', date: '2027-12-31', value: 20, cumulative: false }],
    });
    expect(copy).not.toHaveProperty('id');
    expect(copy).not.toHaveProperty('status');
    const given = [{ period: '2029', date: '2029-12-31', value: 30, cumulative: true }];
    expect(carriedDefinition(indicator, next, given).targets).toEqual(given);
    // The original is not modified.
    expect(indicator.actionPointCodes).toEqual(['1.1', '1.2', '1.3']);
  });

  it('refuses a request that names an indicator twice', () => {
    const r = CarryRequest.safeParse({ from: 'x', items: [{ indicatorId: 'a' }, { indicatorId: 'a' }] });
    expect(r.success).toBe(false);
  });
});
