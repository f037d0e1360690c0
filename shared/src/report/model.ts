/**
 * The yearly results report, pure: the framework, the disclosed indicator values of the goal
 * overview, the activities' engine inputs, the lessons and practices of the period and the goal
 * narratives in; one document out, the same for the page, the workbook and the issued snapshot.
 * Every figure about respondents in it has passed the disclosure layer (the overview values
 * through `publishValue`, the activity and learning figures through figures.ts).
 */
import { MIN_PEOPLE } from '../disclosure/protect.js';
import type { IndicatorDefinition } from '../indicators/schema.js';
import { CLASS_GAIN_METHOD } from '../learning/change.js';
import { lessonsOfPeriod } from '../lessons/rules.js';
import type { Lesson } from '../lessons/schema.js';
import type { IndicatorValue, Status } from '../results/contract.js';
import { type ActivityInputs, inPeriod, type Period, passesFilters } from '../results/indicators.js';
import { ATTEMPT_RULE } from '../results/learning.js';
import {
  type ActivityFigureKey,
  activityFigures,
  type BehaviourChange,
  behaviourChange,
  engineFigure,
  type LearningFigureKey,
  learningFigures,
  meanCountriesPerActivity,
} from './figures.js';

/** One figure of the report as published: value (or why none), interval, n and what n counts. */
export interface ReportFigure {
  key: string;
  label: string;
  value: number | null;
  display: string;
  n: number | null;
  nOf: string;
  ci: { lower: number; upper: number; level: number } | null;
  ciDisplay: string | null;
  withheld: boolean;
  unit: string;
  method: string | null;
  scale: string | null;
  reason: string | null;
}

/** One indicator of a goal: value, interval, n, target, progress, status, version, short trend. */
export interface ReportIndicator {
  indicatorId: string;
  code: string;
  name: string;
  unit: string;
  version: number;
  value: number | null;
  display: string;
  ci: { lower: number; upper: number; level: number } | null;
  ciDisplay: string | null;
  n: number | null;
  nOf: string;
  withheld: boolean;
  lowN: boolean;
  baseline: { value: number; date: string } | null;
  target: { value: number; label: string } | null;
  progress: number | null;
  status: Status;
  statusReason: string | null;
  method: string | null;
  scale: string | null;
  summary: string | null;
  /** Years of the plan up to the report's period end. */
  trend: { year: number; value: number | null; n: number | null; withheld: boolean }[];
}

export interface Narrative {
  text: string;
  updatedAt: string;
  updatedBy: string;
}

export interface ReportGoal {
  number: number;
  title: string;
  crossCutting: boolean;
  narrative: Narrative | null;
  indicators: ReportIndicator[];
}

export interface ReportLesson {
  id: string;
  kind: Lesson['kind'];
  title: string;
  text: string;
  date: string;
  priorityGoals: number[];
  actionPointCodes: string[];
  activities: { id: string; title: string }[];
  indicators: Lesson['indicators'];
  quotes: Lesson['quotes'];
}

export interface MethodDefinition {
  code: string;
  name: string;
  version: number;
  definition: string;
  computation: string;
  unit: string;
  dataSource: string;
  limitations: string;
}

export interface ReportDocument {
  kind: 'results-report';
  framework: { id: string; name: string; periodStart: string; periodEnd: string };
  /** "2023" or "plan". */
  periodKey: string;
  period: { label: string; from: string; to: string };
  status: 'draft' | 'issued';
  /** When the figures were computed. */
  generatedAt: string;
  issuedAt: string | null;
  issuedBy: string | null;
  /** The draft version the document was built from (issue checks it). */
  draftVersion: number;
  goals: ReportGoal[];
  activities: {
    figures: ReportFigure[];
    /** Activities of the period by type (counts of activity records, not people). */
    byType: { type: string; count: number }[];
    meanCountries: { value: number | null; n: number; display: string };
  };
  learning: { figures: ReportFigure[]; behaviour: BehaviourChange };
  lessons: ReportLesson[];
  methods: {
    definitions: MethodDefinition[];
    figures: { label: string; definition: string }[];
    suppression: string;
    pairing: string;
    attempts: string;
    gain: string;
    period: string;
    status: string;
  };
}

export interface ReportInputs {
  framework: {
    id: string;
    name: string;
    periodStart: string;
    periodEnd: string;
    priorityGoals: readonly { number: number; title: string; crossCutting?: boolean }[];
  };
  periodKey: string;
  period: Period;
  /** The goal overview's values of the period (already through the disclosure layer). */
  goals: readonly { number: number; indicators: readonly IndicatorValue[] }[];
  /** The definitions behind those values, for the methods annex. */
  definitions: readonly (IndicatorDefinition & { id: string; version: number })[];
  /** Engine inputs of every activity of the plan period (unfiltered). */
  inputs: readonly ActivityInputs[];
  lessons: readonly Lesson[];
  narratives: Readonly<Record<string, Narrative>>;
  draftVersion: number;
  generatedAt: string;
  /** "Today" for expected progress (ISO date). */
  asOf: string;
}

