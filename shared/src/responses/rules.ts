/**
 * Pure rules over responses: answer validation and normalisation, knowledge scoring and
 * resend detection.
 */
import { storableNumber, UNSTORABLE_NUMBER } from '../lib/bounds.js';
import { optionIdsOf, SELF_RATING_MAX, SELF_RATING_MIN } from '../surveys/constants.js';
import { isVisible, visibleQuestionIds } from '../surveys/rules.js';
import type { Question, QuestionOf, SurveyDefinition } from '../surveys/schema.js';
import type { AnswerIssue, AnswerIssueCode, Answers, AnswerValue, ResponseSubmission } from './schema.js';

export type ValidateResult = { ok: true; value: Answers } | { ok: false; issues: AnswerIssue[] };

type Path = (string | number)[];
type Checked = { value: AnswerValue; issues: [] } | { value?: undefined; issues: AnswerIssue[] };

const issue = (path: Path, code: AnswerIssueCode, message: string): AnswerIssue => ({ path, code, message });
const ok = (value: AnswerValue): Checked => ({ value, issues: [] });
const bad = (issues: AnswerIssue[]): Checked => ({ issues });

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const normaliseText = (s: string): string => s.normalize('NFC').trim();

/** Unanswered: absent, null, blank text or an empty selection. */
function isEmpty(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === 'string' && normaliseText(raw) === '') ||
    (Array.isArray(raw) && raw.length === 0)
  );
}

function checkNumber(raw: unknown, path: Path): number | AnswerIssue {
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return issue(path, 'wrong_type', 'expected a number');
  // What storage can hold (shared/src/lib/bounds.ts): the marshaller and DynamoDB refuse the rest.
  if (!storableNumber(raw))
    return issue(path, raw > 0 ? 'number_too_large' : 'number_too_small', UNSTORABLE_NUMBER);
  return raw === 0 ? 0 : raw; // -0 and 0 are one answer
}

function checkScale(raw: unknown, path: Path, min: number, max: number): Checked {
  const n = checkNumber(raw, path);
  if (typeof n !== 'number') return bad([n]);
  if (!Number.isInteger(n)) return bad([issue(path, 'not_integer', 'expected a whole number')]);
  if (n < min || n > max) return bad([issue(path, 'out_of_scale', `expected ${min} to ${max}`)]);
  return ok(n);
}

/** Selected option ids, checked and put in definition order. */
function checkSelection(
  raw: unknown,
  path: Path,
  optionIds: readonly string[],
  invalidCode: 'invalid_option' | 'invalid_knowledge_option',
): { ids: string[]; issues: AnswerIssue[] } | { ids?: undefined; issues: AnswerIssue[] } {
  if (!Array.isArray(raw)) return { issues: [issue(path, 'wrong_type', 'expected a list of option ids')] };
  const issues: AnswerIssue[] = [];
  const chosen = new Set<string>();
  raw.forEach((v, i) => {
    if (typeof v !== 'string') issues.push(issue([...path, i], 'wrong_type', 'expected an option id'));
    else if (!optionIds.includes(v))
      issues.push(issue([...path, i], invalidCode, `"${v}" is not an option of this question`));
    else if (chosen.has(v)) issues.push(issue([...path, i], 'duplicate_option', `"${v}" is selected twice`));
    else chosen.add(v);
  });
  if (issues.length > 0) return { issues };
  return { ids: optionIds.filter((id) => chosen.has(id)), issues };
}

