import { describe, expect, it } from 'vitest';
import { defaultFramework } from './default-framework.js';
import { goalCount, goalLabel, goalTag, orderedGoals } from './labels.js';

describe('goal labels', () => {
  const fw = defaultFramework();
  const goal = (n: number) => fw.priorityGoals.find((g) => g.number === n)!;

  it('names the cross-cutting group by its action points, never "Priority goal 7"', () => {
    expect(goalLabel(goal(7), fw.actionPoints)).toBe('Cross-cutting (7.1–7.11)');
    expect(goalTag(goal(7))).toBe('Cross-cutting');
    expect(goalLabel(goal(1), fw.actionPoints)).toBe(`PG1 ${goal(1).shortTitle}`);
  });

  it('counts six priority goals and a cross-cutting group, as the strategic document does', () => {
    expect(goalCount(fw.priorityGoals, fw.actionPoints)).toBe(
      'six priority goals and a cross-cutting group (7.1–7.11)',
    );
  });

  it('leaves retired goals out of the count and follows an administrator order', () => {
    const goals = [
      ...fw.priorityGoals,
      { number: 8, code: 'PG8', title: 'Labour migration', shortTitle: null, crossCutting: false },
    ];
    expect(goalCount(goals, fw.actionPoints)).toMatch(/^seven priority goals/);
    expect(goalCount(goals.map((g) => (g.number === 2 ? { ...g, retired: true } : g)))).toMatch(
      /^six priority goals/,
    );
    const reordered = goals.map((g) => (g.number === 8 ? { ...g, order: 0 } : g));
    expect(orderedGoals(reordered).map((g) => g.number)).toEqual([8, 1, 2, 3, 4, 5, 6, 7]);
  });
});
