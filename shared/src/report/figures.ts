/**
 * The report's activity figures and learning highlights, computed by the indicator engine itself:
 * each figure is a fixed indicator definition (never stored) evaluated with `computeIndicatorValue`
 * and passed through the disclosure layer (`protectIndicator` + `publishValue`), exactly as a
 * stored indicator of the goal overview is. Only the follow-up "applied what was learned" share,
 * which the engine has no computation for (a single choice, not a scale), is counted here from the
 * same roll-up aggregates, and protected with the same headline rule.
 */

import { protectHeadline } from '../disclosure/indicator.js';
import { MIN_PEOPLE } from '../disclosure/protect.js';
import {
  type IndicatorDefinition,
  IndicatorDefinition as IndicatorDefinitionSchema,
} from '../indicators/schema.js';
import { wilsonCI } from '../lib/statistics.js';
import type { IndicatorValue } from '../results/contract.js';
import { protectIndicator, publishValue } from '../results/disclosed.js';
import {
  type ActivityInputs,
  computeIndicatorValue,
  computeRaw,
  histogramTotal,
  type IndicatorDef,
  inPeriod,
  type Period,
  passesFilters,
  yearPeriod,
} from '../results/indicators.js';

type Fw = { periodStart: string; periodEnd: string };

const MEETINGS = ['thematic_meeting', 'working_group_meeting', 'expert_meeting'] as const;

function figureDef(code: string, name: string, input: Record<string, unknown>): IndicatorDef {
  const parsed: IndicatorDefinition = IndicatorDefinitionSchema.parse({
    frameworkId: 'report',
    code,
    name,
    status: 'active',
    periodSummary: 'sum',
    ...input,
  });
  return { ...parsed, id: `report-${code}` };
}

/** The activity figures, as the previous project's results document states them. */
const ACTIVITY_SPECS = {
  meetings: spec('meetings', 'Meetings held', {
    unit: 'count',
    computation: { kind: 'count_activities' },
    filters: { activityTypes: [...MEETINGS] },
    definition: 'Thematic, working group and expert meetings that started in the period.',
  }),
  trainings: spec('trainings', 'Trainings held', {
    unit: 'count',
    computation: { kind: 'count_activities' },
    filters: { activityTypes: ['training'] },
    definition: 'Trainings that started in the period.',
  }),
  otherActivities: spec('other-activities', 'Workshops, study visits and other activities', {
    unit: 'count',
    computation: { kind: 'count_activities' },
    filters: { activityTypes: ['workshop', 'study_visit', 'other'] },
    definition: 'Workshops, study visits and other activities that started in the period.',
  }),
  participants: spec('participants', 'Participants', {
    unit: 'count',
    computation: { kind: 'sum_participants' },
    definition:
      'Participants summed over the activities of the period: the attendance list, else the reported attendance. A person at two activities counts twice.',
  }),
  trained: spec('trained', 'Officials trained', {
    unit: 'count',
    computation: { kind: 'sum_participants' },
    filters: { activityTypes: ['training'] },
    definition: 'Participants of the trainings of the period (attendance list, else reported attendance).',
  }),
  countries: spec('countries', 'Countries represented', {
    unit: 'count',
    computation: { kind: 'distinct_countries' },
    definition:
      'Distinct countries over the attendance lists of the period; where only a reported figure exists, at least the largest one.',
  }),
  organisations: spec('organisations', 'Organisations represented', {
    unit: 'count',
    computation: { kind: 'distinct_organisations' },
    definition:
      'Distinct organisations over the attendance lists of the period (case and spacing ignored); where only a reported figure exists, at least the largest one.',
  }),
  women: spec('women', "Women's share of participants", {
    unit: 'percent',
    computation: { kind: 'share_women' },
    definition: 'Women among the participants of the activities that state both figures.',
  }),
} as const;