/** The report's period: a calendar year inside the plan, or the whole plan. Null when outside. */
export function reportPeriod(fw: { periodStart: string; periodEnd: string }, key: string): Period | null {
  const [from, to] = [fw.periodStart.slice(0, 10), fw.periodEnd.slice(0, 10)];
  if (key === 'plan') return { label: `${from.slice(0, 4)}-${to.slice(0, 4)}`, from, to };
  const y = Number(key);
  if (!Number.isInteger(y) || y < Number(from.slice(0, 4)) || y > Number(to.slice(0, 4))) return null;
  return { label: String(y), from: `${y}-01-01`, to: `${y}-12-31` };
}

const COMPUTATION_TEXT: Record<string, string> = {
  count_activities: 'number of activities in the period',
  sum_participants: 'participants summed over activities (attendance list, else reported attendance)',
  distinct_countries: 'distinct countries over the attendance lists',
  distinct_organisations: 'distinct organisations over the attendance lists',
  share_women: 'women among participants',
  measure_mean: 'mean answer of a survey measure',
  measure_share_above: 'share of answers at or above a threshold',
  share_improved: 'share of paired respondents whose post score is above their pre score',
  mean_prepost_change: 'mean paired post − pre change',
  normalised_gain: 'class normalised gain (Hake)',
  manual: 'value entered by hand, with its evidence',
};

function computationText(d: IndicatorDefinition): string {
  const c = d.computation;
  if (!c) return 'not defined';
  const base = COMPUTATION_TEXT[c.kind] ?? c.kind;
  const parts = [base];
  if ('measure' in c && c.measure) parts.push(`measure: ${c.measure.replace(/_/g, ' ')}`);
  if (c.kind === 'measure_share_above' && c.threshold !== null) parts.push(`threshold ${c.threshold}`);
  if ('surveyKind' in c && c.surveyKind) parts.push(`survey: ${c.surveyKind.replace(/_/g, ' ')}`);
  if (d.filters.activityTypes.length) parts.push(`activity types: ${d.filters.activityTypes.join(', ')}`);
  return parts.join('; ');
}

const toFigure = (key: string, v: IndicatorValue): ReportFigure => ({
  key,
  label: v.name,
  value: v.value,
  display: v.display,
  n: v.n,
  nOf: v.nOf,
  ci: v.ci,
  ciDisplay: v.ciDisplay,
  withheld: v.withheld,
  unit: v.unit,
  method: v.method,
  scale: v.scale,
  reason: v.reason,
});

const lastYearOf = (p: Pick<Period, 'to'>) => Number(p.to.slice(0, 4));

function toIndicator(v: IndicatorValue, period: Period): ReportIndicator {
  return {
    indicatorId: v.indicatorId,
    code: v.code,
    name: v.name,
    unit: v.unit,
    version: v.version,
    value: v.value,
    display: v.display,
    ci: v.ci,
    ciDisplay: v.ciDisplay,
    n: v.n,
    nOf: v.nOf,
    withheld: v.withheld,
    lowN: v.lowN,
    baseline: v.baseline,
    target: v.target,
    progress: v.progress,
    status: v.status,
    statusReason: v.statusReason,
    method: v.method,
    scale: v.scale,
    summary: v.summary,
    // A report of 2023 does not show later years.
    trend: v.trend.filter((t) => t.year <= lastYearOf(period)),
  };
}

export const SUPPRESSION_RULE = `Disclosure control (docs/disclosure.md): a figure about fewer than ${MIN_PEOPLE} people is withheld (shown "< ${MIN_PEOPLE}", without value, n, interval or status), and further figures are withheld where a small group could be worked out by subtraction from totals, other years or activities. Counts of activities and attendance figures describe events, not respondents, and are not suppressed.`;

export const PAIRING_RULE =
  'Pre/post pairing: a pre-test and a post-test response of one activity are the same person when they come from the same device (its pairing code) or, failing that, carry the same self-generated code (three answers the participant repeats). Responses are never linked across activities; unpaired responses add to the test distributions but not to paired change.';

