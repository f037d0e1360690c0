import { guardCell } from '../exports/cells.js';
import { goalLabel, orderedGoals } from './labels.js';
import { timelineCoversYear } from './rules.js';
import type { ActionPoint, PillarId, PriorityGoal, Timeline } from './schema.js';

/*
 * Step 3 of the strategic document: the implementation plan. For each priority goal and action
 * point of a framework version: the planned timeline, the activities planned and held on it,
 * the surveys attached to them, the indicators that measure it and their latest status; and a
 * gap list (action points due in a year with no activity, indicators without a data source).
 * Pure: the handler reads the framework, activities, surveys and indicators and calls this.
 */

export interface PlanActivityInput {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: { city: string; country: string } | null;
  actionPointCodes: string[];
  priorityGoals: number[];
  pillar: PillarId | null;
  projectId: string | null;
  participants: number | null;
  surveys: { id: string; kind: string; title: string }[];
}

export interface PlanIndicatorInput {
  id: string;
  code: string;
  name: string;
  status: string;
  priorityGoal: number | null;
  actionPointCodes: string[];
  dataSource: string;
  /** The latest computed status (on track, at risk...), when known. */
  latest: { status: string; display: string; period: string } | null;
}

/** The plan's filters; the API reads them from the query (`PlanQuery`, functions/src/framework/routes.ts). */
export interface PlanFilters {
  year?: number;
  pillar?: PillarId;
  projectId?: string;
}

export interface PlanActivity {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  country: string | null;
  city: string | null;
  participants: number | null;
  projectId: string | null;
  pillar: PillarId | null;
  /** Held: started before `today`; planned: later. */
  held: boolean;
  surveys: { id: string; kind: string; title: string }[];
}

export interface PlanActionPoint {
  code: string;
  title: string;
  timeline: Timeline;
  pillar: PillarId | null;
  retired: boolean;
  /** Whether the timeline covers the year in view (every year when none is chosen). */
  due: boolean;
  activities: PlanActivity[];
  held: number;
  planned: number;
  participants: number;
  indicators: {
    id: string;
    code: string;
    name: string;
    status: string;
    latest: PlanIndicatorInput['latest'];
  }[];
}

export interface PlanGoal {
  number: number;
  code: string;
  label: string;
  title: string;
  crossCutting: boolean;
  retired: boolean;
  actionPoints: PlanActionPoint[];
  /** Indicators on the goal that name no action point. */
  goalIndicators: PlanActionPoint['indicators'];
  /** Activities linked to the goal but to none of its action points. */
  goalActivities: PlanActivity[];
}

export interface ImplementationPlan {
  framework: { id: string; name: string; periodStart: string; periodEnd: string };
  filters: PlanFilters;
  goals: PlanGoal[];
  gaps: {
    /** Action points due in the year (the current one when none is chosen) with no activity. */
    dueWithoutActivity: { code: string; title: string; timeline: string }[];
    indicatorsWithoutSource: { id: string; code: string; name: string }[];
    year: number;
  };
  totals: { actionPoints: number; withActivity: number; activities: number; held: number; planned: number };
  /** Activities of the framework period that name no action point and no goal of this framework. */
  unplaced: PlanActivity[];
}

