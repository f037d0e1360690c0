/**
 * Answer helpers for the participant page: the same shapes and limits the API checks
 * (`shared/src/responses/rules.ts`), without zod, so most mistakes are caught before sending.
 */
import { visibleQuestionIds } from '$shared/surveys/rules';
import type { LocalizedText, Question, SurveyDefinition } from '$shared/surveys/schema';
import { fill, type Strings } from './strings';

/** A survey text in `lang`, else in the survey's first language, else any. */
export function text(t: LocalizedText | undefined, lang: string, fallback: string): string {
  if (!t) return '';
  return t[lang]?.trim() || t[fallback]?.trim() || Object.values(t).find((v) => v.trim()) || '';
}

/** Unanswered, as the API sees it: absent, null, blank text or an empty selection. */
export function isEmpty(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

/** Whether a knowledge item takes one answer (radio buttons) rather than several (checkboxes). */
// The participant's copy has no correct answers, only whether several options may be right.
export const singleAnswerKnowledge = (q: Question & { type: 'knowledge' }) =>
  !(q.multiple ?? q.correct.length > 1);

/**
 * What is wrong with one answer, in the participant's language, or null. Mirrors
 * `validateAnswers`: required, whole numbers, bounds, selection counts, text length,
 * both halves of a self-rating.
 */
export function problemWith(q: Question, v: unknown, s: Strings, num: (n: number) => string): string | null {
  if (isEmpty(v)) return q.required ? s.answerRequired : null;
  switch (q.type) {
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return s.checkAnswer;
      if (q.integer && !Number.isInteger(v)) return s.wholeNumber;
      if (q.min !== undefined && v < q.min) return fill(s.atLeast, { min: num(q.min) });
      if (q.max !== undefined && v > q.max) return fill(s.atMost, { max: num(q.max) });
      return null;
    }
    case 'short_text':
    case 'long_text':
      return typeof v === 'string' && [...v.normalize('NFC').trim()].length > q.maxLength
        ? fill(s.tooLong, { max: num(q.maxLength) })
        : null;
    case 'multiple_choice': {
      const n = Array.isArray(v) ? v.length : 0;
      if (q.minSelections !== undefined && n < q.minSelections)
        return fill(s.selectAtLeast, { n: num(q.minSelections) });
      if (q.maxSelections !== undefined && n > q.maxSelections)
        return fill(s.selectAtMost, { n: num(q.maxSelections) });
      return null;
    }
    case 'self_rating': {
      const r = v as { before?: unknown; after?: unknown };
      return typeof r.before === 'number' && typeof r.after === 'number' ? null : s.answerRequired;
    }
    default:
      return null;
  }
}

/** The message for an error the API returned (422), by its code. */
export function messageForIssue(
  q: Question | undefined,
  code: string,
  s: Strings,
  num: (n: number) => string,
): string {
  switch (code) {
    case 'required':
    case 'self_rating_incomplete':
      return s.answerRequired;
    case 'not_integer':
      return s.wholeNumber;
    case 'number_too_small':
      return q?.type === 'number' && q.min !== undefined
        ? fill(s.atLeast, { min: num(q.min) })
        : s.checkAnswer;
    case 'number_too_large':
      return q?.type === 'number' && q.max !== undefined
        ? fill(s.atMost, { max: num(q.max) })
        : s.checkAnswer;
    case 'text_too_long':
      return q && 'maxLength' in q ? fill(s.tooLong, { max: num(q.maxLength) }) : s.checkAnswer;
    default:
      return s.checkAnswer;
  }
}

/**
 * The answers to send: only shown questions, only non-empty answers (the API rejects answers to
 * hidden questions), texts trimmed.
 */
export function answersToSend(
  def: SurveyDefinition,
  answers: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of visibleQuestionIds(def, answers)) {
    const v = answers[id];
    if (isEmpty(v)) continue;
    out[id] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}

/** Whether the survey links a pre-test and a post-test of the same person with a pairing code. */
export function usesPairing(def: SurveyDefinition): boolean {
  return (
    (def.kind === 'pre_test' || def.kind === 'post_event') &&
    def.questions.some((q) => q.type === 'knowledge')
  );
}
