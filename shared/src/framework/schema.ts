import * as z from 'zod/mini';
import {
  MAX_KEY_TEXT,
  MAX_NAME,
  MAX_NUMBER,
  MAX_TEXT,
  storableNumber,
  UNSTORABLE_NUMBER,
} from '../lib/bounds.js';
import {
  ActionPointCode,
  ActivityFormat,
  ActivityType,
  CountryCode,
  GoalNumber,
  IsoDate,
  PillarId,
  Slug,
  Year,
} from './codes.js';

/*
 * The results framework of a migration dialogue: one versioned action plan with its priority
 * goals, action points, pillars, project map and result statements. Pure data shapes; the
 * default content (Budapest Process "Call for Action" 2019-2024) lives in default-framework.ts.
 */

export const FrameworkStatus = z.enum(['draft', 'active', 'archived']);
export type FrameworkStatus = z.infer<typeof FrameworkStatus>;

export const PriorityGoal = z.object({
  number: GoalNumber,
  /** "PG1" ... "PG7"; the seed refers to goals as "PG 5" / "PG4". */
  code: z.string().check(z.regex(/^PG[1-9]\d?$/)),
  /** Full title as written in the Implementation Plan table. */
  title: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  /** Short label for charts, from the six priorities listed in seed 002; null where none. */
  shortTitle: z.nullable(z.string().check(z.minLength(1), z.maxLength(MAX_NAME))),
  crossCutting: z.boolean(),
  /** Place in lists when an administrator reordered the goals; by number otherwise. */
  order: z.optional(z.int().check(z.gte(0), z.lte(1000))),
  /** A goal dropped from a later plan: kept (so past activities still name it) but not offered. */
  retired: z.optional(z.boolean()),
});
export type PriorityGoal = z.infer<typeof PriorityGoal>;

/*
 * Timeline is a discriminated value so that aggregation can place an action point in a year
 * without re-parsing text, while `text` keeps the seed's wording for display and audit.
 */
export const Timeline = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('year'),
    year: Year,
    text: z.string().check(z.minLength(1), z.maxLength(MAX_NAME)),
  }),
  z
    .object({
      kind: z.literal('range'),
      from: Year,
      to: Year,
      text: z.string().check(z.minLength(1), z.maxLength(MAX_NAME)),
    })
    .check(z.refine((t) => t.from <= t.to, { message: 'range must not end before it starts' })),
  z.object({ kind: z.literal('ongoing'), text: z.string().check(z.minLength(1), z.maxLength(MAX_NAME)) }),
]);
export type Timeline = z.infer<typeof Timeline>;

export const ActionPoint = z
  .object({
    code: ActionPointCode,
    goal: GoalNumber,
    /** The action text from the Implementation Plan table. */
    title: z.string().check(z.minLength(1)),
    timeline: Timeline,
    /** Regional working group(s) named in the Comments column, e.g. "SEE RWG"; null if none. */
    workingGroup: z.nullable(z.string().check(z.minLength(1))),
    /** Other priority goals referenced in the Comments column ("Link with PG 5"). */
    linkedGoals: z.array(GoalNumber),
    /** Projects referenced in the Comments column ("Follow-up to both EU Silk Routes projects"). */
    linkedProjects: z.array(Slug),
    /** The Comments column verbatim, kept because it mixes working group, links and notes. */
    comments: z.nullable(z.string().check(z.minLength(1))),
    /** The pillar the action point mainly serves, where an administrator set one. */
    pillar: z.optional(z.nullable(z.enum(['dialogue', 'operational_cooperation', 'research_knowledge']))),
    /** An action point dropped from a later plan: kept for history, not offered for new work. */
    retired: z.optional(z.boolean()),
  })
  .check(
    z.refine((a) => a.code.startsWith(`${a.goal}.`), {
      message: 'the code must start with its goal number',
      path: ['code'],
    }),
  );
export type ActionPoint = z.infer<typeof ActionPoint>;

export const Pillar = z.object({
  id: PillarId,
  name: z.string().check(z.minLength(1), z.maxLength(MAX_NAME)),
  /** Description from the strategic document; paragraphs separated by a blank line. */
  description: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
});
export type Pillar = z.infer<typeof Pillar>;

export const Money = z.object({
  amount: z.number().check(z.positive(), z.lte(MAX_NUMBER), z.refine(storableNumber, UNSTORABLE_NUMBER)),
  /** ISO 4217 code. */
  currency: z.string().check(z.regex(/^[A-Z]{3}$/)),
  /** True where the source gives the figure with "~" or "approximately". */
  approximate: z._default(z.boolean(), false),
});
export type Money = z.infer<typeof Money>;

export const Project = z
  .object({
    id: Slug,
    name: z.string().check(z.minLength(1), z.maxLength(MAX_KEY_TEXT)),
    funders: z.array(z.string().check(z.minLength(1), z.maxLength(MAX_NAME))).check(z.maxLength(50)),
    budget: z.optional(Money),
    /** Years as stated by the source; null where the source states no period. */
    periodStart: z.nullable(Year),
    periodEnd: z.nullable(Year),
    countries: z.array(CountryCode).check(z.maxLength(250)),
    /** Null where no seed names the implementer; never guessed. */
    implementingOrganisation: z.nullable(z.string().check(z.minLength(1), z.maxLength(MAX_NAME))),
    /** A project funded through another project's facility or component. */
    parentProjectId: z.optional(Slug),
    linkedGoals: z.array(GoalNumber).check(z.maxLength(7)),
    linkedActionPoints: z.array(ActionPointCode).check(z.maxLength(100)),
    /** Which seed states the facts, and any discrepancy between seeds. */
    source: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  })
  .check(
    z.refine((p) => p.periodStart === null || p.periodEnd === null || p.periodStart <= p.periodEnd, {
      message: 'a project cannot end before it starts',
      path: ['periodEnd'],
    }),
  );
