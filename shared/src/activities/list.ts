import type { Activity } from './schema.js';

/**
 * Narrowing and ordering the activity list on the page (the API filters by period, type and words;
 * these are the framework and place filters an evaluator combines on top). Pure.
 */
export interface ActivityListFilters {
  /** A priority goal: activities linked to it, or to one of its action points (`2` → `2.3`). */
  goal?: number | null;
  /** An action point code, e.g. `2.3`. */
  actionPoint?: string | null;
  projectId?: string | null;
  /** Where the activity was held (ISO 3166 alpha-2). */
  country?: string | null;
}

export const ACTIVITY_SORTS = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title (A to Z)',
  participants: 'Most participants',
} as const;
export type ActivitySort = keyof typeof ACTIVITY_SORTS;

type Listed = Pick<
  Activity,
  | 'title'
  | 'startsAt'
  | 'priorityGoals'
  | 'actionPointCodes'
  | 'projectId'
  | 'place'
  | 'attendeeCount'
  | 'attendance'
>;

/** Participants of an activity: its attendance list when it has one, else the reported number. */
export const participantsOf = (a: Pick<Activity, 'attendeeCount' | 'attendance'>): number | null =>
  a.attendeeCount > 0 ? a.attendeeCount : (a.attendance?.participants ?? null);

/** The activities that pass every filter given (an empty filter passes all). */
export function filterActivities<T extends Listed>(list: readonly T[], f: ActivityListFilters): T[] {
  return list.filter(
    (a) =>
      (!f.goal ||
        a.priorityGoals.includes(f.goal) ||
        a.actionPointCodes.some((c) => c.split('.')[0] === String(f.goal))) &&
      (!f.actionPoint || a.actionPointCodes.includes(f.actionPoint)) &&
      (!f.projectId || a.projectId === f.projectId) &&
      (!f.country || a.place?.country === f.country),
  );
}

/** A sorted copy; ties keep the newest first. */
export function sortActivities<T extends Listed>(list: readonly T[], sort: ActivitySort): T[] {
  const newest = (a: T, b: T) => (a.startsAt < b.startsAt ? 1 : a.startsAt > b.startsAt ? -1 : 0);
  const by: Record<ActivitySort, (a: T, b: T) => number> = {
    newest,
    oldest: (a, b) => -newest(a, b),
    title: (a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || newest(a, b),
    participants: (a, b) => (participantsOf(b) ?? -1) - (participantsOf(a) ?? -1) || newest(a, b),
  };
  return [...list].sort(by[sort]);
}

/** The distinct values the filters can offer for a list (sorted). */
export function filterChoices(list: readonly Listed[]): {
  goals: number[];
  actionPoints: string[];
  countries: string[];
} {
  const goals = new Set<number>();
  const points = new Set<string>();
  const countries = new Set<string>();
  for (const a of list) {
    for (const g of a.priorityGoals) goals.add(g);
    for (const c of a.actionPointCodes) {
      points.add(c);
      goals.add(Number(c.split('.')[0]));
    }
    if (a.place?.country) countries.add(a.place.country);
  }
  const byCode = (x: string, y: string) => {
    const [a1, a2] = x.split('.').map(Number);
    const [b1, b2] = y.split('.').map(Number);
    return (a1 ?? 0) - (b1 ?? 0) || (a2 ?? 0) - (b2 ?? 0);
  };
  return {
    goals: [...goals].filter((g) => Number.isInteger(g) && g > 0).sort((a, b) => a - b),
    actionPoints: [...points].sort(byCode),
    countries: [...countries].sort(),
  };
}
