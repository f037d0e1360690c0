import type { Lesson, LessonQuery } from './schema.js';

/** Lower case without accents, for search that ignores case and diacritics. */
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Whether a lesson passes the log's filters: every given filter must hold; `q` matches every word
 * in the title, text or quotes. `matchesLesson(l, { goal: 2, q: 'border' })`
 */
export function matchesLesson(l: Lesson, f: LessonQuery): boolean {
  if (f.goal !== undefined && !l.priorityGoals.includes(f.goal)) return false;
  if (f.actionPoint && !l.actionPointCodes.includes(f.actionPoint)) return false;
  if (f.activityId && !l.activityIds.includes(f.activityId)) return false;
  if (f.kind && l.kind !== f.kind) return false;
  if (f.year !== undefined && Number(l.date.slice(0, 4)) !== f.year) return false;
  if (f.q) {
    const hay = fold([l.title, l.text, ...l.quotes.map((q) => q.text)].join(' '));
    if (
      !fold(f.q)
        .split(/\s+/)
        .filter(Boolean)
        .every((w) => hay.includes(w))
    )
      return false;
  }
  return true;
}

/** The lessons dated within a period (inclusive ISO dates), oldest first. */
export function lessonsOfPeriod<T extends Pick<Lesson, 'date' | 'id'>>(
  lessons: readonly T[],
  period: { from: string; to: string },
): T[] {
  return lessons
    .filter((l) => l.date >= period.from && l.date <= period.to)
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1));
}
