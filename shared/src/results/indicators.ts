/**
 * The indicator engine, pure: an indicator definition and the facts of the activities in scope
 * (activity records, per-survey maintained aggregates, paired pre/post scores) in, an
 * `IndicatorValue` (value, n, CI, progress, status, trend) out. No I/O: the API store gathers
 * the inputs (see functions/src/results/store.ts) and the unit tests feed hand-made ones.
 *
 * What each computation reads (every statistical value carries its 95 % interval and `method`):
 * - count_activities: the activities in the period (none: no data, not 0);
 * - sum_participants: per activity, the attendance list's size (`listParticipants`), else the
 *   reported `attendance.participants`; activities with neither are not counted (n says how many were);
 * - over several years, these two follow the definition's `periodSummary` (sum, mean per year,
 *   latest year with data), for the headline and the progress alike;
 * - distinct_countries / distinct_organisations: the union of the attendance lists' countries
 *   (organisations, case and spacing ignored); activities with only a reported summary cannot be
 *   unioned, so their figure is a lower bound: value = max(union size, largest reported figure);
 * - share_women: women / participants over activities that state both (a census: no interval);
 * - measure_mean: questions tagged with the measure in each survey's definition (optionally of one
 *   survey kind), moments `q|all|n|sum|sq` summed across surveys → mean, t interval
 *   (`self_rating`: the "after" rating; `knowledge`: the test score in points, or in percent of each
 *   test's maximum when tests of different maxima pool, then `scale` says so);
 * - measure_share_above: the per-answer histograms `q|all|c:<v>` (test scores `score|all|c:<points>`,
 *   self-ratings `q.after|all|c:<v>`), v ≥ threshold over the histogram's total, Wilson interval;
 *   answers kept without a histogram make it no data with a reason, never 0;
 * - share_improved / mean_prepost_change / normalised_gain (knowledge): the paired pre/post scores
 *   of each activity (`paired`), in points of the test (percent only when the unit is percent or
 *   tests of different maxima pool); Wilson, paired t, and the class gain with a delta-method
 *   interval. For `self_rated_knowledge`: each respondent's own change `q.change` (mean with a paired
 *   t interval, share improved with Wilson); the normalised gain is refused;
 * - manual: `computation.values` for the period's year (the whole period: the latest year).
 * Combinations that cannot be computed are refused by `structuralIssue` (here) and the S.M.A.R.T. check.
 * A respondent value of 1-4 people is withheld; disclosure control across views is applied on the
 * outputs (shared/src/results/disclosed.ts).
 *
 * Period: an activity counts in the period of its start date (UTC calendar date).
 */
import type { AttendanceSummary } from '../activities/schema.js';
import type { IndicatorDefinition, PeriodSummary } from '../indicators/schema.js';
import { structuralIssue } from '../indicators/structure.js';
import { CLASS_GAIN_METHOD, type PairedScore } from '../learning/change.js';
import {
  classGainCIOf,
  EMPTY_PAIRED_MOMENTS,
  mergePairedMoments,
  type PairedMoments,
  pairedChangeOf,
  pairedMomentsOf,
  scalePairedMoments,
} from '../learning/paired-moments.js';
import { lowNWarning, MIN_CELL_N, suppressSmallCells } from '../learning/suppression.js';
import {
  combine,
  EMPTY_MOMENTS,
  type Moments,
  meanCI,
  momentsToSummary,
  wilsonCI,
} from '../lib/statistics.js';
import type { MeasureTag, Question, SurveyDefinition, SurveyKind } from '../surveys/schema.js';
import type { Delta } from './aggregate.js';
import type { BreakdownCell, IndicatorValue, Status } from './contract.js';

export interface Period {
  label: string;
  /** ISO date, inclusive. */
  from: string;
  /** ISO date, inclusive. */
  to: string;
}

/** What the engine needs of an activity record. */
export interface ActivityFacts {
  id: string;
  title: string;
  startsAt: string;
  type: string;
  pillar: string | null;
  projectId: string | null;
  /** Reported attendance (for activities without a list, or as a fallback). */
  attendance: AttendanceSummary | null;
  /** Size of the attendance list (0: no list). */
  listParticipants?: number;
  /** From the attendance list, when the store read it (only indicators that need it). */
  list?: { countries: string[]; organisations: string[]; women: number; participants: number } | null;
}

export interface SurveyFacts {
  id: string;
  kind: SurveyKind;
  definition: SurveyDefinition;
  aggregates: Delta;
}

/** Paired pre/post knowledge scores of one activity (same person, both tests), on 0..max. */
export interface PairedFacts {
  pairs: PairedScore[];
  /**
   * The pairs' moments (`pairedMomentsOf(pairs, max)`), when the reader kept only these: then `pairs`
   * is empty (the goal overview reads roll-ups this way, a fraction of the bytes).
   */
  moments?: PairedMoments;
  max: number;
  /** What the pairs are in: the test's points (0..max, the default) or percent of each test's maximum. */
  unit?: 'points' | 'percent';
}

export interface ActivityInputs {
  activity: ActivityFacts;
  surveys: SurveyFacts[];
  paired?: PairedFacts | null;
}