function checkSelfRating(raw: unknown, path: Path): Checked {
  if (!isPlainObject(raw)) return bad([issue(path, 'wrong_type', 'expected { before, after }')]);
  const issues: AnswerIssue[] = [];
  for (const key of Object.keys(raw))
    if (key !== 'before' && key !== 'after')
      issues.push(issue([...path, key], 'wrong_type', 'expected only before and after'));
  const parts: number[] = [];
  for (const part of ['before', 'after'] as const) {
    const v = Object.hasOwn(raw, part) ? raw[part] : undefined;
    if (v === undefined || v === null) {
      issues.push(issue([...path, part], 'self_rating_incomplete', `"${part}" is missing`));
      continue;
    }
    const n = checkNumber(v, [...path, part]);
    if (typeof n !== 'number') issues.push(n);
    else if (!Number.isInteger(n) || n < SELF_RATING_MIN || n > SELF_RATING_MAX)
      issues.push(
        issue(
          [...path, part],
          'self_rating_out_of_scale',
          `expected a whole number ${SELF_RATING_MIN} to ${SELF_RATING_MAX}`,
        ),
      );
    else parts.push(n);
  }
  if (issues.length > 0) return bad(issues);
  return ok({ before: parts[0]!, after: parts[1]! });
}

function checkKnowledge(q: QuestionOf<'knowledge'>, raw: unknown, path: Path): Checked {
  const list = typeof raw === 'string' ? [raw] : raw; // a single-answer item may send the bare id
  const r = checkSelection(list, path, optionIdsOf(q)!, 'invalid_knowledge_option');
  if (!r.ids) return bad(r.issues);
  if (q.correct.length === 1 && r.ids.length > 1)
    return bad([issue(path, 'too_many_selections', 'this item takes one answer')]);
  return ok(r.ids);
}

/** Check one non-empty answer against its question. */
function checkAnswer(q: Question, raw: unknown, path: Path): Checked {
  switch (q.type) {
    case 'single_choice':
    case 'profile': {
      if (typeof raw !== 'string') return bad([issue(path, 'wrong_type', 'expected an option id')]);
      if (!optionIdsOf(q)!.includes(raw))
        return bad([issue(path, 'invalid_option', `"${raw}" is not an option of this question`)]);
      return ok(raw);
    }
    case 'multiple_choice': {
      const r = checkSelection(raw, path, optionIdsOf(q)!, 'invalid_option');
      if (!r.ids) return bad(r.issues);
      if (q.minSelections !== undefined && r.ids.length < q.minSelections)
        return bad([issue(path, 'too_few_selections', `select at least ${q.minSelections}`)]);
      if (q.maxSelections !== undefined && r.ids.length > q.maxSelections)
        return bad([issue(path, 'too_many_selections', `select at most ${q.maxSelections}`)]);
      return ok(r.ids);
    }
    case 'knowledge':
      return checkKnowledge(q, raw, path);
    case 'likert':
      return checkScale(raw, path, 1, q.scale);
    case 'rating_0_10':
      return checkScale(raw, path, 0, 10);
    case 'number': {
      const n = checkNumber(raw, path);
      if (typeof n !== 'number') return bad([n]);
      const issues: AnswerIssue[] = [];
      if (q.integer && !Number.isInteger(n))
        issues.push(issue(path, 'not_integer', 'expected a whole number'));
      if (q.min !== undefined && n < q.min)
        issues.push(issue(path, 'number_too_small', `expected at least ${q.min}`));
      if (q.max !== undefined && n > q.max)
        issues.push(issue(path, 'number_too_large', `expected at most ${q.max}`));
      return issues.length > 0 ? bad(issues) : ok(n);
    }
    case 'short_text':
    case 'long_text': {
      if (typeof raw !== 'string') return bad([issue(path, 'wrong_type', 'expected text')]);
      const text = normaliseText(raw);
      // Counted in code points, as a participant counts characters (an emoji is one).
      if ([...text].length > q.maxLength)
        return bad([issue(path, 'text_too_long', `at most ${q.maxLength} characters`)]);
      return ok(text);
    }
    case 'self_rating':
      return checkSelfRating(raw, path);
  }
}

/**
 * Check raw answers against one survey version and normalise them: texts trimmed and NFC,
 * selections in definition order, blanks (null, '', []) dropped. Never throws, whatever `answers` is.
 * Visibility is decided in question order from the answers of shown questions; when the answer
 * a condition depends on is itself invalid, the dependent question is checked for shape only.
 */
