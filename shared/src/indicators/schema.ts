import * as z from 'zod/mini';
import { ActionPointCode, ActivityType, GoalNumber, IsoDate, PillarId } from '../framework/schema.js';
import { MAX_NUMBER, storableNumber, UNSTORABLE_NUMBER } from '../lib/bounds.js';
import { MeasureTag, SurveyKind } from '../surveys/schema.js';

/** A figure an administrator enters (baseline, target, threshold): one storage can hold. */
const Amount = z
  .number()
  .check(z.gte(-MAX_NUMBER), z.lte(MAX_NUMBER), z.refine(storableNumber, UNSTORABLE_NUMBER));

/*
 * S.M.A.R.T. indicator definitions. The schema is deliberately lenient about what is missing
 * (an administrator saves a half-written draft), and strict about the shape of what is there;
 * what a definition still lacks to be S.M.A.R.T. is the job of `smartCheck` in rules.ts.
 * Each schema and its type share one name.
 */

export const IndicatorUnit = z.enum(['count', 'percent', 'mean_score', 'ratio', 'currency']);
export type IndicatorUnit = z.infer<typeof IndicatorUnit>;

/** Pre/post measures: scored knowledge tests, or retrospective self-ratings (reported separately). */
export const ChangeMeasure = z.enum(['knowledge', 'self_rated_knowledge']);
export type ChangeMeasure = z.infer<typeof ChangeMeasure>;

/*
 * How a value is computed, from a catalogue the indicator engine implements. Every kind reads
 * activity records or the per-survey aggregates, never raw responses.
 */
export const Computation = z.discriminatedUnion('kind', [
  /** Number of activities in scope (after the filters). */
  z.object({ kind: z.literal('count_activities') }),
  /** Participants summed over activities (attendance list, else the reported summary). */
  z.object({ kind: z.literal('sum_participants') }),
  /** Distinct participating countries over the activities in scope. */
  z.object({ kind: z.literal('distinct_countries') }),
  /** Distinct organisations over the activities in scope. */
  z.object({ kind: z.literal('distinct_organisations') }),
  /** Women among participants, in percent. */
  z.object({ kind: z.literal('share_women') }),
  /** Mean answer of a survey measure (e.g. satisfaction on a 1-5 scale). */
  z.object({ kind: z.literal('measure_mean'), measure: MeasureTag, surveyKind: z.optional(SurveyKind) }),
  /** Share of answers at or above a threshold (e.g. satisfaction >= 4), in percent. */
  z.object({
    kind: z.literal('measure_share_above'),
    measure: MeasureTag,
    threshold: z._default(z.nullable(Amount), null),
    surveyKind: z.optional(SurveyKind),
  }),
  /** Share of paired respondents whose post score is above their pre score. */
  z.object({ kind: z.literal('share_improved'), measure: z._default(ChangeMeasure, 'knowledge') }),
  /** Mean paired post minus pre change. */
  z.object({ kind: z.literal('mean_prepost_change'), measure: z._default(ChangeMeasure, 'knowledge') }),
  /** Hake normalised gain (post - pre) / (max - pre), class level. */
  z.object({ kind: z.literal('normalised_gain'), measure: z._default(ChangeMeasure, 'knowledge') }),
  /** A value entered by hand, with the evidence it rests on. */
  z.object({
    kind: z.literal('manual'),
    evidence: z._default(z.string().check(z.trim(), z.maxLength(2000)), ''),
    /** Values entered by hand, per calendar year (optional: without one the value is "no data"). */
    values: z.optional(
      z
        .array(z.object({ year: z.int().check(z.gte(1900), z.lte(2200)), value: Amount }))
        .check(z.maxLength(50)),
    ),
  }),
]);
export type Computation = z.infer<typeof Computation>;
export type ComputationKind = Computation['kind'];

export const IndicatorFilters = z.object({
  activityTypes: z._default(z.array(ActivityType).check(z.maxLength(10)), []),
  pillars: z._default(z.array(PillarId).check(z.maxLength(3)), []),
  projectIds: z._default(z.array(z.string().check(z.maxLength(80))).check(z.maxLength(50)), []),
});
export type IndicatorFilters = z.infer<typeof IndicatorFilters>;

export const Baseline = z.object({
  value: z._default(z.nullable(Amount), null),
  date: z._default(z.nullable(IsoDate), null),
  source: z._default(z.string().check(z.trim(), z.maxLength(500)), ''),
});
export type Baseline = z.infer<typeof Baseline>;

export const Target = z.object({
  /** How reports name the period, e.g. "2022" or "2019-2024". */
  period: z._default(z.string().check(z.trim(), z.maxLength(40)), ''),
  /** The date by which the value is due (end of the period). */
  date: z._default(z.nullable(IsoDate), null),
  value: z._default(z.nullable(Amount), null),
  /** True: counted from the start of the framework period; false: within this period only. */
  cumulative: z._default(z.boolean(), false),
});
export type Target = z.infer<typeof Target>;

/**
 * How a value over several years is summarised, for per-year counts (activities, participants):
 * the sum of the years, the mean per year with data, or the latest year with data. Headline,
 * progress and status all use the same figure. Null: the sum when the target is cumulative,
 * else the latest year with data.
 */