export interface EngineOptions {
  /** The framework period: trend years and the start of cumulative targets. */
  framework: { periodStart: string; periodEnd: string };
  /** "Today" (ISO date): expected progress and the last trend year. Default: the current date. */
  asOf?: string;
  /** Raw values already computed by this view (see `RawMemo`). */
  memo?: RawMemo;
}

export type IndicatorDef = IndicatorDefinition & { id: string };

/** The result of a computation before progress and status. */
export interface RawValue {
  value: number | null;
  n: number;
  nOf: string;
  of: string | null;
  ci: { lower: number; upper: number; level: number } | null;
  /** True when n counts respondents (suppression and low-n apply). */
  respondents: boolean;
  /** The statistic and its interval, in words (null for counts). */
  method: string | null;
  /** What the value is measured in beyond the unit, e.g. "points of the test (maximum 8)". */
  scale: string | null;
  /** Why there is no value, when there is none and a reason is known. */
  reason: string | null;
}

const dateOf = (iso: string) => iso.slice(0, 10);
const yearOf = (iso: string) => Number(iso.slice(0, 4));

export function yearPeriod(year: number): Period {
  return { label: String(year), from: `${year}-01-01`, to: `${year}-12-31` };
}

export function frameworkPeriod(fw: { periodStart: string; periodEnd: string }): Period {
  return {
    label: `${yearOf(fw.periodStart)}–${yearOf(fw.periodEnd)}`,
    from: dateOf(fw.periodStart),
    to: dateOf(fw.periodEnd),
  };
}

export const inPeriod = (inputs: readonly ActivityInputs[], p: Pick<Period, 'from' | 'to'>) =>
  inputs.filter((i) => {
    const d = dateOf(i.activity.startsAt);
    return d >= p.from && d <= p.to;
  });

/** Whether an activity passes an indicator's own filters (types, pillars, projects). */
export function passesFilters(def: Pick<IndicatorDefinition, 'filters'>, a: ActivityFacts): boolean {
  const f = def.filters;
  if (f.activityTypes.length > 0 && !f.activityTypes.includes(a.type as never)) return false;
  if (f.pillars.length > 0 && !(a.pillar && f.pillars.includes(a.pillar as never))) return false;
  if (f.projectIds.length > 0 && !(a.projectId && f.projectIds.includes(a.projectId))) return false;
  return true;
}

// ---------------------------------------------------------------------------
// Aggregates

const NUMERIC: ReadonlySet<Question['type']> = new Set(['likert', 'rating_0_10', 'number', 'self_rating']);

/** The aggregate measure names (key prefixes) of the questions tagged with `measure` in a survey. */
export function measureKeys(def: SurveyDefinition, measure: MeasureTag): readonly string[] {
  // Kept per definition object (definitions of answered versions never change): a view asks for
  // the same measure of the same surveys for every indicator and period.
  const known = measureKeysOf.get(def) ?? new Map<MeasureTag, readonly string[]>();
  if (known.size === 0) measureKeysOf.set(def, known);
  const cached = known.get(measure);
  if (cached) return cached;
  const keys =
    measure === 'knowledge'
      ? def.questions.some((q) => q.type === 'knowledge')
        ? ['score']
        : []
      : def.questions
          .filter((q) => q.measure === measure && NUMERIC.has(q.type))
          .map((q) => (q.type === 'self_rating' ? `${q.id}.after` : q.id));
  known.set(measure, keys);
  return keys;
}
const measureKeysOf = new WeakMap<SurveyDefinition, Map<MeasureTag, readonly string[]>>();

/** Moments of one aggregate measure in one dimension cell (`all`, `gender=female`...). */
export function momentsAt(agg: Delta, key: string, dim = 'all'): Moments {
  const n = agg[`${key}|${dim}|n`] ?? 0;
  return { n, sum: agg[`${key}|${dim}|sum`] ?? 0, sumSq: agg[`${key}|${dim}|sq`] ?? 0, min: null, max: null };
}

/**
 * The category counts of an aggregate by histogram (`<key>|<dim>|c:<category>` → [category, count]),
 * indexed once per aggregate object: a view asks for the same histograms of the same aggregates
 * for every indicator, period and disclosure check, and scanning every key each time was most of
 * the engine's time. Aggregates given to the engine are not changed afterwards (they are views'
 * inputs); the index is keyed by the object and goes when it does.
 */
const histogramIndex = new WeakMap<Delta, Map<string, [string, number][]>>();
function histograms(agg: Delta): Map<string, [string, number][]> {
  let index = histogramIndex.get(agg);
  if (!index) {
    index = new Map();
    for (const k in agg) {
      const at = k.lastIndexOf('|c:');
      if (at < 0) continue;
      const prefix = k.slice(0, at);
      const list = index.get(prefix) ?? [];
      if (list.length === 0) index.set(prefix, list);
      list.push([k.slice(at + 3), agg[k] as number]);
    }
    histogramIndex.set(agg, index);
  }
  return index;
}

/** Count of answers ≥ threshold from the category counts of one measure in one cell. */
export function countAtOrAbove(agg: Delta, key: string, threshold: number, dim = 'all'): number {
  let count = 0;
  for (const [category, v] of histograms(agg).get(`${key}|${dim}`) ?? []) {
    const x = Number(category);
    if (Number.isFinite(x) && x >= threshold) count += v;
  }
  return count;
}

