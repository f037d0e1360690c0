import { dateFormat, numberFormat } from '$lib/i18n/index.svelte';
import type { Status } from '$shared/results/contract';

/** Words (keys of the components catalogue), signs and colour classes for indicator statuses: the sign and the word carry the meaning, not the colour. */
export const RESULT_STATUS: Record<
  Status,
  { label: 'onTrack' | 'atRisk' | 'offTrack' | 'noData'; sign: string }
> = {
  on_track: { label: 'onTrack', sign: '✓' },
  at_risk: { label: 'atRisk', sign: '!' },
  off_track: { label: 'offTrack', sign: '✕' },
  no_data: { label: 'noData', sign: '–' },
};

/** The filters of the results pages, kept in the URL so a view can be shared and drilled into. */
export const RESULT_FILTERS = ['year', 'pillar', 'projectId', 'region', 'country'] as const;
export type ResultFilter = (typeof RESULT_FILTERS)[number];

/** `?year=2022&region=silk-routes` from a URL's filters (only the results filters), or ''. */
export function filterQuery(params: URLSearchParams): string {
  const q = new URLSearchParams(
    RESULT_FILTERS.flatMap((f) => (params.get(f) ? [[f, params.get(f) as string]] : [])),
  );
  return q.size ? `?${q}` : '';
}

// Formatters of the language shown (see $lib/i18n): 1,234.5 in English, 1 234,5 in French and Russian.
const number2 = () => numberFormat({ maximumFractionDigits: 2 });
const number1 = () => numberFormat({ maximumFractionDigits: 1 });
const integer = () => numberFormat({ maximumFractionDigits: 0 });
const signed1 = () => numberFormat({ maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const signed2 = () => numberFormat({ maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const percent0 = () => numberFormat({ style: 'percent', maximumFractionDigits: 0 });
const percent1 = () => numberFormat({ style: 'percent', maximumFractionDigits: 1 });
const date = () => dateFormat({ day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const dash = (v: number | null | undefined): v is null | undefined =>
  v === null || v === undefined || Number.isNaN(v);

/** 1,234.56 (two decimals at most), or a dash. */
export const num = (v: number | null | undefined) => (dash(v) ? '—' : number2().format(v));
/** 1,234.5 (one decimal at most), or a dash. */
export const num1 = (v: number | null | undefined) => (dash(v) ? '—' : number1().format(v));
/** 1,234 (a count), or a dash. */
export const count = (v: number | null | undefined) => (dash(v) ? '—' : integer().format(v));
/** +1.5 / −1.5 / 0, or a dash. */
export const signed = (v: number | null | undefined, digits: 1 | 2 = 1) =>
  dash(v) ? '—' : (digits === 1 ? signed1 : signed2)().format(v);
/** A share 0..1 as "42%", or a dash. */
export const share = (v: number | null | undefined, precise = false) =>
  dash(v) ? '—' : (precise ? percent1 : percent0)().format(v);
/** A date as "12 May 2026", or a dash. */
export const day = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : date().format(d);
};

/** The years of a framework period ("2019-01-01" .. "2024-12-31" → 2019..2024). */
export function periodYears(from: string, to: string): number[] {
  const a = Number.parseInt(from.slice(0, 4), 10);
  const b = Number.parseInt(to.slice(0, 4), 10);
  if (!Number.isFinite(a) || !Number.isFinite(b) || b < a || b - a > 50) return [];
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Progress 0..1 (or beyond) as a percent clamped for a bar, how far it came, and where it stands. */
export function progressOf(
  p: number | null,
): { now: number; percent: string; where: 'away' | 'passed' | 'way' } | null {
  if (p === null || Number.isNaN(p)) return null;
  const now = Math.round(Math.max(0, Math.min(1, p)) * 100);
  return { now, percent: percent0().format(p), where: p < 0 ? 'away' : p > 1 ? 'passed' : 'way' };
}

/** A whole percent ("42%", "42 %") in the language shown. */
export const percent = (whole: number) => percent0().format(whole / 100);

/** Cohen's conventional words for an effect size (keys of the results catalogue). */
export function effectWords(d: number): 'negligible' | 'small' | 'medium' | 'large' {
  const a = Math.abs(d);
  return a < 0.2 ? 'negligible' : a < 0.5 ? 'small' : a < 0.8 ? 'medium' : 'large';
}