/** The learning highlights the engine computes (paired knowledge tests and self-ratings). */
const LEARNING_SPECS = {
  knowledgeChange: spec('knowledge-change', 'Knowledge change (paired pre/post tests)', {
    unit: 'percent',
    computation: { kind: 'mean_prepost_change', measure: 'knowledge' },
    definition:
      'Mean change of the same respondents between the knowledge pre-test and post-test, in percentage points of the test maximum.',
  }),
  normalisedGain: spec('normalised-gain', 'Normalised gain', {
    unit: 'percent',
    computation: { kind: 'normalised_gain', measure: 'knowledge' },
    definition:
      'Class gain (mean post − mean pre) / (maximum − mean pre) of the paired respondents: the share of the possible gain achieved.',
  }),
  improved: spec('improved', 'Paired respondents who improved', {
    unit: 'percent',
    computation: { kind: 'share_improved', measure: 'knowledge' },
    definition: 'Share of the paired respondents whose post-test score is above their pre-test score.',
  }),
  selfRated: spec('self-rated-change', 'Self-rated knowledge change (retrospective)', {
    unit: 'mean_score',
    computation: { kind: 'mean_prepost_change', measure: 'self_rated_knowledge' },
    definition:
      'Mean of each respondent’s own "now" minus "before" self-rating (1-5), both given after the event; reported apart from the tests.',
  }),
} as const;

type Spec = { code: string; name: string; input: Record<string, unknown> };
function spec(code: string, name: string, input: Record<string, unknown>): Spec {
  return { code, name, input };
}
/**
 * Parsed on first use, not when the module loads: the indicator schema's first parse compiles its
 * validator, which every cold start of the staff API paid (about 20 ms) for the report's routes only.
 */
function parsedOnce<K extends string>(specs: Record<K, Spec>): () => Readonly<Record<K, IndicatorDef>> {
  let defs: Record<K, IndicatorDef> | undefined;
  return () =>
    (defs ??= Object.fromEntries(
      Object.entries<Spec>(specs).map(([key, s]) => [key, figureDef(s.code, s.name, s.input)]),
    ) as Record<K, IndicatorDef>);
}
/** The activity figures, by key (parsed on first use). */
export const activityFigures = parsedOnce(ACTIVITY_SPECS);
/** The learning figures, by key (parsed on first use). */
export const learningFigures = parsedOnce(LEARNING_SPECS);

export type ActivityFigureKey = keyof typeof ACTIVITY_SPECS;
export type LearningFigureKey = keyof typeof LEARNING_SPECS;

/** One figure of the report: the engine's value after disclosure control. */
export function engineFigure(
  def: IndicatorDef,
  inputs: readonly ActivityInputs[],
  fw: Fw,
  period: Period,
  asOf: string,
): IndicatorValue {
  const mine = inputs.filter((i) => passesFilters(def, i.activity));
  const protection = protectIndicator(def, fw, mine, null, { withCells: false });
  return publishValue(computeIndicatorValue(def, 1, mine, period, { framework: fw, asOf }), protection);
}

/**
 * Mean number of countries per activity with attendance figures ("from an average of 37 countries"),
 * over the meetings and trainings of the period; null when none states its countries.
 */
export function meanCountriesPerActivity(
  inputs: readonly ActivityInputs[],
  period: Pick<Period, 'from' | 'to'>,
): { value: number | null; n: number } {
  const { countries } = activityFigures();
  const values = inPeriod(inputs, period).flatMap((i) => {
    const v = computeRaw(countries, [i]).value;
    return v === null || v === 0 ? [] : [v];
  });
  return {
    value: values.length === 0 ? null : values.reduce((s, x) => s + x, 0) / values.length,
    n: values.length,
  };
}

/** Options of a follow-up "did you apply it?" question that count as applied. */
export const APPLIED_OPTIONS = ['yes', 'partly'] as const;