function surveysFor(inputs: readonly ActivityInputs[], kind?: SurveyKind): SurveyFacts[] {
  return inputs.flatMap((i) => i.surveys).filter((s) => !kind || s.kind === kind);
}

// ---------------------------------------------------------------------------
// Computations

const none = (
  nOf: string,
  respondents: boolean,
  of: string | null = null,
  reason: string | null = null,
): RawValue => ({
  value: null,
  n: 0,
  nOf,
  of,
  ci: null,
  respondents,
  method: null,
  scale: null,
  reason,
});

function participantsOf(a: ActivityFacts): number | null {
  if ((a.listParticipants ?? 0) > 0) return a.listParticipants as number;
  if (a.list && a.list.participants > 0) return a.list.participants;
  return a.attendance?.participants ?? null;
}

function distinct(inputs: readonly ActivityInputs[], which: 'countries' | 'organisations'): RawValue {
  const union = new Set<string>();
  let largestReported = 0;
  let n = 0;
  for (const { activity: a } of inputs) {
    if (a.list && a.list.participants > 0) {
      for (const x of a.list[which]) union.add(which === 'organisations' ? x.trim().toLowerCase() : x);
      n++;
    } else if (a.attendance?.[which] !== undefined) {
      largestReported = Math.max(largestReported, a.attendance[which] as number);
      n++;
    }
  }
  if (n === 0) return none('activities with attendance figures', false);
  return {
    value: Math.max(union.size, largestReported),
    n,
    nOf: 'activities with attendance figures',
    of: null,
    ci: null,
    respondents: false,
    method: null,
    scale: null,
    reason: null,
  };
}

/** The knowledge-test maximum of a survey definition: the sum of its knowledge items' points. */
export function testMaximum(def: SurveyDefinition): number {
  return def.questions.reduce((s, q) => s + (q.type === 'knowledge' ? q.points : 0), 0);
}

/**
 * Each activity's paired scores as moments, computed once per set of pairs (a view reads each many
 * times). Pairs are values nobody changes; one that grew or got another maximum is summarised anew.
 */
const momentsOfPairs = new WeakMap<PairedFacts, { length: number; max: number; moments: PairedMoments }>();
function momentsOfPaired(p: PairedFacts): PairedMoments {
  if (p.moments) return p.moments;
  const known = momentsOfPairs.get(p);
  if (known && known.length === p.pairs.length && known.max === p.max) return known.moments;
  const moments = pairedMomentsOf(p.pairs, p.max);
  momentsOfPairs.set(p, { length: p.pairs.length, max: p.max, moments });
  return moments;
}

/**
 * The paired scores of the activities in scope, pooled as moments: in points when every activity's
 * tests have the same maximum, else each in percent of its own maximum (the value then says so).
 */
export function pooledPairs(inputs: readonly ActivityInputs[]): {
  moments: PairedMoments;
  max: number;
  unit: 'points' | 'percent';
} {
  const withPairs = inputs.flatMap((i) => (i.paired && momentsOfPaired(i.paired).n > 0 ? [i.paired] : []));
  const maxes = new Set(withPairs.map((p) => p.max));
  let moments = EMPTY_PAIRED_MOMENTS;
  if (maxes.size <= 1 && !withPairs.some((p) => p.unit === 'percent')) {
    for (const p of withPairs) moments = mergePairedMoments(moments, momentsOfPaired(p));
    return { moments, max: [...maxes][0] ?? 1, unit: 'points' };
  }
  for (const p of withPairs)
    moments = mergePairedMoments(
      moments,
      p.unit === 'percent' ? momentsOfPaired(p) : scalePairedMoments(momentsOfPaired(p), 100 / p.max),
    );
  return { moments, max: 100, unit: 'percent' };
}

const ciOf = (c: { lower: number | null; upper: number | null; level: number }) =>
  c.lower === null || c.upper === null ? null : { lower: c.lower, upper: c.upper, level: c.level };

export const METHOD = {
  mean: 'mean with 95 % t interval (n − 1 degrees of freedom)',
  share: 'share with 95 % Wilson score interval',
  change: 'mean paired change (post − pre of the same person) with 95 % paired t interval',
  gain: CLASS_GAIN_METHOD,
  census: 'census of the attendance lists: no sampling interval',
} as const;

/** A share k of n as a raw value in the indicator's unit (percent or ratio), with its Wilson interval. */
function shareValue(
  def: IndicatorDefinition,
  k: number,
  n: number,
  nOf: string,
  of: string,
  respondents = true,
): RawValue {
  const w = wilsonCI(k, n);
  const f = def.unit === 'ratio' ? 1 : 100;
  return {
    value: (k / n) * f,
    n,
    nOf,
    of,
    ci:
      w.lower === null || w.upper === null
        ? null
        : { lower: w.lower * f, upper: w.upper * f, level: w.level },
    respondents,
    method: respondents ? METHOD.share : METHOD.census,
    scale: def.unit === 'ratio' ? 'fraction 0..1' : 'percent',
    reason: null,
  };
}

/**
 * The numeric measure keys of the tagged questions of each survey, each with the factor that
 * puts it on a common scale: points when the knowledge tests pooled share one maximum, else
 * percent of each test's maximum.
 */
