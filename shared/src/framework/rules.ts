import type { Attendance, Framework, GoalNumber, Timeline } from './schema.js';

/** Raised when text from a source document does not match any shape the tool understands. */
export class UnparseableTextError extends Error {
  override readonly name = 'UnparseableTextError';
  constructor(
    readonly kind: 'timeline' | 'date range' | 'attendance',
    readonly text: string,
  ) {
    super(`cannot read ${kind} from "${text}"`);
  }
}

/** Raised when a list of frameworks breaks the rule that at most one is active. */
export class MultipleActiveFrameworksError extends Error {
  override readonly name = 'MultipleActiveFrameworksError';
  constructor(readonly ids: string[]) {
    super(`more than one active framework: ${ids.join(', ')}`);
  }
}

/** Raised when an operation names a framework that is not in the list. */
export class FrameworkNotFoundError extends Error {
  override readonly name = 'FrameworkNotFoundError';
  constructor(readonly id: string) {
    super(`no framework with id "${id}"`);
  }
}

/**
 * Reads an indicative timeline, keeping the original text.
 * @example parseTimeline('2022-2024') // { kind: 'range', from: 2022, to: 2024, text: '2022-2024' }
 */
export function parseTimeline(text: string): Timeline {
  const t = text.trim();
  if (/^ongoing$/i.test(t)) return { kind: 'ongoing', text };
  const year = /^(\d{4})$/.exec(t);
  if (year) return { kind: 'year', year: Number(year[1]), text };
  // Hyphen, en dash or em dash, with or without spaces: "2019 – 2022" appears in the seeds too.
  const range = /^(\d{4})\s*[-–—]\s*(\d{4})$/.exec(t);
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from <= to) return { kind: 'range', from, to, text };
  }
  throw new UnparseableTextError('timeline', text);
}

/**
 * Priority goal numbers referenced in an Implementation Plan comment, in order, without repeats.
 * @example parseLinkedGoals('BS RWG or for all Link with PG 5') // [5]
 */
export function parseLinkedGoals(comment: string | null): GoalNumber[] {
  if (!comment) return [];
  const goals: GoalNumber[] = [];
  for (const m of comment.matchAll(/\bPG\s*([1-7])\b/gi)) {
    const n = Number(m[1]);
    if (!goals.includes(n)) goals.push(n);
  }
  return goals;
}

/** Whether a timeline covers a given year; "ongoing" covers every year of the plan. */
export function timelineCoversYear(timeline: Timeline, year: number): boolean {
  switch (timeline.kind) {
    case 'year':
      return timeline.year === year;
    case 'range':
      return timeline.from <= year && year <= timeline.to;
    case 'ongoing':
      return true;
  }
}

/**
 * A new yearly revision of a framework: a draft with version + 1, `basedOn` pointing at the
 * source and an id of the form "<series>-v<version>". The input is not modified.
 * @example nextRevision(fw).id // 'call-for-action-2019-2024-v2' when fw.id ends in '-v1'
 */
export function nextRevision(framework: Framework): Framework {
  const version = framework.version + 1;
  const series = framework.id.replace(/-v\d+$/, '');
  // structuredClone so that editing the draft's goals or projects cannot reach the source.
  const copy = structuredClone(framework);
  return { ...copy, id: `${series}-v${version}`, status: 'draft', version, basedOn: framework.id };
}

/** The one active framework of a list, or null if none; throws if more than one is active. */
export function activeFramework(list: readonly Framework[]): Framework | null {
  const active = list.filter((f) => f.status === 'active');
  if (active.length > 1) throw new MultipleActiveFrameworksError(active.map((f) => f.id));
  return active[0] ?? null;
}

/**
 * Makes one framework active and archives the previously active one, returning a new list;
 * drafts and archived revisions are left as they are, so at most one is ever active.
 */
export function activate(list: readonly Framework[], id: string): Framework[] {
  if (!list.some((f) => f.id === id)) throw new FrameworkNotFoundError(id);
  return list.map((f) => {
    if (f.id === id) return { ...f, status: 'active' };
    if (f.status === 'active') return { ...f, status: 'archived' };
    return f;
  });
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  // Reject impossible dates such as 31 September instead of letting Date roll them over.
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

/**
 * Reads a same-month date range as written in meeting reports into ISO dates.
 * @example parseDateRange('19-20 May 2022') // { startDate: '2022-05-19', endDate: '2022-05-20' }
 * Also accepts a single day ("12 April 2016"), spaces and en dashes ("15 – 17 May 2016")
 * and month abbreviations ("7 - 11 Aug 2016").
 */
export function parseDateRange(text: string): { startDate: string; endDate: string } {
  const m = /^(\d{1,2})(?:\s*[-–—]\s*(\d{1,2}))?\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(text.trim());
  const monthIndex = m ? MONTHS.indexOf((m[3] ?? '').slice(0, 3).toLowerCase()) : -1;
  if (m && monthIndex >= 0) {
    const year = Number(m[4]);
    const startDay = Number(m[1]);
    const endDay = m[2] === undefined ? startDay : Number(m[2]);
    const startDate = isoDate(year, monthIndex + 1, startDay);
    const endDate = isoDate(year, monthIndex + 1, endDay);
    if (startDate && endDate && startDate <= endDate) return { startDate, endDate };
  }
  throw new UnparseableTextError('date range', text);
}

/**
 * Reads an attendance sentence from a meeting report. A combined "countries and organisations"
 * figure stays combined, because the report does not say how it splits.
 * @example parseAttendance('61 participants from 18 countries and 6 organisations')
 *   // { participants: 61, countries: 18, organisations: 6, statedText: '...' }
 */
export function parseAttendance(text: string): Attendance {
  const t = text.replace(/\s+/g, ' ').trim();
  const participants = /(\d[\d,]*)\s+participants\b/i.exec(t);
  if (!participants) throw new UnparseableTextError('attendance', text);
  const result: Attendance = { participants: toInt(participants[1]), statedText: text };
  const combined = /(\d+)\s+countries\s+and\s+organi[sz]ations\b/i.exec(t);
  if (combined) return { ...result, countriesAndOrganisations: toInt(combined[1]) };
  const countries = /(\d+)\s+countries\b/i.exec(t);
  const organisations = /(\d+)\s+(?:international\s+)?organi[sz]ations\b/i.exec(t);
  const women = /(\d+)\s+(?:women|female)\b/i.exec(t);
  return {
    ...result,
    ...(countries ? { countries: toInt(countries[1]) } : {}),
    ...(organisations ? { organisations: toInt(organisations[1]) } : {}),
    ...(women ? { women: toInt(women[1]) } : {}),
  };
}

function toInt(digits: string | undefined): number {
  return Number((digits ?? '').replace(/,/g, ''));
}
