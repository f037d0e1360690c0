import type { Answers } from '../responses/schema.js';
import type { ProfileKind, Question, SurveyDefinition } from '../surveys/schema.js';

/**
 * The contribution of one response to its survey's aggregates: a map from aggregate key to the
 * amount to add. Maintained aggregates are the sum of the deltas of every response, written once
 * with the response (DynamoDB `ADD`); a rebuild sums the same deltas from the raw responses.
 *
 * Keys read `<measure>|<dimension>=<value>|<stat>`:
 * - measure: a question id, `q.before` / `q.after` for self-ratings, `score` for a knowledge test;
 * - dimension: `all`, or a profile question and the respondent's answer (`gender=female`);
 * - stat: `n`, `sum`, `sq` (sum of squares) for numbers, `c:<option>` for a choice's count.
 * Example: `satisfaction|gender=female|sum` adds the satisfaction score of each woman.
 *
 * What the engine needs beyond moments (see docs/data-model.md, "What the aggregates hold"):
 * - `score|<dim>|c:<points>`: a histogram of knowledge-test points, so a share at or above any
 *   threshold (fixed or changed later) is a sum of counts;
 * - `<q>.before|…|c:<v>`, `<q>.after|…|c:<v>`: histograms of self-ratings;
 * - `<q>.change|…|n|sum|sq` and `<q>.change|…|c:<after − before>`: each respondent's own
 *   retrospective change, so its mean has a paired t interval and "share improved" a Wilson interval.
 * A response with `counted: false` (a repeat attempt) contributes no delta at all.
 */
export type Delta = Record<string, number>;

const PROFILE_DIMENSIONS: readonly ProfileKind[] = ['gender', 'country', 'organisation_type', 'role'];

function dimensionsOf(def: SurveyDefinition, answers: Answers): string[] {
  const dims = ['all'];
  for (const q of def.questions) {
    if (q.type !== 'profile' || !PROFILE_DIMENSIONS.includes(q.profile)) continue;
    const v = answers[q.id];
    if (typeof v === 'string' && v !== '') dims.push(`${q.profile}=${v}`);
  }
  return dims;
}

function add(delta: Delta, key: string, amount: number): void {
  delta[key] = (delta[key] ?? 0) + amount;
}

function addNumber(delta: Delta, measure: string, dims: readonly string[], x: number): void {
  for (const d of dims) {
    add(delta, `${measure}|${d}|n`, 1);
    add(delta, `${measure}|${d}|sum`, x);
    add(delta, `${measure}|${d}|sq`, x * x);
  }
}

function addCount(delta: Delta, measure: string, dims: readonly string[], option: string): void {
  for (const d of dims) add(delta, `${measure}|${d}|c:${option}`, 1);
}

function contribute(q: Question, value: unknown, dims: readonly string[], delta: Delta): void {
  switch (q.type) {
    case 'likert':
    case 'rating_0_10':
      if (typeof value === 'number') {
        addNumber(delta, q.id, dims, value);
        addCount(delta, q.id, dims, String(value));
      }
      return;
    case 'number':
      if (typeof value === 'number') addNumber(delta, q.id, dims, value);
      return;
    case 'self_rating':
      if (value && typeof value === 'object' && 'before' in value && 'after' in value) {
        const v = value as { before: number; after: number };
        addNumber(delta, `${q.id}.before`, dims, v.before);
        addNumber(delta, `${q.id}.after`, dims, v.after);
        addCount(delta, `${q.id}.before`, dims, String(v.before));
        addCount(delta, `${q.id}.after`, dims, String(v.after));
        addNumber(delta, `${q.id}.change`, dims, v.after - v.before);
        addCount(delta, `${q.id}.change`, dims, String(v.after - v.before));
      }
      return;
    case 'single_choice':
      if (typeof value === 'string') addCount(delta, q.id, dims, value);
      return;
    case 'multiple_choice':
      if (Array.isArray(value)) for (const o of value) addCount(delta, q.id, dims, String(o));
      return;
    case 'profile':
      // Profile answers are counted overall only: a breakdown of gender by gender says nothing.
      if (typeof value === 'string') addCount(delta, q.id, ['all'], value);
      return;
    case 'knowledge': {
      const chosen = Array.isArray(value) ? value.map(String).sort() : [];
      const right = [...q.correct].sort();
      const correct = chosen.length === right.length && chosen.every((c, i) => c === right[i]);
      if (Array.isArray(value)) addNumber(delta, q.id, dims, correct ? 1 : 0);
      return;
    }
    case 'short_text':
    case 'long_text':
      // Free text is read from the responses themselves, not aggregated.
      return;
  }
}

/** The aggregate delta of one validated response (`answers` as `validateAnswers` normalised them). */
export function responseDelta(
  def: SurveyDefinition,
  answers: Answers,
  score?: { points: number } | null,
): Delta {
  const dims = dimensionsOf(def, answers);
  const delta: Delta = {};
  add(delta, 'responses|all|n', 1);
  for (const q of def.questions) {
    if (q.id in answers) contribute(q, answers[q.id], dims, delta);
  }
  if (score) {
    addNumber(delta, 'score', dims, score.points);
    addCount(delta, 'score', dims, String(score.points));
  }
  return delta;
}

/** The sum of two deltas (pure; associative and commutative). */
export function addDeltas(a: Delta, b: Delta): Delta {
  const out: Delta = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Keys whose values differ between two aggregate maps (missing counts as 0), for rebuild reports. */
export function differences(a: Delta, b: Delta): { key: string; maintained: number; rebuilt: number }[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys]
    .filter((k) => Math.abs((a[k] ?? 0) - (b[k] ?? 0)) > 1e-9)
    .sort()
    .map((key) => ({ key, maintained: a[key] ?? 0, rebuilt: b[key] ?? 0 }));
}