function measureScales(
  surveys: readonly SurveyFacts[],
  measure: MeasureTag,
): { keys: { s: SurveyFacts; key: string; factor: number }[]; scale: string | null } {
  const keys = surveys.flatMap((s) => measureKeys(s.definition, measure).map((key) => ({ s, key })));
  if (measure !== 'knowledge') return { keys: keys.map((k) => ({ ...k, factor: 1 })), scale: null };
  const maxes = new Set(keys.map((k) => testMaximum(k.s.definition)));
  if (maxes.size <= 1)
    return {
      keys: keys.map((k) => ({ ...k, factor: 1 })),
      scale: maxes.size === 1 ? `points of the test (maximum ${[...maxes][0]})` : null,
    };
  return {
    keys: keys.map((k) => ({ ...k, factor: 100 / testMaximum(k.s.definition) })),
    scale: 'percent of each test’s maximum (tests of different maxima pooled)',
  };
}

const scaleMoments = (m: Moments, f: number): Moments =>
  f === 1 ? m : { n: m.n, sum: m.sum * f, sumSq: m.sumSq * f * f, min: null, max: null };

/** Total of a histogram's counts (`<key>|<dim>|c:*`): the respondents the histogram holds. */
export function histogramTotal(agg: Delta, key: string, dim = 'all'): number {
  let n = 0;
  for (const [, v] of histograms(agg).get(`${key}|${dim}`) ?? []) n += v;
  return n;
}

/** The value of a computation over activities already narrowed to one period. */
export function computeRaw(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  period?: Period,
): RawValue {
  const c = def.computation;
  if (!c) return none('activities', false, null, 'no computation defined');
  const refused = structuralIssue(def);
  if (refused) return none('respondents', true, null, refused);
  switch (c.kind) {
    case 'count_activities':
      // A period without activities has no data (it is not a measured 0).
      if (inputs.length === 0) return none('activities', false, null, 'no activities in this period');
      return {
        value: inputs.length,
        n: inputs.length,
        nOf: 'activities',
        of: null,
        ci: null,
        respondents: false,
        method: null,
        scale: null,
        reason: null,
      };
    case 'sum_participants': {
      const figures = inputs.map((i) => participantsOf(i.activity)).filter((x): x is number => x !== null);
      if (figures.length === 0) return none('activities with attendance figures', false);
      return {
        value: figures.reduce((s, x) => s + x, 0),
        n: figures.length,
        nOf: 'activities with attendance figures',
        of: null,
        ci: null,
        respondents: false,
        method: null,
        scale: null,
        reason: null,
      };
    }
    case 'distinct_countries':
      return distinct(inputs, 'countries');
    case 'distinct_organisations':
      return distinct(inputs, 'organisations');
    case 'share_women': {
      let women = 0;
      let participants = 0;
      for (const { activity: a } of inputs) {
        const fromList = a.list && a.list.participants > 0 ? a.list : null;
        const w = fromList ? fromList.women : a.attendance?.women;
        const p = fromList ? fromList.participants : a.attendance?.participants;
        if (w === undefined || p === undefined || p === 0) continue;
        women += Math.min(w, p);
        participants += p;
      }
      if (participants === 0) return none('activities with attendance figures', false, 'of participants');
      // Attendance lists are a census of the participants: no sampling interval.
      return { ...shareValue(def, women, participants, 'participants', 'of participants', false), ci: null };
    }
    case 'measure_mean': {
      const { keys, scale } = measureScales(surveysFor(inputs, c.surveyKind), c.measure);
      let m: Moments = EMPTY_MOMENTS;
      for (const k of keys) m = combine(m, scaleMoments(momentsAt(k.s.aggregates, k.key), k.factor));
      if (m.n === 0) return none('respondents', true);
      const ci = meanCI(m);
      return {
        value: ci.mean,
        n: m.n,
        nOf: 'respondents',
        of: null,
        ci: ciOf(ci),
        respondents: true,
        method: METHOD.mean,
        scale,
        reason: null,
      };
    }
    case 'measure_share_above': {
      const of = `of respondents who answered ${c.measure.replace(/_/g, ' ')}`;
      if (c.threshold === null) return none('respondents', true, of, 'no threshold');
      const surveys = surveysFor(inputs, c.surveyKind);
      const { keys, scale } = measureScales(surveys, c.measure);
      if (c.measure === 'knowledge' && keys.some((k) => k.factor !== 1))
        return none(
          'respondents',
          true,
          of,
          'tests of different maxima cannot share one threshold in points: narrow the indicator to tests of one maximum',
        );
      let n = 0;
      let above = 0;
      let missing = 0;
      for (const { s, key } of keys) {
        const counted = histogramTotal(s.aggregates, key);
        // Answers kept only as moments (no per-answer counts): never read as "none at or above".
        missing += (s.aggregates[`${key}|all|n`] ?? 0) - counted;
        n += counted;
        above += countAtOrAbove(s.aggregates, key, c.threshold);
      }
      if (missing > 0)
        return none(
          'respondents',
          true,
          of,
          'some answers are kept without per-answer counts (rebuild the aggregates): the share cannot be computed',
        );
      if (n === 0) return none('respondents', true, of);
      return {
        ...shareValue(def, above, n, 'respondents', of),
        scale: scale ? `at or above ${c.threshold} ${scale}` : `answers at or above ${c.threshold}`,
      };
    }
    case 'share_improved':
    case 'mean_prepost_change':
    case 'normalised_gain': {
      if (c.measure === 'self_rated_knowledge') return retrospectiveRaw(def, inputs);
      const { moments, max, unit } = pooledPairs(inputs);
      const nOf = 'paired respondents';
      if (moments.n === 0)
        return none(nOf, true, c.kind === 'share_improved' ? 'of paired respondents' : null);
      const lc = pairedChangeOf(moments);
      if (c.kind === 'share_improved')
        return shareValue(
          def,
          lc.improved.numerator,
          lc.n,
          nOf,
          'of paired respondents (post score above pre score)',
        );
      if (c.kind === 'mean_prepost_change') {
        // Points of the test, unless the definition asks for percent or tests of different maxima pool.
        const toPercent = def.unit === 'percent' && unit === 'points' ? 100 / max : 1;
        const scale = (x: number | null) => (x === null ? null : x * toPercent);
        const ci = ciOf(lc.change);
        return {
          value: scale(lc.change.mean),
          n: lc.n,
          nOf,
          of: null,
          ci: ci && { lower: ci.lower * toPercent, upper: ci.upper * toPercent, level: ci.level },
          respondents: true,
          method: METHOD.change,
          scale:
            unit === 'points' && toPercent === 1
              ? `points of the test (maximum ${max})`
              : unit === 'points'
                ? 'percentage points of the test maximum'
                : 'percentage points of each test’s maximum (tests of different maxima pooled)',
          reason: null,
        };
      }
      const g = classGainCIOf(moments, max);
      const f = def.unit === 'percent' ? 100 : 1;
      return {
        value: g.value === null ? null : g.value * f,
        n: lc.n,
        nOf,
        of: null,
        ci:
          g.lower === null || g.upper === null
            ? null
            : { lower: g.lower * f, upper: g.upper * f, level: g.level },
        respondents: true,
        method: METHOD.gain,
        scale: f === 100 ? 'percent of the possible gain' : 'fraction of the possible gain',
        reason: g.value === null ? 'every pre score at the maximum' : null,
      };
    }
    case 'manual': {
      const values = (c.values ?? []).filter(
        (v) => !period || (v.year >= yearOf(period.from) && v.year <= yearOf(period.to)),
      );
      const latest = [...values].sort((a, b) => b.year - a.year)[0];
      return latest
        ? {
            value: latest.value,
            n: 1,
            nOf: 'values entered by hand',
            of: null,
            ci: null,
            respondents: false,
            method: null,
            scale: null,
            reason: null,
          }
        : none('values entered by hand', false);
    }
  }
}

