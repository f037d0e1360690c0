import terms from '$lib/i18n/en/terms';
import { locale, plural, translator } from '$lib/i18n/index.svelte';
import type { FrameworkDetail, FrameworkSummary, ProjectRecord } from '$shared/framework/api';
import {
  codeRange,
  goalCount as englishGoalCount,
  goalLabel as englishGoalLabel,
} from '$shared/framework/labels';
import type {
  ActionPoint,
  FrameworkStatus,
  Money,
  PriorityGoal,
  ResultLevel,
  Timeline,
} from '$shared/framework/schema';
import { api } from './api';

const t = translator('terms', terms);

type Goal = Pick<PriorityGoal, 'number' | 'code' | 'title' | 'shortTitle' | 'crossCutting'> &
  Partial<Pick<PriorityGoal, 'order' | 'retired'>>;
type ActionPointRef = Pick<ActionPoint, 'code' | 'goal'>;

/** `goalLabel` of $shared/framework/labels with the cross-cutting group named in the shown language. */
export function goalLabel(goal: Goal, actionPoints: readonly ActionPointRef[] = []): string {
  if (!goal.crossCutting) return englishGoalLabel(goal, actionPoints);
  const range = codeRange(goal.number, actionPoints);
  return range ? t('crossCuttingRange', { range }) : t('crossCutting');
}

/** "PG1", or the cross-cutting group's word in the shown language. */
export const goalTag = (goal: Goal): string => (goal.crossCutting ? t('crossCutting') : goal.code);

/**
 * "six priority goals and a cross-cutting group (7.1–7.11)": in English as $shared/framework/labels
 * words it (numbers in words), in French and Russian with figures and the language's plural forms.
 */
export function goalCount(goals: readonly Goal[], actionPoints: readonly ActionPointRef[] = []): string {
  if (locale() === 'en') return englishGoalCount(goals, actionPoints);
  const live = goals.filter((g) => !g.retired);
  const priority = live.filter((g) => !g.crossCutting).length;
  const groups = live.filter((g) => g.crossCutting);
  const head = `${priority} ${plural(priority, t('priorityGoalForms'))}`;
  if (groups.length === 0) return head;
  const ranges = groups.map((g) => codeRange(g.number, actionPoints)).filter(Boolean);
  const range = ranges.length ? ` (${ranges.join(', ')})` : '';
  return groups.length === 1
    ? t('goalsAndGroup', { goals: head, range })
    : t('goalsAndGroups', {
        goals: head,
        groups: `${groups.length} ${plural(groups.length, t('crossCuttingGroupForms'))}`,
        range,
      });
}

/** Words for the enums of the results framework, as pages show them. */
export const STATUS_LABELS: Record<FrameworkStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  archived: 'Archived',
};

export const LEVEL_LABELS: Record<ResultLevel, string> = {
  output: 'Output',
  outcome: 'Outcome',
  impact: 'Impact',
};

/** "12 000 000 EUR" as "€12,000,000" (with "~" where the source says approximately). */
export function formatMoney(m: Money | undefined): string {
  if (!m) return t('notStated');
  // English keeps the British format it always had; French and Russian write money their own way.
  const tag = locale() === 'en' ? 'en-GB' : locale();
  let text: string;
  try {
    text = new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: m.currency,
      maximumFractionDigits: 0,
    }).format(m.amount);
  } catch {
    text = `${m.amount.toLocaleString(tag)} ${m.currency}`;
  }
  return m.approximate ? `~${text}` : text;
}

/** "2017–2021", "from 2019", or "Not stated". */
export function formatPeriod(start: number | null, end: number | null): string {
  if (start !== null && end !== null) return start === end ? String(start) : `${start}–${end}`;
  if (start !== null) return t('fromYear', { year: start });
  if (end !== null) return t('untilYear', { year: end });
  return t('notStated');
}

/** A timeline as written in the plan ("2020", "2022-2024", "Ongoing"). */
export function formatTimeline(timeline: Timeline): string {
  return timeline.kind === 'ongoing' ? t('ongoing') : timeline.text;
}

/** Common currencies first; the input accepts any ISO 4217 code. */
export const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'TRY', 'HUF'];

/*
 * The saved framework, read through the API: the active version by default, any version on
 * request. Pages never use the built-in default framework (that is only the seed of a first start).
 */

/** A framework version, whole: the active one when `id` is empty. */
export function loadFramework(id?: string | null): Promise<FrameworkDetail> {
  return api<FrameworkDetail>(id ? `/frameworks/${encodeURIComponent(id)}` : '/frameworks/active');
}

/** Every framework version (no content), by start of period. */
export async function loadFrameworks(): Promise<FrameworkSummary[]> {
  const list = await api<FrameworkSummary[]>('/frameworks');
  return [...list].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.version - b.version);
}

/** Every stored project, by name. */
export async function loadProjects(): Promise<ProjectRecord[]> {
  const list = await api<ProjectRecord[]>('/projects');
  return [...list].sort((a, b) => a.name.localeCompare(b.name));
}

export { frameworkOfDate } from '$shared/framework/periods';
