// The shapes of the results API (indicator values per priority goal, per indicator, per activity),
// agreed between the engine and the evaluator pages. Plain TypeScript types: the pages import them
// without pulling zod.

export type Status = 'on_track' | 'at_risk' | 'off_track' | 'no_data';

/** One breakdown cell; a cell of fewer than 5 respondents carries no value, only `display: '< 5'`. */
export interface BreakdownCell {
  key: string;
  n: number | null;
  value: number | null;
  suppressed: boolean;
  display: string;
}

/** The value of one indicator in one period, with everything an evaluator needs to trust it. */
export interface IndicatorValue {
  indicatorId: string;
  code: string;
  name: string;
  unit: string;
  /** The definition version the value was computed with. */
  version: number;
  direction: 'higher_is_better' | 'lower_is_better';
  period: { label: string; from: string; to: string };
  value: number | null;
  /** Formatted for display, e.g. "72.4 %" or "< 5" or "no data". */
  display: string;
  /** Respondents (or activities, for activity counts) behind the value; null when withheld. */
  n: number | null;
  /** What n counts: "respondents", "activities", "paired respondents"... */
  nOf: string;
  /** For percents: of what, e.g. "of respondents who answered satisfaction". */
  of: string | null;
  lowN: boolean;
  /** The value describes fewer than 5 respondents: value, n, interval and status are withheld. */
  withheld: boolean;
  /** 95 % interval in the unit of the value (Wilson for shares, t for means and paired change). */
  ci: { lower: number; upper: number; level: number } | null;
  /** The interval for display, e.g. "95 % CI 61.2 % to 80.3 %". */
  ciDisplay: string | null;
  /** The statistic and how its interval is computed, e.g. "share with 95 % Wilson score interval". */
  method: string | null;
  /** What the value is measured in beyond the unit, e.g. "points of the test (maximum 8)". */
  scale: string | null;
  /** Per-year counts over several years: how the period is summarised, e.g. "latest year with data (2024)". */
  summary: string | null;
  /** Why there is no value (e.g. "no activities in this period"), when known. */
  reason: string | null;
  baseline: { value: number; date: string } | null;
  target: { value: number; label: string } | null;
  /** 0..1 of the way from baseline to target (may exceed 1), null without baseline or target. */
  progress: number | null;
  status: Status;
  /** Added: why the status is what it is, e.g. "no baseline or target" when a value has no status. */
  statusReason: string | null;
  /** Added: the share of the way to the target expected at this point of time (0..1), null without target. */
  expectedProgress: number | null;
  /** Added: the low-n warning text when `lowN`. */
  lowNMessage: string | null;
  /** One point per year of the framework period with data. */
  trend: { year: number; value: number | null; n: number | null; withheld: boolean }[];
}

/** GET /api/results/overview */
/** A region of the framework, for filter choices and the labels of region breakdown cells. */
export interface RegionInfo {
  id: string;
  name: string;
  countries: string[];
}

export interface GoalOverview {
  framework: { id: string; name: string; periodStart: string; periodEnd: string; regions: RegionInfo[] };
  period: { label: string; from: string; to: string };
  goals: { number: number; title: string; indicators: IndicatorValue[] }[];
}

/** GET /api/results/indicators/{indicatorId} */
export interface IndicatorResult {
  value: IndicatorValue;
  definition: Record<string, unknown>;
  byYear: IndicatorValue[];
  /** Breakdown cells by region use these ids; `other` is the countries in no region. */
  breakdowns: Record<string, BreakdownCell[]>;
  regions: RegionInfo[];
  activities: {
    activityId: string;
    title: string;
    startsAt: string;
    /** Null when the row is suppressed: no n is kept beside a "< 5". */
    n: number | null;
    value: number | null;
    display: string;
    suppressed: boolean;
    ci: { lower: number; upper: number; level: number } | null;
  }[];
}

/** GET /api/results/activities/{activityId}/learning */
export interface ActivityLearning {
  activity: { id: string; title: string; startsAt: string; endsAt: string };
  pre: { surveyId: string; n: number; scoreDistribution: BreakdownCell[]; meanPercent: number | null } | null;
  post: {
    surveyId: string;
    n: number;
    scoreDistribution: BreakdownCell[];
    meanPercent: number | null;
  } | null;
  /** `improved`, `same`, `worse` are percents of the paired n; `classGain`/`meanIndividualGain` ratios. */
  paired: {
    n: number;
    matchRate: number | null;
    meanChange: number | null;
    ci: { lower: number; upper: number; level: number } | null;
    dz: number | null;
    improved: number | null;
    /** Added: 95 % Wilson interval of `improved`, in percent. */
    improvedCI: { lower: number; upper: number; level: number } | null;
    /** Added: 95 % delta-method interval of `classGain`, and how gains are computed, in words. */
    classGainCI: { lower: number; upper: number; level: number } | null;
    gainMethod: string;
    /** Added: which attempt counts when a person answers a test twice. */
    attemptRule: string;
    same: number | null;
    worse: number | null;
    classGain: number | null;
    meanIndividualGain: number | null;
    excludedAtMax: number;
    reason: string | null;
    /** Added: mean pre and post score of the paired respondents, in `unit`. */
    meanPre: number | null;
    meanPost: number | null;
    /** Added: what scores and the change are measured in ("points" or "percent"). */
    unit: string;
    /** Added: fewer paired respondents than 5 (a low-n warning, not a suppression). */
    lowN: boolean;
  } | null;
  /** Self-rated "then/now" (from the self-rating aggregates); never mixed with the pre/post tests. */
  retrospective: {
    n: number;
    meanBefore: number | null;
    meanAfter: number | null;
    meanChange: number | null;
    ci: { lower: number; upper: number; level: number } | null;
  } | null;
  levels: {
    level: 1 | 2 | 3;
    label: string;
    measures: { measure: string; n: number; mean: number | null }[];
  }[];
}