export const PeriodSummary = z.enum(['sum', 'mean_per_year', 'latest_year']);
export type PeriodSummary = z.infer<typeof PeriodSummary>;

export const Direction = z.enum(['higher_is_better', 'lower_is_better']);
export type Direction = z.infer<typeof Direction>;

/**
 * Status thresholds as a fraction of the way from baseline to target expected by now:
 * at or above `onTrack` is on track, at or above `atRisk` at risk, below is off track.
 */
export const Thresholds = z.object({
  onTrack: z._default(Amount, 0.9),
  atRisk: z._default(Amount, 0.6),
});
export type Thresholds = z.infer<typeof Thresholds>;

export const Disaggregation = z.enum(['gender', 'country', 'region', 'organisation_type']);
export type Disaggregation = z.infer<typeof Disaggregation>;

export const ReportingFrequency = z.enum(['annual', 'semi_annual', 'quarterly', 'per_activity']);
export type ReportingFrequency = z.infer<typeof ReportingFrequency>;

export const IndicatorStatus = z.enum(['draft', 'active', 'retired']);
export type IndicatorStatus = z.infer<typeof IndicatorStatus>;

const text = (max: number) => z._default(z.string().check(z.trim(), z.maxLength(max)), '');

/** Everything an administrator defines about an indicator. */
export const IndicatorDefinition = z.object({
  // Specific
  /** e.g. "PG1-OC-01": goal, pillar, number. */
  code: text(40),
  name: text(200),
  definition: text(4000),
  unit: z._default(z.nullable(IndicatorUnit), null),
  /** ISO 4217, for the currency unit. */
  currency: z._default(
    z.nullable(z.string().check(z.regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR'))),
    null,
  ),
  // Measurable
  computation: z._default(z.nullable(Computation), null),
  filters: z._default(IndicatorFilters, { activityTypes: [], pillars: [], projectIds: [] }),
  dataSource: text(1000),
  // Achievable and time-bound
  baseline: z._default(z.nullable(Baseline), null),
  targets: z._default(z.array(Target).check(z.maxLength(20)), []),
  direction: z._default(Direction, 'higher_is_better'),
  /** Per-year counts over a period of several years: see `PeriodSummary`. */
  periodSummary: z._default(z.nullable(PeriodSummary), null),
  thresholds: z._default(Thresholds, { onTrack: 0.9, atRisk: 0.6 }),
  // Relevant
  frameworkId: z.string().check(z.minLength(1), z.maxLength(80)),
  priorityGoal: z._default(z.nullable(GoalNumber), null),
  /** The output or outcome statement it measures. */
  resultId: z._default(z.nullable(z.string().check(z.maxLength(80))), null),
  actionPointCodes: z._default(z.array(ActionPointCode).check(z.maxLength(50)), []),
  // Reporting
  disaggregations: z._default(z.array(Disaggregation).check(z.maxLength(4)), []),
  reportingFrequency: z._default(z.nullable(ReportingFrequency), null),
  meansOfVerification: text(1000),
  owner: text(200),
  limitations: text(2000),
  /** Below this many respondents a value carries a low-n warning. */
  minimumN: z._default(z.int().check(z.gte(1), z.lte(1000)), 5),
  status: z._default(IndicatorStatus, 'draft'),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;
/** What a form sends before defaults: every optional field may be left out. */
export type IndicatorDefinitionInput = z.input<typeof IndicatorDefinition>;

/** What an administrator sends: the status is changed by activate and retire only. */
export const IndicatorInput = z.omit(IndicatorDefinition, { status: true });
export type IndicatorInput = z.infer<typeof IndicatorInput>;

/** An edit: the input plus the `revision` it was made from (a stale revision is refused, 409). */
export const IndicatorUpdate = z.safeExtend(IndicatorInput, {
  revision: z.int().check(z.positive(), z.lte(MAX_NUMBER)),
});
export type IndicatorUpdate = z.infer<typeof IndicatorUpdate>;

/**
 * A stored indicator. `version` numbers the definition (V#0001...): values are labelled with it,
 * and it only grows when an active definition is edited. `revision` grows with every save
 * (draft edits in place, activation, retirement) and is the optimistic lock of edits.
 */
export const IndicatorRecord = z.safeExtend(IndicatorDefinition, {
  id: z.string(),
  version: z.int().check(z.positive()),
  revision: z.int().check(z.positive()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type IndicatorRecord = z.infer<typeof IndicatorRecord>;

export const SmartLetter = z.enum(['S', 'M', 'A', 'R', 'T']);
export type SmartLetter = z.infer<typeof SmartLetter>;

/** One thing a definition lacks to be S.M.A.R.T., with the field it concerns. */
export const SmartFinding = z.object({
  letter: SmartLetter,
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
export type SmartFinding = z.infer<typeof SmartFinding>;

export const IndicatorQuery = z.object({
  frameworkId: z.optional(z.string().check(z.maxLength(80))),
  goal: z.optional(z.pipe(z.coerce.number().check(z.gte(1), z.lte(7)), GoalNumber)),
  status: z.optional(IndicatorStatus),
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;