/**
 * Retrospective self-ratings ("before" and "now", both rated after the training), from each
 * respondent's own change kept in the aggregates (`<q>.change`): mean change with a paired t
 * interval, share improved with a Wilson interval. No normalised gain (the S.M.A.R.T. check refuses it).
 */
function retrospectiveRaw(def: IndicatorDefinition, inputs: readonly ActivityInputs[]): RawValue {
  const c = def.computation;
  const nOf = 'respondents (self-rated, retrospective)';
  let m: Moments = EMPTY_MOMENTS;
  let improved = 0;
  let counted = 0;
  for (const s of surveysFor(inputs))
    for (const q of s.definition.questions)
      if (q.type === 'self_rating') {
        m = combine(m, momentsAt(s.aggregates, `${q.id}.change`));
        improved += countAtOrAbove(s.aggregates, `${q.id}.change`, 1);
        counted += histogramTotal(s.aggregates, `${q.id}.change`);
      }
  if (m.n === 0) return none(nOf, true);
  if (c?.kind === 'share_improved') {
    if (counted !== m.n) return none(nOf, true, null, 'aggregates without per-answer counts: rebuild them');
    return shareValue(def, improved, m.n, nOf, 'of respondents rating themselves higher now than before');
  }
  if (c?.kind !== 'mean_prepost_change') return none(nOf, true, null, 'not computable for self-ratings');
  const ci = meanCI(m);
  return {
    value: ci.mean,
    n: m.n,
    nOf,
    of: null,
    ci: ciOf(ci),
    respondents: true,
    method: `${METHOD.change}; self-rated, retrospective`,
    scale: 'points of the self-rating scale (1-5)',
    reason: null,
  };
}

// ---------------------------------------------------------------------------
// Progress and status

/** The target a period is measured against: the first due on or after the period's end, else the last. */
export function targetFor(def: IndicatorDefinition, period: Pick<Period, 'to'>) {
  const dated = def.targets
    .filter((t) => t.value !== null && t.date !== null)
    .sort((a, b) => ((a.date as string) < (b.date as string) ? -1 : 1));
  return dated.find((t) => (t.date as string) >= period.to) ?? dated.at(-1) ?? null;
}

/**
 * (value − baseline) / (target − baseline). Direction-aware by construction: for "lower is better"
 * the target lies below the baseline, so a fall gives a positive progress. A target equal to the
 * baseline gives 1 when the value is at least as good, else 0. Null without both.
 */
