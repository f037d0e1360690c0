import type { ActionPoint, PriorityGoal } from './schema.js';

/*
 * How goals are named and counted on every page. The strategic document speaks of "six priority
 * goals" and lists a seventh row, "Cross-cutting", whose action points are 7.1-7.11: it is a
 * cross-cutting group of action points, not a seventh priority goal. So a goal marked
 * `crossCutting` is shown as "Cross-cutting (7.1–7.11)" and never counted among the priority goals.
 */

type GoalLike = Pick<PriorityGoal, 'number' | 'code' | 'title' | 'shortTitle' | 'crossCutting'> &
  Partial<Pick<PriorityGoal, 'order' | 'retired'>>;

/** "7.1–7.11": the first and last action point codes of a goal, or "" when it has none. */
export function codeRange(goal: number, actionPoints: readonly Pick<ActionPoint, 'code' | 'goal'>[]): string {
  const codes = actionPoints
    .filter((a) => a.goal === goal)
    .map((a) => a.code)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (codes.length === 0) return '';
  return codes.length === 1 ? codes[0]! : `${codes[0]}–${codes[codes.length - 1]}`;
}

/**
 * A goal as lists show it: "PG1 Migration and Mobility", or for the cross-cutting group
 * "Cross-cutting (7.1–7.11)".
 */
export function goalLabel(
  goal: GoalLike,
  actionPoints: readonly Pick<ActionPoint, 'code' | 'goal'>[] = [],
): string {
  if (goal.crossCutting) {
    const range = codeRange(goal.number, actionPoints);
    return range ? `Cross-cutting (${range})` : 'Cross-cutting';
  }
  return `${goal.code} ${goal.shortTitle ?? goal.title}`;
}

/** A short tag for tables and badges: "PG1" or "Cross-cutting". */
export function goalTag(goal: GoalLike): string {
  return goal.crossCutting ? 'Cross-cutting' : goal.code;
}

const WORDS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/** "six priority goals and a cross-cutting group (7.1–7.11)"; retired goals are not counted. */
export function goalCount(
  goals: readonly GoalLike[],
  actionPoints: readonly Pick<ActionPoint, 'code' | 'goal'>[] = [],
): string {
  const live = goals.filter((g) => !g.retired);
  const priority = live.filter((g) => !g.crossCutting).length;
  const groups = live.filter((g) => g.crossCutting);
  const n = WORDS[priority] ?? String(priority);
  const head = `${n} priority goal${priority === 1 ? '' : 's'}`;
  if (groups.length === 0) return head;
  const ranges = groups.map((g) => codeRange(g.number, actionPoints)).filter(Boolean);
  const tail = ranges.length ? ` (${ranges.join(', ')})` : '';
  return `${head} and ${groups.length === 1 ? 'a cross-cutting group' : `${groups.length} cross-cutting groups`}${tail}`;
}

/** Goals in the order an administrator set (`order`), else by number. */
export function orderedGoals<G extends GoalLike>(goals: readonly G[]): G[] {
  return [...goals].sort((a, b) => (a.order ?? a.number) - (b.order ?? b.number) || a.number - b.number);
}
