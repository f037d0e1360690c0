/**
 * Per-question results of one survey version: counts, distributions, mean and median, free texts.
 * Pure: the same responses always give the same summary, so a dashboard figure can be recomputed.
 */
import {
  COUNTRY_CODES,
  type MeasureTag,
  optionIdsOf,
  type ProfileKind,
  type Question,
  type QuestionType,
  SELF_RATING_MAX,
  SELF_RATING_MIN,
  type SurveyDefinition,
} from '../surveys/schema.js';
import type { Answers } from './schema.js';

/** Keep responses whose profile answers match, e.g. `{ gender: 'female', country: ['AF', 'PK'] }`. */
export type ProfileFilter = Partial<Record<ProfileKind, string | readonly string[]>>;

export interface OptionCount {
  /** Option id, or the scale point as text (`'1'`..`'5'`, `'0'`..`'10'`). */
  id: string;
  count: number;
  /** count / n × 100 (n = respondents who answered the question), unrounded. */
  percent: number;
}

export interface NumericSummary {
  n: number;
  mean: number | null;
  median: number | null;
}

export interface QuestionSummary {
  questionId: string;
  type: QuestionType;
  measure?: MeasureTag;
  /** Responses (after the filter) that answered this question. */
  n: number;
  /** Choice, knowledge, profile, likert and 0-10 questions. Multiple choice percents may add up to more than 100. */
  options?: OptionCount[];
  /** Likert, 0-10 rating and number questions. */
  mean?: number | null;
  median?: number | null;
  /** Self-rating: each half summarised separately, over the responses that gave it. */
  before?: NumericSummary & { options: OptionCount[] };
  after?: NumericSummary & { options: OptionCount[] };
  /** Knowledge items: answers exactly right (all-or-nothing, as `scoreKnowledge`). */
  correct?: { count: number; percent: number };
  /** Short and long text: the answers, in response order. */
  texts?: string[];
}

export interface SurveySummary {
  surveyId: string;
  version: number;
  /** Responses given to `summarise`. */
  total: number;
  /** Responses kept by the filter; every `n` is at most this. */
  count: number;
  filter: ProfileFilter;
  questions: QuestionSummary[];
}

/** Arithmetic mean; null for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

/** Median; the mean of the two middle values for an even count; null for no values. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const numeric = (values: readonly number[]): NumericSummary => ({
  n: values.length,
  mean: mean(values),
  median: median(values),
});

function distribution(
  ids: readonly string[],
  picks: readonly (readonly string[])[],
  keepZero = true,
): OptionCount[] {
  const counts = new Map(ids.map((id) => [id, 0]));
  for (const p of picks) for (const id of new Set(p)) if (counts.has(id)) counts.set(id, counts.get(id)! + 1);
  const n = picks.length;
  return ids
    .map((id) => ({ id, count: counts.get(id)!, percent: n === 0 ? 0 : (counts.get(id)! * 100) / n }))
    .filter((o) => keepZero || o.count > 0);
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

function profileQuestions(def: SurveyDefinition): Map<ProfileKind, string> {
  const out = new Map<ProfileKind, string>();
  for (const q of def.questions) if (q.type === 'profile' && !out.has(q.profile)) out.set(q.profile, q.id);
  return out;
}

/**
 * Whether a response matches the filter. A filter on a profile question the survey does not ask
 * matches nothing: a response cannot be shown to be, say, female when gender was never asked.
 */
export function matchesFilter(def: SurveyDefinition, answers: Answers, filter: ProfileFilter): boolean {
  const ids = profileQuestions(def);
  for (const [kind, wanted] of Object.entries(filter) as [
    ProfileKind,
    string | readonly string[] | undefined,
  ][]) {
    if (wanted === undefined) continue;
    const qid = ids.get(kind);
    if (qid === undefined) return false;
    const given = Object.hasOwn(answers, qid) ? answers[qid] : undefined;
    if (typeof given !== 'string') return false;
    if (typeof wanted === 'string' ? given !== wanted : !wanted.includes(given)) return false;
  }
  return true;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function summariseQuestion(q: Question, all: readonly Answers[]): QuestionSummary {
  // Only values of the question's shape count; anything else (e.g. another version's data) is ignored.
  const raw = all.map((a) => (Object.hasOwn(a, q.id) ? a[q.id] : undefined)).filter((v) => v !== undefined);
  const base = { questionId: q.id, type: q.type, ...(q.measure ? { measure: q.measure } : {}) };
  switch (q.type) {
    case 'single_choice':
    case 'profile': {
      const ids = optionIdsOf(q)!;
      const picks = raw.filter((v): v is string => typeof v === 'string' && ids.includes(v)).map((v) => [v]);
      const isCountry = q.type === 'profile' && q.profile === 'country';
      return {
        ...base,
        n: picks.length,
        options: distribution(isCountry ? COUNTRY_CODES : ids, picks, !isCountry),
      };
    }
    case 'multiple_choice':
    case 'knowledge': {
      const picks = raw
        .map((v) => (typeof v === 'string' ? [v] : v))
        .filter(
          (v): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'),
        );
      const summary: QuestionSummary = {
        ...base,
        n: picks.length,
        options: distribution(optionIdsOf(q)!, picks),
      };
      if (q.type === 'knowledge') {
        const right = picks.filter((p) => {
          const s = new Set(p);
          return s.size === q.correct.length && q.correct.every((c) => s.has(c));
        }).length;
        summary.correct = { count: right, percent: picks.length === 0 ? 0 : (right * 100) / picks.length };
      }
      return summary;
    }
    case 'likert':
    case 'rating_0_10': {
      const [lo, hi] = q.type === 'likert' ? [1, q.scale] : [0, 10];
      const values = raw.filter((v): v is number => isInt(v) && v >= lo && v <= hi);
      return {
        ...base,
        n: values.length,
        options: distribution(
          range(lo, hi),
          values.map((v) => [String(v)]),
        ),
        mean: mean(values),
        median: median(values),
      };
    }
    case 'number': {
      const values = raw.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      return { ...base, n: values.length, mean: mean(values), median: median(values) };
    }
    case 'self_rating': {
      const pairs = raw.filter(
        (v): v is { before: number; after: number } =>
          typeof v === 'object' &&
          v !== null &&
          !Array.isArray(v) &&
          'before' in v &&
          'after' in v &&
          isInt(v.before) &&
          isInt(v.after),
      );
      const half = (values: number[]) => ({
        ...numeric(values),
        options: distribution(
          range(SELF_RATING_MIN, SELF_RATING_MAX),
          values.map((v) => [String(v)]),
        ),
      });
      return {
        ...base,
        n: pairs.length,
        before: half(pairs.map((p) => p.before)),
        after: half(pairs.map((p) => p.after)),
      };
    }
    case 'short_text':
    case 'long_text': {
      const texts = raw.filter((v): v is string => typeof v === 'string' && v !== '');
      return { ...base, n: texts.length, texts };
    }
  }
}

/**
 * Summarise one survey version's (normalised) responses, optionally only those matching a profile
 * filter. Every percent is of the question's `n`, the filtered responses that answered it, not of
 * all responses; skipped and hidden questions lower `n` rather than count as a choice.
 */
export function summarise(
  def: SurveyDefinition,
  responses: readonly { answers: Answers }[],
  filter: ProfileFilter = {},
): SurveySummary {
  const kept = responses.map((r) => r.answers).filter((a) => matchesFilter(def, a, filter));
  return {
    surveyId: def.id,
    version: def.version,
    total: responses.length,
    count: kept.length,
    filter,
    questions: def.questions.map((q) => summariseQuestion(q, kept)),
  };
}