export function progressOf(
  value: number | null,
  baseline: number | null | undefined,
  target: number | null | undefined,
  direction: IndicatorDefinition['direction'],
): number | null {
  if (
    value === null ||
    baseline === null ||
    baseline === undefined ||
    target === null ||
    target === undefined
  )
    return null;
  if (target === baseline) {
    const good = direction === 'lower_is_better' ? value <= target : value >= target;
    return good ? 1 : 0;
  }
  return (value - baseline) / (target - baseline);
}

const DAY = 86_400_000;

/**
 * The share of the way to the target expected by `asOf`: linear in time from the baseline date
 * (or the framework start) to the target date, clamped to 0..1.
 */
export function expectedProgressAt(startDate: string, targetDate: string, asOf: string): number {
  const start = Date.parse(startDate);
  const end = Date.parse(targetDate);
  const now = Date.parse(asOf);
  if (!(end > start)) return 1;
  return Math.min(1, Math.max(0, (now - start + DAY) / (end - start + DAY)));
}

/**
 * Status from progress and the expected progress: on track when progress ≥ onTrack × expected,
 * at risk when ≥ atRisk × expected, else off track (onTrack 0.9, atRisk 0.6 by default).
 * Before any progress is expected (expected 0), a progress of 0 or more is on track.
 */
export function statusOf(
  progress: number | null,
  expected: number | null,
  thresholds: { onTrack: number; atRisk: number },
): Status {
  if (progress === null || expected === null) return 'no_data';
  if (expected <= 0) return progress >= 0 ? 'on_track' : 'off_track';
  if (progress >= thresholds.onTrack * expected - 1e-12) return 'on_track';
  if (progress >= thresholds.atRisk * expected - 1e-12) return 'at_risk';
  return 'off_track';
}

// ---------------------------------------------------------------------------
// Display

export function formatValue(
  def: Pick<IndicatorDefinition, 'unit' | 'currency'>,
  value: number | null,
): string {
  if (value === null) return 'no data';
  switch (def.unit) {
    case 'percent':
      return `${value.toFixed(1)} %`;
    case 'mean_score':
      return value.toFixed(2);
    case 'ratio':
      return value.toFixed(2);
    case 'currency':
      return `${Math.round(value).toLocaleString('en-GB')} ${def.currency ?? ''}`.trim();
    default:
      return Number.isInteger(value) ? value.toLocaleString('en-GB') : value.toFixed(1);
  }
}

/**
 * Raw values a view has computed, per definition object, inputs array and period: a view asks for
 * the same ones for an indicator's value, its trend and its disclosure control. Only for one view's
 * lifetime, over inputs nobody changes meanwhile (`newRawMemo()` per request); values are shared,
 * callers copy them before changing anything.
 */
export type RawMemo = WeakMap<object, WeakMap<readonly ActivityInputs[], Map<string, RawValue>>>;
export const newRawMemo = (): RawMemo => new WeakMap();

/** `computeRaw` of the activities of `inputs` held within `period`, from `memo` when it has it. */
export function rawOfPeriod(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  period: Period,
  memo?: RawMemo,
): RawValue {
  if (!memo) return computeRaw(def, inPeriod(inputs, period), period);
  let byInputs = memo.get(def);
  if (!byInputs) {
    byInputs = new WeakMap();
    memo.set(def, byInputs);
  }
  let byPeriod = byInputs.get(inputs);
  if (!byPeriod) {
    byPeriod = new Map();
    byInputs.set(inputs, byPeriod);
  }
  const key = `${period.from}|${period.to}`;
  let raw = byPeriod.get(key);
  if (!raw) {
    raw = computeRaw(def, inPeriod(inputs, period), period);
    byPeriod.set(key, raw);
  }
  return raw;
}

const ADDITIVE = new Set(['count_activities', 'sum_participants']);

/** How a multi-year period of an additive count is summarised (null: not an additive count). */
export function periodSummaryOf(def: IndicatorDefinition): PeriodSummary | null {
  if (!def.computation || !ADDITIVE.has(def.computation.kind)) return null;
  if (def.periodSummary) return def.periodSummary;
  return def.targets.some((t) => t.cumulative) ? 'sum' : 'latest_year';
}

export const PERIOD_SUMMARY_TEXT: Record<PeriodSummary, string> = {
  sum: 'sum of the years',
  mean_per_year: 'mean per year with data',
  latest_year: 'latest year with data',
};

/** A period's raw value with the multi-year summary applied, and what that summary was. */
export function periodValue(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  period: Period,
  memo?: RawMemo,
): RawValue & { summary: string | null } {
  const rule = periodSummaryOf(def);
  const [first, last] = [yearOf(period.from), yearOf(period.to)];
  if (!rule || first === last) return { ...rawOfPeriod(def, inputs, period, memo), summary: null };
  const years: { year: number; raw: RawValue }[] = [];
  for (let y = first; y <= last; y++) {
    const p = {
      label: String(y),
      from: y === first ? period.from : `${y}-01-01`,
      to: y === last ? period.to : `${y}-12-31`,
    };
    const raw = rawOfPeriod(def, inputs, p, memo);
    if (raw.value !== null) years.push({ year: y, raw });
  }
  const base = computeRaw(def, [], period);
  if (years.length === 0) return { ...base, summary: PERIOD_SUMMARY_TEXT[rule] };
  const total = years.reduce((s, y) => s + (y.raw.value as number), 0);
  const n = years.reduce((s, y) => s + y.raw.n, 0);
  const latest = years.at(-1) as { year: number; raw: RawValue };
  const summary =
    rule === 'latest_year'
      ? `latest year with data (${latest.year})`
      : rule === 'sum'
        ? `sum of ${years.length} year${years.length === 1 ? '' : 's'} with data`
        : `mean per year over ${years.length} year${years.length === 1 ? '' : 's'} with data`;
  if (rule === 'latest_year') return { ...latest.raw, summary };
  return {
    ...latest.raw,
    value: rule === 'sum' ? total : total / years.length,
    n,
    summary,
  };
}

