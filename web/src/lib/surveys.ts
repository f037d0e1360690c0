/** Display helpers shared by the administrator's and evaluator's survey pages. */
import terms from '$lib/i18n/en/terms';
import { dateFormat, labels, locale, numberFormat } from '$lib/i18n/index.svelte';
import type { SurveyKind } from '$shared/surveys/schema';
import type { SurveyStatus } from '$shared/surveys/survey';

export const KIND_LABELS: Record<SurveyKind, string> = labels('terms', terms, {
  pre_test: 'preTest',
  post_event: 'postEvent',
  follow_up: 'followUp',
});

export const STATUS_LABELS: Record<SurveyStatus, string> = labels('terms', terms, {
  open: 'open',
  not_yet_open: 'notYetOpen',
  closed: 'closed',
});

const englishRegions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
const languageNames = new Map<string, Intl.DisplayNames>();

/**
 * `Arabic (ar)`, `Dari (prs)`: a survey language named in the staff's language shown (`Arabe (ar)`,
 * `Арабский (ar)`, capitalised as in a list), with the code.
 */
export function languageName(lang: string): string {
  const shown = locale();
  let names = languageNames.get(shown);
  if (!names) {
    names = new Intl.DisplayNames([shown], { type: 'language', fallback: 'code' });
    languageNames.set(shown, names);
  }
  const special: Record<string, string> = { prs: 'Dari' };
  let name = shown === 'en' ? (special[lang] ?? lang) : lang;
  if (name === lang) {
    try {
      name = names.of(lang) ?? lang;
    } catch {
      name = lang;
    }
  }
  if (name === lang) return lang;
  return `${name.charAt(0).toLocaleUpperCase(shown)}${name.slice(1)} (${lang})`;
}

/** `Afghanistan` for `AF`, the code itself when unknown. */
export function countryName(code: string): string {
  try {
    return englishRegions.of(code) ?? code;
  } catch {
    return code;
  }
}

/** An ISO instant as the value of an `<input type="datetime-local">`, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` as an ISO instant; undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** `12 May 2026, 14:00`, or a dash. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—';
}

/** `42%` or `42.5%`: percents are shown to at most one decimal. */
export function formatPercent(percent: number): string {
  return `${numberFormat({ maximumFractionDigits: 1 }).format(Math.round(percent * 10) / 10)}%`;
}

/** A mean or median to two decimals at most, or a dash. */
export function formatNumber(value: number | null | undefined): string {
  return value === null || value === undefined
    ? '—'
    : numberFormat({ maximumFractionDigits: 2, useGrouping: false }).format(Math.round(value * 100) / 100);
}

/**
 * Reminder days as typed ("3, 7" or "3 7") → [3, 7]. What is not a number is kept as NaN so the
 * API's 422 names the field; an empty field is no reminder.
 */
export function parseReminderDays(value: string): number[] {
  return value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((d) => (/^\d+$/.test(d) ? Number(d) : Number.NaN));
}