type FrameworkIn = {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  priorityGoals: PriorityGoal[];
  actionPoints: ActionPoint[];
};

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/** The implementation plan of a framework for the given filters; `today` an ISO instant. */
export function buildImplementationPlan(
  fw: FrameworkIn,
  activities: readonly PlanActivityInput[],
  indicators: readonly PlanIndicatorInput[],
  filters: PlanFilters,
  today: string,
): ImplementationPlan {
  const inPeriod = (a: PlanActivityInput) => {
    const day = a.startsAt.slice(0, 10);
    return fw.periodStart <= day && day <= fw.periodEnd;
  };
  const shown = activities
    .filter(inPeriod)
    .filter((a) => filters.year === undefined || yearOf(a.startsAt) === filters.year)
    .filter((a) => !filters.pillar || a.pillar === filters.pillar)
    .filter((a) => !filters.projectId || a.projectId === filters.projectId)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const toPlan = (a: PlanActivityInput): PlanActivity => ({
    id: a.id,
    title: a.title,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    country: a.place?.country ?? null,
    city: a.place?.city ?? null,
    participants: a.participants,
    projectId: a.projectId,
    pillar: a.pillar,
    held: a.startsAt < today,
    surveys: a.surveys,
  });
  const measure = (i: PlanIndicatorInput) => ({
    id: i.id,
    code: i.code,
    name: i.name,
    status: i.status,
    latest: i.latest,
  });
  const live = indicators.filter((i) => i.status !== 'retired');
  // The gap list looks at the year chosen, else the current year kept inside the framework period.
  const gapYear =
    filters.year ?? Math.min(Math.max(yearOf(today), yearOf(fw.periodStart)), yearOf(fw.periodEnd));
  const codes = new Set(fw.actionPoints.map((a) => a.code));

  const goals: PlanGoal[] = orderedGoals(fw.priorityGoals).map((g) => {
    const aps = fw.actionPoints
      .filter((a) => a.goal === g.number)
      .filter(
        (a) =>
          !filters.pillar ||
          !a.pillar ||
          a.pillar === filters.pillar ||
          shown.some((s) => s.actionPointCodes.includes(a.code)),
      )
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
      .map((a): PlanActionPoint => {
        const acts = shown.filter((s) => s.actionPointCodes.includes(a.code)).map(toPlan);
        return {
          code: a.code,
          title: a.title,
          timeline: a.timeline,
          pillar: a.pillar ?? null,
          retired: a.retired ?? false,
          due: filters.year === undefined ? true : timelineCoversYear(a.timeline, filters.year),
          activities: acts,
          held: acts.filter((x) => x.held).length,
          planned: acts.filter((x) => !x.held).length,
          participants: acts.reduce((sum, x) => sum + (x.participants ?? 0), 0),
          indicators: live.filter((i) => i.actionPointCodes.includes(a.code)).map(measure),
        };
      });
    return {
      number: g.number,
      code: g.code,
      label: goalLabel(g, fw.actionPoints),
      title: g.title,
      crossCutting: g.crossCutting,
      retired: g.retired ?? false,
      actionPoints: aps,
      goalIndicators: live
        .filter((i) => i.priorityGoal === g.number && !i.actionPointCodes.some((c) => codes.has(c)))
        .map(measure),
      goalActivities: shown
        .filter((s) => s.priorityGoals.includes(g.number))
        .filter((s) => !s.actionPointCodes.some((c) => aps.some((a) => a.code === c)))
        .map(toPlan),
    };
  });

  const all = goals.flatMap((g) => g.actionPoints);
  // Gaps look at every activity of the year (not only the filtered ones' pillar or project).
  const yearActivities = activities.filter(inPeriod).filter((a) => yearOf(a.startsAt) === gapYear);
  const dueWithoutActivity = fw.actionPoints
    .filter((a) => !a.retired && timelineCoversYear(a.timeline, gapYear))
    .filter((a) => !yearActivities.some((s) => s.actionPointCodes.includes(a.code)))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }))
    .map((a) => ({ code: a.code, title: a.title, timeline: a.timeline.text }));
  return {
    framework: { id: fw.id, name: fw.name, periodStart: fw.periodStart, periodEnd: fw.periodEnd },
    filters,
    goals,
    gaps: {
      dueWithoutActivity,
      indicatorsWithoutSource: live
        .filter((i) => i.dataSource.trim() === '')
        .map((i) => ({ id: i.id, code: i.code, name: i.name })),
      year: gapYear,
    },
    totals: {
      actionPoints: all.length,
      withActivity: all.filter((a) => a.activities.length > 0).length,
      activities: shown.filter((s) => s.actionPointCodes.some((c) => codes.has(c))).length,
      held: shown.filter((s) => s.startsAt < today && s.actionPointCodes.some((c) => codes.has(c))).length,
      planned: shown.filter((s) => s.startsAt >= today && s.actionPointCodes.some((c) => codes.has(c)))
        .length,
    },
    unplaced: shown
      .filter((s) => !s.actionPointCodes.some((c) => codes.has(c)))
      .filter((s) => !s.priorityGoals.some((n) => fw.priorityGoals.some((g) => g.number === n)))
      .map(toPlan),
  };
}

/*
 * CSV export. Every cell, header included, goes through the shared guard against formula
 * injection (../exports/cells.ts): a text that starts, or has a part after a separator or a line
 * break that starts, with =, +, -, @ (after spaces or control characters) gets an apostrophe.
 */

/** A cell as a spreadsheet may read it safely, quoted per RFC 4180 where needed. */
export function csvCell(value: string | number | null | undefined): string {
  const text = String(guardCell(value));
  return /[",;\t\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV row per action point and activity (an action point without activity: one row). */
export function planCsv(
  plan: ImplementationPlan,
  projectNames: ReadonlyMap<string, string> = new Map(),
): string {
  const header = [
    'Goal',
    'Action point',
    'Action',
    'Timeline',
    'Due',
    'Activity',
    'Start',
    'End',
    'Held or planned',
    'Country',
    'Participants',
    'Project',
    'Surveys',
    'Indicators (latest status)',
  ];
  const rows: (string | number | null)[][] = [];
  for (const g of plan.goals) {
    for (const a of g.actionPoints) {
      const measures = a.indicators
        .map((i) => `${i.code}${i.latest ? ` (${i.latest.status} ${i.latest.display})` : ` (${i.status})`}`)
        .join('; ');
      const base = [g.label, a.code, a.title, a.timeline.text, a.due ? 'yes' : 'no'];
      if (a.activities.length === 0) rows.push([...base, '', '', '', '', '', null, '', '', measures]);
      for (const x of a.activities)
        rows.push([
          ...base,
          x.title,
          x.startsAt.slice(0, 10),
          x.endsAt.slice(0, 10),
          x.held ? 'held' : 'planned',
          x.country ?? '',
          x.participants,
          x.projectId ? (projectNames.get(x.projectId) ?? x.projectId) : '',
          x.surveys.map((s) => s.kind).join('; '),
          measures,
        ]);
    }
  }
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n');
}