/** Respondent values on fewer people than this are withheld everywhere (value, interval, status). */
export const WITHHOLD_BELOW = MIN_CELL_N;

/** Whether a raw value is withheld: it describes fewer than 5 respondents. */
export const isWithheld = (raw: Pick<RawValue, 'respondents' | 'n' | 'value'>) =>
  raw.respondents && raw.n > 0 && raw.n < WITHHOLD_BELOW;

/** The indicator's value in one period, with n, CI, low-n flag, progress, status and trend. */
export function computeIndicatorValue(
  def: IndicatorDef,
  version: number,
  inputs: readonly ActivityInputs[],
  period: Period,
  opts: EngineOptions,
): IndicatorValue {
  const asOfRaw = opts.asOf ?? new Date().toISOString().slice(0, 10);
  const raw = periodValue(def, inputs, period, opts.memo);
  const withheld = isWithheld(raw);
  const lowN = !withheld && raw.respondents && raw.value !== null && raw.n < def.minimumN;
  const warning = lowN ? lowNWarning(raw.n, def.minimumN) : null;

  const target = targetFor(def, period);
  const baseline =
    def.baseline && def.baseline.value !== null
      ? { value: def.baseline.value, date: def.baseline.date ?? opts.framework.periodStart }
      : null;
  // The figure progress compares is the headline, except that a cumulative target of an additive
  // count is compared with the sum since the framework start.
  let compared = withheld ? null : raw.value;
  let comparedNote: string | null = null;
  if (target?.cumulative && def.computation && ADDITIVE.has(def.computation.kind)) {
    const since = { label: '', from: dateOf(opts.framework.periodStart), to: period.to };
    const sum = periodValue({ ...def, periodSummary: 'sum' }, inputs, since).value;
    if (sum !== raw.value) {
      compared = sum;
      comparedNote = `cumulative target: progress compares the total since ${yearOf(opts.framework.periodStart)} (${sum ?? 'no data'})`;
    }
  }
  const progress = progressOf(compared, baseline?.value, target?.value, def.direction);
  const asOf = [asOfRaw, period.to].sort()[0] as string;
  const expected = target && baseline ? expectedProgressAt(baseline.date, target.date as string, asOf) : null;
  const status = statusOf(progress, expected, def.thresholds);
  const statusReason = withheld
    ? `fewer than ${WITHHOLD_BELOW} respondents: the value is withheld to protect them`
    : raw.value === null
      ? (raw.reason ?? 'no data in this period')
      : progress === null
        ? 'no baseline or target: progress cannot be measured'
        : (comparedNote ?? (raw.summary ? `progress compares the ${raw.summary}` : null));

  const trend: IndicatorValue['trend'] = [];
  const lastYear = Math.min(yearOf(opts.framework.periodEnd), yearOf(asOfRaw));
  for (let y = yearOf(opts.framework.periodStart); y <= lastYear; y++) {
    const p = yearPeriod(y);
    const r = rawOfPeriod(def, inputs, p, opts.memo);
    if (r.value === null && !isWithheld(r)) continue;
    if (isWithheld(r)) trend.push({ year: y, value: null, n: null, withheld: true });
    else trend.push({ year: y, value: r.value, n: r.n, withheld: false });
  }

  return {
    indicatorId: def.id,
    code: def.code,
    name: def.name,
    unit: def.unit ?? 'count',
    version,
    direction: def.direction,
    period,
    value: withheld ? null : raw.value,
    display: withheld ? `< ${WITHHOLD_BELOW}` : formatValue(def, raw.value),
    n: withheld ? null : raw.n,
    nOf: raw.nOf,
    of: raw.of,
    lowN,
    lowNMessage: warning?.message ?? null,
    withheld,
    ci: withheld ? null : raw.ci,
    ciDisplay: withheld || !raw.ci ? null : formatInterval(def, raw.ci),
    method: raw.method,
    scale: raw.scale,
    summary: raw.summary,
    reason: raw.value === null ? raw.reason : null,
    baseline: baseline && { value: baseline.value, date: baseline.date },
    target: target && { value: target.value as number, label: target.period || (target.date as string) },
    progress: withheld ? null : progress,
    expectedProgress: expected,
    status: withheld ? 'no_data' : status,
    statusReason,
    trend,
  };
}

