/*
 * Which framework version a date belongs to. Each version has its own period (2019-2024,
 * 2025-2029...); an activity belongs to the version whose period holds its start date.
 */

type Versioned = { id: string; periodStart: string; periodEnd: string; status: string; version: number };

/**
 * The framework version whose period holds a date (ISO date or instant): among several, the active
 * one, else the highest version; drafts only when no activated version holds it; null when the
 * date is outside every period.
 */
export function frameworkOfDate<F extends Versioned>(list: readonly F[], date: string): F | null {
  const day = date.slice(0, 10);
  const holding = list.filter((f) => f.periodStart <= day && day <= f.periodEnd);
  const rank = (f: F) => (f.status === 'active' ? 2 : f.status === 'archived' ? 1 : 0);
  return [...holding].sort((a, b) => rank(b) - rank(a) || b.version - a.version)[0] ?? null;
}

/** The calendar years of a framework period, e.g. [2019, ..., 2024]. */
export function periodYears(f: Pick<Versioned, 'periodStart' | 'periodEnd'>): number[] {
  const from = Number(f.periodStart.slice(0, 4));
  const to = Number(f.periodEnd.slice(0, 4));
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** "2019–2024" for a period. */
export function periodLabel(f: Pick<Versioned, 'periodStart' | 'periodEnd'>): string {
  const from = f.periodStart.slice(0, 4);
  const to = f.periodEnd.slice(0, 4);
  return from === to ? from : `${from}–${to}`;
}
