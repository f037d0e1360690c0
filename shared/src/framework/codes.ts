import * as z from 'zod/mini';

/*
 * The results framework's codes and scalar fields (dates, countries, goal numbers, action point
 * codes, pillars, activity types): what other schemas refer to without needing the framework's
 * own shapes (./schema.ts re-exports them). A module of its own so that loading, say, an
 * activity's schema does not build every framework schema (the staff API's cold start).
 */

/** ISO 8601 calendar date, e.g. "2019-01-01". */
export const IsoDate = z.iso.date();
export type IsoDate = z.infer<typeof IsoDate>;

/** ISO 3166-1 alpha-2 country code, e.g. "PK". Upper case so codes compare by equality. */
export const CountryCode = z.string().check(z.regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'));
export type CountryCode = z.infer<typeof CountryCode>;

/** A calendar year; bounded so that a typo such as 20211 fails loudly. */
export const Year = z.int().check(z.gte(1990), z.lte(2100));
export type Year = z.infer<typeof Year>;

/**
 * Priority goal number: in the default plan 1-6 are the Istanbul Declaration goals and 7 the
 * cross-cutting group; a later plan may add goals (up to 20).
 */
export const GoalNumber = z.int().check(z.gte(1), z.lte(20));
export type GoalNumber = z.infer<typeof GoalNumber>;

/** Action point code "<goal>.<n>", e.g. "1.1" or "7.11". */
export const ActionPointCode = z
  .string()
  .check(z.maxLength(5), z.regex(/^[1-9]\d?\.[1-9]\d?$/, 'expected a code like "1.1"'));
export type ActionPointCode = z.infer<typeof ActionPointCode>;

/** URL-safe identifier used for projects, frameworks and activities. */
export const Slug = z
  .string()
  .check(z.maxLength(80), z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug'));
export type Slug = z.infer<typeof Slug>;

export const PillarId = z.enum(['dialogue', 'operational_cooperation', 'research_knowledge']);
export type PillarId = z.infer<typeof PillarId>;

export const ActivityType = z.enum([
  'training',
  'thematic_meeting',
  'working_group_meeting',
  'expert_meeting',
  'workshop',
  'study_visit',
  'other',
]);
export type ActivityType = z.infer<typeof ActivityType>;

export const ActivityFormat = z.enum(['in_person', 'online', 'hybrid']);
export type ActivityFormat = z.infer<typeof ActivityFormat>;
