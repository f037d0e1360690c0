import type { IndicatorRecord } from './schema.js';

/**
 * Narrowing and ordering the indicator list on the page, as the activity list does
 * (shared/src/activities/list.ts): the API filters by framework, goal and status; these are the
 * words, action point and project filters and the orderings an evaluator combines on top. Pure.
 */
export interface IndicatorListFilters {
  /** Words of the code or name (every word must appear). */
  q?: string;
  /** An action point code, e.g. `2.3`. */
  actionPoint?: string | null;
  /** Indicators whose activities are limited to this project. */
  projectId?: string | null;
}

export const INDICATOR_SORTS = {
  code: 'Code',
  name: 'Name (A to Z)',
  updated: 'Recently changed',
  missing: 'Most to fix (S.M.A.R.T.)',
} as const;
export type IndicatorSort = keyof typeof INDICATOR_SORTS;

type Listed = Pick<IndicatorRecord, 'code' | 'name' | 'actionPointCodes' | 'filters' | 'updatedAt'> & {
  missing?: readonly string[];
};

/** The indicators that pass every filter given (an empty filter passes all). */
export function filterIndicators<T extends Listed>(list: readonly T[], f: IndicatorListFilters): T[] {
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter(
    (r) =>
      words.every((w) => `${r.code} ${r.name}`.toLowerCase().includes(w)) &&
      (!f.actionPoint || r.actionPointCodes.includes(f.actionPoint)) &&
      (!f.projectId || r.filters.projectIds.includes(f.projectId)),
  );
}

const byCode = (a: Listed, b: Listed) => a.code.localeCompare(b.code, 'en', { numeric: true });

/** A sorted copy; ties are by code. */
export function sortIndicators<T extends Listed>(list: readonly T[], sort: IndicatorSort): T[] {
  const by: Record<IndicatorSort, (a: T, b: T) => number> = {
    code: byCode,
    name: (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || byCode(a, b),
    updated: (a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : byCode(a, b)),
    missing: (a, b) => (b.missing?.length ?? 0) - (a.missing?.length ?? 0) || byCode(a, b),
  };
  return [...list].sort(by[sort]);
}
