/** Invitation e-mails: texts per survey kind and language, placeholders, reminders. */
export * from './reminders.js';
export * from './render.js';
export * from './texts.js';

import type { EmailKind } from './texts.js';

/**
 * What a survey's e-mails invite to: a pre-test, the post-test of a knowledge test given twice (or
 * any post-event survey with scored items), feedback, or a follow-up.
 */
export function emailKindOf(survey: {
  kind: string;
  sameTestAs?: string | null;
  definition?: { questions: { type: string }[] };
}): EmailKind {
  if (survey.kind === 'pre_test') return 'pre_test';
  if (survey.kind === 'follow_up') return 'follow_up';
  const test = survey.sameTestAs || survey.definition?.questions.some((q) => q.type === 'knowledge');
  return test ? 'post_test' : 'feedback';
}
