import { type ActivityListFilters, filterActivities } from '../activities/list.js';
import type { SurveyListRow } from './list-schema.js';

/**
 * The list of surveys across activities: each survey with the activity facts it is found by (goal,
 * action point, project, country, year), filtered and sorted on the page like the activity list.
 * Pure.
 */
export type { SurveyListRow };

export interface SurveyListFilters extends ActivityListFilters {
  /** Words of the survey's or the activity's title. */
  q?: string;
  kind?: string | null;
  /** Year the activity started. */
  year?: string | null;
}

export const SURVEY_SORTS = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  title: 'Title (A to Z)',
  closing: 'Closing soonest',
} as const;
export type SurveySort = keyof typeof SURVEY_SORTS;

/** The surveys that pass every filter given (an empty filter passes all). */
export function filterSurveys(list: readonly SurveyListRow[], f: SurveyListFilters): SurveyListRow[] {
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const activityOk = new Set(
    filterActivities(
      list.map((s) => ({ ...s.activity, attendeeCount: 0, attendance: null })),
      f,
    ).map((a) => a.id),
  );
  return list.filter(
    (s) =>
      activityOk.has(s.activity.id) &&
      (!f.kind || s.kind === f.kind) &&
      (!f.year || s.activity.startsAt.startsWith(f.year)) &&
      words.every((w) => `${s.title} ${s.activity.title}`.toLowerCase().includes(w)),
  );
}

/** A sorted copy; ties keep the newest activity first. */
export function sortSurveys(list: readonly SurveyListRow[], sort: SurveySort): SurveyListRow[] {
  const newest = (a: SurveyListRow, b: SurveyListRow) =>
    a.activity.startsAt < b.activity.startsAt ? 1 : a.activity.startsAt > b.activity.startsAt ? -1 : 0;
  const by: Record<SurveySort, (a: SurveyListRow, b: SurveyListRow) => number> = {
    newest,
    oldest: (a, b) => -newest(a, b),
    title: (a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) || newest(a, b),
    closing: (a, b) => (a.closesAt < b.closesAt ? -1 : a.closesAt > b.closesAt ? 1 : newest(a, b)),
  };
  return [...list].sort(by[sort]);
}