/** Builds the report document. `buildReport(inputs)` is the same function for a draft and for issuing. */
export function buildReport(x: ReportInputs): ReportDocument {
  const fw = x.framework;
  const fwPeriod = { periodStart: fw.periodStart, periodEnd: fw.periodEnd };
  const valuesByGoal = new Map(x.goals.map((g) => [g.number, g.indicators]));
  const goals: ReportGoal[] = fw.priorityGoals.map((g) => ({
    number: g.number,
    title: g.title,
    crossCutting: g.crossCutting ?? false,
    narrative: x.narratives[String(g.number)] ?? null,
    indicators: (valuesByGoal.get(g.number) ?? []).map((v) => toIndicator(v, x.period)),
  }));

  const inScope = inPeriod(x.inputs, x.period);
  const activityDefs = activityFigures();
  const activityRows = (Object.keys(activityDefs) as ActivityFigureKey[]).map((k) => {
    const def = activityDefs[k];
    const v = engineFigure(def, x.inputs, fwPeriod, x.period, x.asOf);
    // The engine calls a count over no matching activity "no data" (a year without activities);
    // in a period that held activities but none of this kind, the count (of activities, or of
    // their participants) is 0.
    const none =
      (def.computation?.kind === 'count_activities' || def.computation?.kind === 'sum_participants') &&
      v.value === null &&
      !v.withheld &&
      inScope.length > 0 &&
      !inScope.some((i) => passesFilters(def, i.activity));
    return toFigure(k, none ? { ...v, value: 0, display: '0', n: 0 } : v);
  });
  const learningDefs = learningFigures();
  const learningRows = (Object.keys(learningDefs) as LearningFigureKey[]).map((k) =>
    toFigure(k, engineFigure(learningDefs[k], x.inputs, fwPeriod, x.period, x.asOf)),
  );
  const types = new Map<string, number>();
  for (const i of inScope) types.set(i.activity.type, (types.get(i.activity.type) ?? 0) + 1);
  const mc = meanCountriesPerActivity(x.inputs, x.period);
  const titles = new Map(x.inputs.map((i) => [i.activity.id, i.activity.title]));

  const usedDefs = new Set(goals.flatMap((g) => g.indicators.map((i) => `${i.indicatorId}#${i.version}`)));
  const definitions: MethodDefinition[] = x.definitions
    .filter((d) => usedDefs.has(`${d.id}#${d.version}`))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((d) => ({
      code: d.code,
      name: d.name,
      version: d.version,
      definition: d.definition,
      computation: computationText(d),
      unit: d.unit ?? 'count',
      dataSource: d.dataSource,
      limitations: d.limitations,
    }));

  return {
    kind: 'results-report',
    framework: { id: fw.id, name: fw.name, periodStart: fw.periodStart, periodEnd: fw.periodEnd },
    periodKey: x.periodKey,
    period: { label: x.period.label, from: x.period.from, to: x.period.to },
    status: 'draft',
    generatedAt: x.generatedAt,
    issuedAt: null,
    issuedBy: null,
    draftVersion: x.draftVersion,
    goals,
    activities: {
      figures: activityRows,
      byType: [...types.entries()]
        .map(([type, count]) => ({ type, count }))
        .sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
      meanCountries: {
        value: mc.value,
        n: mc.n,
        display: mc.value === null ? 'no data' : mc.value.toFixed(1),
      },
    },
    learning: { figures: learningRows, behaviour: behaviourChange(x.inputs, fwPeriod, x.period) },
    lessons: lessonsOfPeriod(x.lessons, x.period).map((l) => ({
      id: l.id,
      kind: l.kind,
      title: l.title,
      text: l.text,
      date: l.date,
      priorityGoals: l.priorityGoals,
      actionPointCodes: l.actionPointCodes,
      activities: l.activityIds.map((id) => ({ id, title: titles.get(id) ?? id })),
      indicators: l.indicators,
      quotes: l.quotes,
    })),
    methods: {
      definitions,
      figures: [...Object.values(activityFigures()), ...Object.values(learningFigures())].map((d) => ({
        label: d.name,
        definition: d.definition,
      })),
      suppression: SUPPRESSION_RULE,
      pairing: PAIRING_RULE,
      attempts: ATTEMPT_RULE,
      gain: CLASS_GAIN_METHOD,
      period:
        'An activity counts in the period of its start date. Values are labelled with the definition version they were computed with; a multi-year count follows its definition’s period summary.',
      status:
        'Progress is the share of the way from baseline to target; the status compares it with the share expected by the period’s end (or today): on track at 90 % of the expected progress or more, at risk at 60 % or more, else off track (each indicator may set its own thresholds).',
    },
  };
}

/** The issued form of a draft document: frozen with its date and who issued it. */
export function issuedDocument(doc: ReportDocument, issuedAt: string, issuedBy: string): ReportDocument {
  return { ...doc, status: 'issued', issuedAt, issuedBy };
}