/** "95 % CI 3.10 to 4.20" in the indicator's unit. */
export function formatInterval(
  def: Pick<IndicatorDefinition, 'unit' | 'currency'>,
  ci: { lower: number; upper: number; level: number },
): string {
  const f = (x: number) => formatValue(def, x);
  return `${Math.round(ci.level * 100)} % CI ${f(ci.lower)} to ${f(ci.upper)}`;
}

// ---------------------------------------------------------------------------
// Breakdowns and cells

/** One cell's figures before suppression. */
export interface CellFigures {
  key: string;
  n: number;
  value: number | null;
}

/** A breakdown cell as the contract shows it, suppressed below `MIN_CELL_N`. */
export function toCells(
  def: Pick<IndicatorDefinition, 'unit' | 'currency'>,
  figures: readonly CellFigures[],
): BreakdownCell[] {
  return suppressSmallCells(figures, MIN_CELL_N).map((c) =>
    c.suppressed
      ? { key: c.key, n: null, value: null, suppressed: true, display: c.display }
      : { key: c.key, n: c.n, value: c.value, suppressed: false, display: formatValue(def, c.value) },
  );
}

/** A single cell (e.g. one activity's contribution): suppressed when it counts respondents and n < 5. */
export function singleCell(
  def: Pick<IndicatorDefinition, 'unit' | 'currency'>,
  raw: Pick<RawValue, 'n' | 'value' | 'respondents' | 'ci'>,
): {
  n: number | null;
  value: number | null;
  display: string;
  suppressed: boolean;
  ci: RawValue['ci'];
} {
  // No n is kept beside a "< 5": total minus the other rows would give it back.
  if (raw.respondents && raw.n > 0 && raw.n < MIN_CELL_N)
    return { n: null, value: null, display: `< ${MIN_CELL_N}`, suppressed: true, ci: null };
  return { n: raw.n, value: raw.value, display: formatValue(def, raw.value), suppressed: false, ci: raw.ci };
}

/** The profile dimension each disaggregation reads in the aggregates (region: from country). */
const DIMENSION: Record<string, string | null> = {
  gender: 'gender',
  country: 'country',
  organisation_type: 'organisation_type',
  region: 'country',
};

/** The key of a region cell for respondents whose country is in no region. */
export const OTHER_REGION = 'other';

/**
 * Breakdowns of a respondent-based indicator (measure_mean, measure_share_above) by each of its
 * disaggregations, from the aggregate dimension keys (`<q>|gender=female|n`...), every cell run
 * through `suppressSmallCells` (fewer than 5: '< 5', plus complementary suppression). `region`
 * sums the country cells of the framework's regions (a country is in at most one region, so no
 * respondent counts twice; countries in none make the `other` cell); without regions it is empty.
 * Other computations have no respondent breakdown in the aggregates and give empty lists.
 */
export function breakdownsFor(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  regions: readonly { id: string; countries: readonly string[] }[] = [],
): Record<string, BreakdownCell[]> {
  const figures = breakdownFigures(def, inputs, regions);
  return Object.fromEntries(Object.entries(figures).map(([d, f]) => [d, toCells(def, f)]));
}

/** The breakdown cells before any suppression (n and value of each cell), by disaggregation. */
export function breakdownFigures(
  def: IndicatorDefinition,
  inputs: readonly ActivityInputs[],
  regions: readonly { id: string; countries: readonly string[] }[] = [],
): Record<string, CellFigures[]> {
  const out: Record<string, CellFigures[]> = {};
  const c = def.computation;
  const regionOf = new Map(regions.flatMap((r) => r.countries.map((country) => [country, r.id] as const)));
  for (const d of def.disaggregations) {
    const dim = d === 'region' && regions.length === 0 ? null : DIMENSION[d];
    if (!dim || !c || (c.kind !== 'measure_mean' && c.kind !== 'measure_share_above')) {
      out[d] = [];
      continue;
    }
    const cellOf = d === 'region' ? (v: string) => regionOf.get(v) ?? OTHER_REGION : (v: string) => v;
    const cells = new Map<string, { m: Moments; above: number; counted: number }>();
    for (const s of surveysFor(inputs, c.surveyKind))
      for (const key of measureKeys(s.definition, c.measure)) {
        const prefix = `${key}|${dim}=`;
        const values = new Set<string>();
        for (const k of Object.keys(s.aggregates))
          if (k.startsWith(prefix)) values.add(k.slice(prefix.length, k.lastIndexOf('|')));
        for (const v of values) {
          const cell = cells.get(cellOf(v)) ?? { m: EMPTY_MOMENTS, above: 0, counted: 0 };
          cell.m = combine(cell.m, momentsAt(s.aggregates, key, `${dim}=${v}`));
          if (c.kind === 'measure_share_above' && c.threshold !== null) {
            cell.above += countAtOrAbove(s.aggregates, key, c.threshold, `${dim}=${v}`);
            cell.counted += histogramTotal(s.aggregates, key, `${dim}=${v}`);
          }
          cells.set(cellOf(v), cell);
        }
      }
    const figures = [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, { m, above, counted }]) => ({
        key,
        n: m.n,
        value:
          c.kind === 'measure_mean'
            ? momentsToSummary(m).mean
            : counted === 0
              ? null
              : (above / counted) * (def.unit === 'ratio' ? 1 : 100),
      }));
    out[d] = figures;
  }
  return out;
}