export function validateAnswers(def: SurveyDefinition, answers: unknown): ValidateResult {
  if (!isPlainObject(answers))
    return {
      ok: false,
      issues: [issue(['answers'], 'answers_not_object', 'expected answers keyed by question id')],
    };

  const issues: AnswerIssue[] = [];
  const known = new Set(def.questions.map((q) => q.id));
  for (const key of Object.keys(answers))
    if (!known.has(key))
      issues.push(issue(['answers', key], 'unknown_question', `no question "${key}" in this survey version`));

  const value: Answers = {};
  const effective: Record<string, AnswerValue> = {};
  const undetermined = new Set<string>();
  for (const q of def.questions) {
    const path: Path = ['answers', q.id];
    const raw = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const visible = q.showIf && undetermined.has(q.showIf.questionId) ? undefined : isVisible(q, effective);
    if (isEmpty(raw)) {
      if (visible === true && q.required) issues.push(issue(path, 'required', 'an answer is required'));
      continue;
    }
    if (visible === false) {
      issues.push(
        issue(path, 'hidden_question_answered', 'this question is not shown for the answers given'),
      );
      continue;
    }
    const checked = checkAnswer(q, raw, path);
    if (checked.value === undefined) {
      issues.push(...checked.issues);
      undetermined.add(q.id);
      continue;
    }
    if (visible === undefined) undetermined.add(q.id);
    else effective[q.id] = checked.value;
    value[q.id] = checked.value;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

// ---------------------------------------------------------------------------
// Knowledge scoring

export interface KnowledgeItemScore {
  questionId: string;
  answered: boolean;
  correct: boolean;
  points: number;
  maxPoints: number;
}

export interface KnowledgeScore {
  points: number;
  maxPoints: number;
  /** points / maxPoints × 100, unrounded; null when the survey has no shown knowledge item. */
  percent: number | null;
  items: KnowledgeItemScore[];
}

/**
 * Score the knowledge items shown for these answers. Rule: an item earns its `points` only when
 * the selected options are exactly its correct options (all or nothing, also for items with
 * several correct options: no partial credit, no penalty); unanswered items earn 0 but count in
 * `maxPoints`. Example: items of 1 and 2 points, first right, second half right →
 * `{ points: 1, maxPoints: 3, percent: 33.3… }`.
 */
export function scoreKnowledge(
  def: SurveyDefinition,
  answers: Readonly<Record<string, unknown>>,
): KnowledgeScore {
  const shown = new Set(visibleQuestionIds(def, answers));
  const items: KnowledgeItemScore[] = [];
  for (const q of def.questions) {
    if (q.type !== 'knowledge' || !shown.has(q.id)) continue;
    const raw = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const selected =
      typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v) => typeof v === 'string') : [];
    const set = new Set(selected);
    const correct = set.size === q.correct.length && q.correct.every((c) => set.has(c));
    items.push({
      questionId: q.id,
      answered: selected.length > 0,
      correct,
      points: correct ? q.points : 0,
      maxPoints: q.points,
    });
  }
  const points = items.reduce((s, i) => s + i.points, 0);
  const maxPoints = items.reduce((s, i) => s + i.maxPoints, 0);
  return { points, maxPoints, percent: maxPoints > 0 ? (points * 100) / maxPoints : null, items };
}

// ---------------------------------------------------------------------------
// Resends

/** JSON with object keys sorted at every depth; `undefined` members dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Whether a resend with the same response id carries the same response (200) or a different
 * one (409). Compares everything but `submittedAt`, which a device may restamp on retry; key
 * order is ignored, list order is not. Pass normalised submissions (answers from
 * `validateAnswers`) so that `' yes'` and `'yes'` are the same answer.
 */
export function sameSubmission(a: ResponseSubmission, b: ResponseSubmission): boolean {
  const { submittedAt: _a, ...restA } = a;
  const { submittedAt: _b, ...restB } = b;
  return canonicalJson(restA) === canonicalJson(restB);
}
