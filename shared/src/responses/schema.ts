/**
 * What a participant's device sends, and the shapes of answers.
 * The answers' shape per question is checked against the survey version by `validateAnswers`.
 */
import * as z from 'zod/mini';
import { Slug } from '../surveys/schema.js';

/** `{ before, after }` of a self-rating question, each 1..5. */
export const SelfRatingAnswer = z.strictObject({ before: z.int(), after: z.int() });
export type SelfRatingAnswer = z.infer<typeof SelfRatingAnswer>;

/**
 * A normalised answer: an option id (single choice, profile), option ids in definition order
 * (multiple choice, knowledge), a number (likert, rating_0_10, number), trimmed NFC text,
 * or a self-rating pair.
 */
export const AnswerValue = z.union([z.string(), z.number(), z.array(z.string()), SelfRatingAnswer]);
export type AnswerValue = z.infer<typeof AnswerValue>;

/** Normalised answers by question id; unanswered questions are absent. */
export const Answers = z.record(Slug, AnswerValue);
export type Answers = z.infer<typeof Answers>;

// What a participant's device sends is in ./submission.ts (zod/mini: the participants' Lambda
// validates it without zod's full API).
export { PairingCode, ResponseSubmission } from './submission.js';

/** Distinct code of every class of invalid answer, for 422 problem details and tests. */
export const AnswerIssueCode = z.enum([
  'answers_not_object',
  'unknown_question',
  'wrong_type',
  'required',
  'hidden_question_answered',
  'invalid_option',
  'duplicate_option',
  'too_few_selections',
  'too_many_selections',
  'out_of_scale',
  'not_integer',
  'number_too_small',
  'number_too_large',
  'text_too_long',
  'self_rating_incomplete',
  'self_rating_out_of_scale',
  'invalid_knowledge_option',
]);
export type AnswerIssueCode = z.infer<typeof AnswerIssueCode>;

export const AnswerIssue = z.object({
  /** `['answers', questionId, ...]`, e.g. `['answers', 'q_topics', 2]` or `['answers', 'q_self', 'after']`. */
  path: z.array(z.union([z.string(), z.number()])),
  code: AnswerIssueCode,
  message: z.string(),
});
export type AnswerIssue = z.infer<typeof AnswerIssue>;