export type Project = z.infer<typeof Project>;

export const ResultLevel = z.enum(['output', 'outcome', 'impact']);
export type ResultLevel = z.infer<typeof ResultLevel>;

/*
 * Result statements are starting points for administrators, not commitments of the dialogue:
 * the seed defines no outputs/outcomes per goal, so every default is flagged editable and
 * says where its text comes from.
 */
export const ResultStatement = z.object({
  id: Slug,
  priorityGoal: GoalNumber,
  level: ResultLevel,
  text: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
  editableDefault: z.boolean(),
  source: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
});
export type ResultStatement = z.infer<typeof ResultStatement>;

/**
 * A region for filters and breakdowns: a named group of countries. Within a framework a country
 * belongs to at most one region, so breakdown cells by region never count a respondent twice.
 */
export const Region = z.object({
  id: Slug,
  name: z.string().check(z.minLength(1), z.maxLength(MAX_NAME)),
  countries: z.array(CountryCode).check(z.minLength(1), z.maxLength(250)),
  /** Where the grouping comes from; defaults say what an administrator should check. */
  source: z.string().check(z.minLength(1), z.maxLength(MAX_TEXT)),
});
export type Region = z.infer<typeof Region>;

/** Issues of a region list: repeated ids, a country in two regions. */
export function regionIssues(regions: readonly Region[]): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const ids = new Set<string>();
  const owner = new Map<string, string>();
  regions.forEach((r, i) => {
    if (ids.has(r.id)) issues.push({ path: [i, 'id'], message: `two regions have the id "${r.id}"` });
    ids.add(r.id);
    r.countries.forEach((c, j) => {
      const other = owner.get(c);
      if (other !== undefined && other !== r.id)
        issues.push({ path: [i, 'countries', j], message: `${c} is already in the region "${other}"` });
      owner.set(c, r.id);
    });
  });
  return issues;
}

export const Framework = z
  .object({
    id: Slug,
    name: z.string().check(z.minLength(1)),
    periodStart: IsoDate,
    periodEnd: IsoDate,
    status: FrameworkStatus,
    version: z.int().check(z.gte(1)),
    /** Id of the revision this one was derived from. */
    basedOn: z.optional(Slug),
    priorityGoals: z.array(PriorityGoal),
    actionPoints: z.array(ActionPoint),
    pillars: z.array(Pillar),
    projects: z.array(Project),
    resultStatements: z.array(ResultStatement),
    regions: z._default(z.array(Region), []),
  })
  .check(
    z.refine((f) => f.periodStart <= f.periodEnd, {
      message: 'the framework period cannot end before it starts',
      path: ['periodEnd'],
    }),
    z.superRefine((f, ctx) => {
      for (const issue of regionIssues(f.regions))
        ctx.addIssue({ code: 'custom', message: issue.message, path: ['regions', ...issue.path] });
    }),
  );
export type Framework = z.infer<typeof Framework>;

/*
 * Attendance as the report states it. "30 countries and organisations" is one combined figure,
 * so it has its own field rather than being split by guesswork.
 */
export const Attendance = z.object({
  participants: z.optional(z.int().check(z.nonnegative())),
  countries: z.optional(z.int().check(z.nonnegative())),
  organisations: z.optional(z.int().check(z.nonnegative())),
  countriesAndOrganisations: z.optional(z.int().check(z.nonnegative())),
  women: z.optional(z.int().check(z.nonnegative())),
  /** The sentence the figures come from, for audit. */
  statedText: z.string().check(z.minLength(1)),
});
export type Attendance = z.infer<typeof Attendance>;

export const DemoActivity = z
  .object({
    id: Slug,
    title: z.string().check(z.minLength(1)),
    type: ActivityType,
    startDate: IsoDate,
    endDate: IsoDate,
    /** The date as written in the seed (year added where the seed gives it in a heading). */
    dateText: z.string().check(z.minLength(1)),
    format: ActivityFormat,
    place: z.nullable(z.object({ city: z.string().check(z.minLength(1)), country: CountryCode })),
    actionPointCodes: z.array(ActionPointCode),
    pillar: PillarId,
    projectId: z.nullable(Slug),
    priorityGoals: z.array(GoalNumber),
    attendance: z.nullable(Attendance),
    /** Countries listed as attending, where the report lists them. */
    participatingCountries: z.array(CountryCode),
    /** Seed file and section the facts come from. */
    source: z.string().check(z.minLength(1)),
    /** Set where goals, action points or pillar are an editorial mapping, not stated. */
    mappingNote: z.optional(z.string().check(z.minLength(1))),
  })
  .check(
    z.refine((a) => a.startDate <= a.endDate, { message: 'ends before it starts', path: ['endDate'] }),
    z.refine((a) => a.format === 'online' || a.place !== null, {
      message: 'an in-person or hybrid activity needs a place',
      path: ['place'],
    }),
  );
export type DemoActivity = z.infer<typeof DemoActivity>;

// The codes and scalar fields live in ./codes.ts; importers of the framework's schemas find them here too.
export * from './codes.js';
