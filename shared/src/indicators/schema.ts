import * as z from 'zod';
import { ActionPointCode, ActivityType, GoalNumber, IsoDate, PillarId } from '../framework/schema.js';
import { MAX_NUMBER, storableNumber, UNSTORABLE_NUMBER } from '../lib/bounds.js';
import { MeasureTag, SurveyKind } from '../surveys/schema.js';

/** A figure an administrator enters (baseline, target, threshold): one storage can hold. */
const Amount = z.number().min(-MAX_NUMBER).max(MAX_NUMBER).refine(storableNumber, UNSTORABLE_NUMBER);

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
  z.object({ kind: z.literal('measure_mean'), measure: MeasureTag, surveyKind: SurveyKind.optional() }),
  /** Share of answers at or above a threshold (e.g. satisfaction >= 4), in percent. */
  z.object({
    kind: z.literal('measure_share_above'),
    measure: MeasureTag,
    threshold: Amount.nullable().default(null),
    surveyKind: SurveyKind.optional(),
  }),
  /** Share of paired respondents whose post score is above their pre score. */
  z.object({ kind: z.literal('share_improved'), measure: ChangeMeasure.default('knowledge') }),
  /** Mean paired post minus pre change. */
  z.object({ kind: z.literal('mean_prepost_change'), measure: ChangeMeasure.default('knowledge') }),
  /** Hake normalised gain (post - pre) / (max - pre), class level. */
  z.object({ kind: z.literal('normalised_gain'), measure: ChangeMeasure.default('knowledge') }),
  /** A value entered by hand, with the evidence it rests on. */
  z.object({
    kind: z.literal('manual'),
    evidence: z.string().trim().max(2000).default(''),
    /** Values entered by hand, per calendar year (optional: without one the value is "no data"). */
    values: z
      .array(z.object({ year: z.int().min(1900).max(2200), value: Amount }))
      .max(50)
      .optional(),
  }),
]);
export type Computation = z.infer<typeof Computation>;
export type ComputationKind = Computation['kind'];

export const IndicatorFilters = z.object({
  activityTypes: z.array(ActivityType).max(10).default([]),
  pillars: z.array(PillarId).max(3).default([]),
  projectIds: z.array(z.string().max(80)).max(50).default([]),
});
export type IndicatorFilters = z.infer<typeof IndicatorFilters>;

export const Baseline = z.object({
  value: Amount.nullable().default(null),
  date: IsoDate.nullable().default(null),
  source: z.string().trim().max(500).default(''),
});
export type Baseline = z.infer<typeof Baseline>;

export const Target = z.object({
  /** How reports name the period, e.g. "2022" or "2019-2024". */
  period: z.string().trim().max(40).default(''),
  /** The date by which the value is due (end of the period). */
  date: IsoDate.nullable().default(null),
  value: Amount.nullable().default(null),
  /** True: counted from the start of the framework period; false: within this period only. */
  cumulative: z.boolean().default(false),
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
  onTrack: Amount.default(0.9),
  atRisk: Amount.default(0.6),
});
export type Thresholds = z.infer<typeof Thresholds>;

export const Disaggregation = z.enum(['gender', 'country', 'region', 'organisation_type']);
export type Disaggregation = z.infer<typeof Disaggregation>;

export const ReportingFrequency = z.enum(['annual', 'semi_annual', 'quarterly', 'per_activity']);
export type ReportingFrequency = z.infer<typeof ReportingFrequency>;

export const IndicatorStatus = z.enum(['draft', 'active', 'retired']);
export type IndicatorStatus = z.infer<typeof IndicatorStatus>;

const text = (max: number) => z.string().trim().max(max).default('');

/** Everything an administrator defines about an indicator. */
export const IndicatorDefinition = z.object({
  // Specific
  /** e.g. "PG1-OC-01": goal, pillar, number. */
  code: text(40),
  name: text(200),
  definition: text(4000),
  unit: IndicatorUnit.nullable().default(null),
  /** ISO 4217, for the currency unit. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR')
    .nullable()
    .default(null),
  // Measurable
  computation: Computation.nullable().default(null),
  filters: IndicatorFilters.default({ activityTypes: [], pillars: [], projectIds: [] }),
  dataSource: text(1000),
  // Achievable and time-bound
  baseline: Baseline.nullable().default(null),
  targets: z.array(Target).max(20).default([]),
  direction: Direction.default('higher_is_better'),
  /** Per-year counts over a period of several years: see `PeriodSummary`. */
  periodSummary: PeriodSummary.nullable().default(null),
  thresholds: Thresholds.default({ onTrack: 0.9, atRisk: 0.6 }),
  // Relevant
  frameworkId: z.string().min(1).max(80),
  priorityGoal: GoalNumber.nullable().default(null),
  /** The output or outcome statement it measures. */
  resultId: z.string().max(80).nullable().default(null),
  actionPointCodes: z.array(ActionPointCode).max(50).default([]),
  // Reporting
  disaggregations: z.array(Disaggregation).max(4).default([]),
  reportingFrequency: ReportingFrequency.nullable().default(null),
  meansOfVerification: text(1000),
  owner: text(200),
  limitations: text(2000),
  /** Below this many respondents a value carries a low-n warning. */
  minimumN: z.int().min(1).max(1000).default(5),
  status: IndicatorStatus.default('draft'),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;
/** What a form sends before defaults: every optional field may be left out. */
export type IndicatorDefinitionInput = z.input<typeof IndicatorDefinition>;

/** What an administrator sends: the status is changed by activate and retire only. */
export const IndicatorInput = IndicatorDefinition.omit({ status: true });
export type IndicatorInput = z.infer<typeof IndicatorInput>;

/** An edit: the input plus the `revision` it was made from (a stale revision is refused, 409). */
export const IndicatorUpdate = IndicatorInput.safeExtend({ revision: z.int().positive().max(MAX_NUMBER) });
export type IndicatorUpdate = z.infer<typeof IndicatorUpdate>;

/**
 * A stored indicator. `version` numbers the definition (V#0001...): values are labelled with it,
 * and it only grows when an active definition is edited. `revision` grows with every save
 * (draft edits in place, activation, retirement) and is the optimistic lock of edits.
 */
export const IndicatorRecord = IndicatorDefinition.safeExtend({
  id: z.string(),
  version: z.int().positive(),
  revision: z.int().positive(),
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
  frameworkId: z.string().max(80).optional(),
  goal: z.coerce.number().min(1).max(7).pipe(GoalNumber).optional(),
  status: IndicatorStatus.optional(),
});
export type IndicatorQuery = z.infer<typeof IndicatorQuery>;