export interface BehaviourChange {
  /** Percent of follow-up respondents who applied what they learned (fully or partly). */
  value: number | null;
  /** Percent who applied it fully. */
  fully: number | null;
  n: number | null;
  ci: { lower: number; upper: number; level: number } | null;
  withheld: boolean;
  display: string;
  method: string;
}

/** Applied / answered of one activity's follow-up surveys (single-choice questions tagged `application`). */
function appliedCounts(i: ActivityInputs): { yes: number; partly: number; n: number } {
  let yes = 0;
  let partly = 0;
  let n = 0;
  for (const s of i.surveys) {
    if (s.kind !== 'follow_up') continue;
    const q = s.definition.questions.find(
      (x) =>
        x.type === 'single_choice' && x.measure === 'application' && x.options.some((o) => o.id === 'yes'),
    );
    if (!q) continue;
    yes += s.aggregates[`${q.id}|all|c:yes`] ?? 0;
    partly += s.aggregates[`${q.id}|all|c:partly`] ?? 0;
    n += histogramTotal(s.aggregates, q.id);
  }
  return { yes, partly, n };
}

const yearsOf = (fw: Fw) => {
  const out: number[] = [];
  for (let y = Number(fw.periodStart.slice(0, 4)); y <= Number(fw.periodEnd.slice(0, 4)); y++) out.push(y);
  return out;
};

const BEHAVIOUR_METHOD =
  'share of follow-up respondents answering "yes" or "partly" to the question whether they applied what they learned, with 95 % Wilson score interval';

/**
 * Follow-up behaviour change (training-evaluation level 3) in a period, withheld under the same
 * headline rule as every indicator (fewer than 5 people, or recoverable from the other years).
 */
export function behaviourChange(inputs: readonly ActivityInputs[], fw: Fw, period: Period): BehaviourChange {
  const whole = { from: fw.periodStart.slice(0, 10), to: fw.periodEnd.slice(0, 10) };
  const perActivity = inPeriod(inputs, whole).map((i) => ({ i, c: appliedCounts(i) }));
  const sum = (list: typeof perActivity) =>
    list.reduce((s, x) => ({ yes: s.yes + x.c.yes, partly: s.partly + x.c.partly, n: s.n + x.c.n }), {
      yes: 0,
      partly: 0,
      n: 0,
    });
  const inP = (p: Pick<Period, 'from' | 'to'>) =>
    perActivity.filter((x) => {
      const d = x.i.activity.startsAt.slice(0, 10);
      return d >= p.from && d <= p.to;
    });
  const total = sum(inP(period));
  const none = { value: null, fully: null, n: null, ci: null, method: BEHAVIOUR_METHOD };
  if (total.n === 0) return { ...none, withheld: false, display: 'no data' };
  const years: Record<string, number> = {};
  for (const y of yearsOf(fw)) years[String(y)] = sum(inP(yearPeriod(y))).n;
  const p = protectHeadline({
    whole: sum(perActivity).n,
    years,
    activities: perActivity
      .filter((x) => x.c.n > 0)
      .map((x) => ({ id: x.i.activity.id, year: x.i.activity.startsAt.slice(0, 4), n: x.c.n })),
  }).all;
  const isYear = period.from.slice(0, 4) === period.to.slice(0, 4);
  const withheld = total.n < MIN_PEOPLE || (isYear ? p.years.has(period.from.slice(0, 4)) : p.whole);
  if (withheld) return { ...none, withheld: true, display: `< ${MIN_PEOPLE}` };
  const applied = total.yes + total.partly;
  const w = wilsonCI(applied, total.n);
  const value = (applied / total.n) * 100;
  return {
    value,
    fully: (total.yes / total.n) * 100,
    n: total.n,
    ci:
      w.lower === null || w.upper === null
        ? null
        : { lower: w.lower * 100, upper: w.upper * 100, level: w.level },
    withheld: false,
    display: `${value.toFixed(1)} %`,
    method: BEHAVIOUR_METHOD,
  };
}
