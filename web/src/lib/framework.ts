import type { FrameworkDetail, FrameworkSummary, ProjectRecord } from '$shared/framework/api';
import type { FrameworkStatus, Money, ResultLevel, Timeline } from '$shared/framework/schema';
import { api } from './api';

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
  if (!m) return 'Not stated';
  let text: string;
  try {
    text = new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: m.currency,
      maximumFractionDigits: 0,
    }).format(m.amount);
  } catch {
    text = `${m.amount.toLocaleString('en-GB')} ${m.currency}`;
  }
  return m.approximate ? `~${text}` : text;
}

/** "2017–2021", "from 2019", or "Not stated". */
export function formatPeriod(start: number | null, end: number | null): string {
  if (start !== null && end !== null) return start === end ? String(start) : `${start}–${end}`;
  if (start !== null) return `from ${start}`;
  if (end !== null) return `until ${end}`;
  return 'Not stated';
}

/** A timeline as written in the plan ("2020", "2022-2024", "Ongoing"). */
export function formatTimeline(t: Timeline): string {
  return t.kind === 'ongoing' ? 'Ongoing' : t.text;
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
