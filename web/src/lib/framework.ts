import type { FrameworkStatus, Money, ResultLevel, Timeline } from '$shared/framework/schema';

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
