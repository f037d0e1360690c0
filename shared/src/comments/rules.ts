/**
 * Free-text answers of a survey read in bulk: gathered from the counted responses, searched,
 * filtered, ordered, paged and counted by theme. Pure: the API feeds it the responses and tags it
 * read, the tests feed it literals. No respondent detail leaves here: a comment carries an opaque
 * key (made by the caller), its question, its language, its text and the day it arrived.
 */
import type { Answers } from '../responses/schema.js';
import type { Question, SurveyDefinition } from '../surveys/schema.js';

/** Question types whose answers are free text. */
export const FREE_TEXT_TYPES = ['short_text', 'long_text'] as const;

/** One free-text answer as listed: never the response id, pairing code, invitation or time of day. */
export interface Comment {
  /** Opaque, stable key of (response, question), made by the caller (the API hashes the pair). */
  key: string;
  questionId: string;
  /** The language the participant answered in. */
  language: string;
  text: string;
  /** The day the response arrived (`YYYY-MM-DD`): enough to order, too coarse to single anyone out. */
  day: string;
  /** Theme ids tagged on this answer. */
  themes: string[];
}

/** What `gatherComments` reads of a stored response. */
export interface ResponseForComments {
  responseId: string;
  language: string;
  answers: Answers;
  receivedAt: string;
  counted?: boolean;
}

/** The free-text questions of a definition, in question order. */
export function freeTextQuestions(def: Pick<SurveyDefinition, 'questions'>): Question[] {
  return def.questions.filter((q) => (FREE_TEXT_TYPES as readonly string[]).includes(q.type));
}

/**
 * Every non-blank free-text answer of the counted responses (a response with `counted: false`, a
 * repeat attempt or an excluded one, gives none), newest first; ties keep a stable order by key.
 * `keyOf(responseId, questionId)` makes the opaque key; `tags` maps a key to its theme ids.
 */
export function gatherComments(
  def: Pick<SurveyDefinition, 'questions'>,
  responses: readonly ResponseForComments[],
  keyOf: (responseId: string, questionId: string) => string,
  tags: ReadonlyMap<string, readonly string[]> = new Map(),
): Comment[] {
  const questions = freeTextQuestions(def);
  const rows: (Comment & { at: string })[] = [];
  for (const r of responses) {
    if (r.counted === false) continue;
    for (const q of questions) {
      const value = r.answers[q.id];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const key = keyOf(r.responseId, q.id);
      rows.push({
        key,
        questionId: q.id,
        language: r.language,
        text: value,
        day: r.receivedAt.slice(0, 10),
        themes: [...(tags.get(key) ?? [])].sort(),
        at: r.receivedAt,
      });
    }
  }
  rows.sort((a, b) => (a.at === b.at ? a.key.localeCompare(b.key) : a.at < b.at ? 1 : -1));
  return rows.map(({ at, ...c }) => c);
}

/**
 * Text folded for searching: Unicode compatibility form, lower case, combining marks dropped
 * (accents, Arabic short vowels and tatweel), spaces folded. `fold('ÉCOLE  ـمدرسة')` → `ecole مدرسة`.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\p{M}\u0640]/gu, '')
    .toLocaleLowerCase('und')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `'none'` keeps answers without any theme. */
export interface CommentFilter {
  /** Words that must all appear (folded, anywhere in the text). */
  q?: string;
  questionId?: string;
  language?: string;
  theme?: string | 'none';
}

/** Whether a comment passes the filter. */
export function matchesComment(c: Comment, f: CommentFilter): boolean {
  if (f.questionId && c.questionId !== f.questionId) return false;
  if (f.language && c.language !== f.language) return false;
  if (f.theme === 'none' && c.themes.length > 0) return false;
  if (f.theme && f.theme !== 'none' && !c.themes.includes(f.theme)) return false;
  if (f.q) {
    const words = fold(f.q).split(' ').filter(Boolean);
    const text = fold(c.text);
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}

export type CommentOrder = 'newest' | 'question';

/** Filters, orders (newest first, or by question in survey order then newest) and pages comments. */
export function listComments(
  comments: readonly Comment[],
  def: Pick<SurveyDefinition, 'questions'>,
  opts: CommentFilter & { order?: CommentOrder; page?: number; pageSize?: number },
): { total: number; page: number; pageSize: number; pages: number; items: Comment[] } {
  const pageSize = opts.pageSize ?? 50;
  let kept = comments.filter((c) => matchesComment(c, opts));
  if (opts.order === 'question') {
    const position = new Map(def.questions.map((q, i) => [q.id, i]));
    // Array sort is stable: within a question the newest-first order of `comments` stays.
    kept = [...kept].sort((a, b) => (position.get(a.questionId) ?? 0) - (position.get(b.questionId) ?? 0));
  }
  const pages = Math.max(1, Math.ceil(kept.length / pageSize));
  const page = Math.min(Math.max(1, opts.page ?? 1), pages);
  return {
    total: kept.length,
    page,
    pageSize,
    pages,
    items: kept.slice((page - 1) * pageSize, page * pageSize),
  };
}

/** Per question: answers, answers per theme, answers without a theme. */
export interface ThemeCounts {
  questionId: string;
  answers: number;
  untagged: number;
  themes: Record<string, number>;
}

/** How often each theme is tagged, per free-text question (every question listed, zeros included). */
export function themeCounts(
  comments: readonly Comment[],
  def: Pick<SurveyDefinition, 'questions'>,
): ThemeCounts[] {
  return freeTextQuestions(def).map((q) => {
    const own = comments.filter((c) => c.questionId === q.id);
    const themes: Record<string, number> = {};
    for (const c of own) for (const t of c.themes) themes[t] = (themes[t] ?? 0) + 1;
    return {
      questionId: q.id,
      answers: own.length,
      untagged: own.filter((c) => c.themes.length === 0).length,
      themes,
    };
  });
}

/** Languages answered among comments, with counts, most used first. */
export function commentLanguages(comments: readonly Comment[]): { lang: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const c of comments) counts.set(c.language, (counts.get(c.language) ?? 0) + 1);
  return [...counts].map(([lang, count]) => ({ lang, count })).sort((a, b) => b.count - a.count);
}

/**
 * A comment as a quote for a lesson or report: its text and where it comes from (survey and
 * question ids), nothing about who wrote it or when. `quoteText(q)` →
 * `"The exchange helped." (survey 01J…, question most_useful)`.
 */
export interface Quote {
  text: string;
  surveyId: string;
  questionId: string;
  language: string;
}

export const quoteOf = (surveyId: string, c: Pick<Comment, 'text' | 'questionId' | 'language'>): Quote => ({
  text: c.text.trim(),
  surveyId,
  questionId: c.questionId,
  language: c.language,
});

export const quoteText = (q: Quote): string => `“${q.text}” (survey ${q.surveyId}, question ${q.questionId})`;

/** A theme name as compared for uniqueness: folded, so "Visa " and "visa" are one theme. */
export const themeNameKey = (name: string): string => fold(name);
