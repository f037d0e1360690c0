/**
 * What a participant's device sends (`POST /api/public/surveys/{code}/responses`), in zod/mini: the
 * participants' Lambda validates it without zod's full API (functions/src/public-app.ts; `npm run
 * bench` prints the bundle). The answers' shapes are checked against the survey version by
 * `validateAnswers` (rules.ts). Re-exported by ./schema.ts.
 */
import * as z from 'zod/mini';
import { pairingCodeIssue } from '../learning/pairing-code.js';
import { LANGUAGE_CODE, LANGUAGE_CODE_MESSAGE } from '../surveys/constants.js';

/**
 * A pseudonymous code linking a respondent's pre-test and post-test, made on the device. A code of
 * the participant page's shape must pass its check character (`shared/src/learning/pairing-code.ts`).
 */
export const PairingCode = z
  .string()
  .check(
    z.minLength(4),
    z.maxLength(64),
    z.superRefine((code, ctx) => {
      const issue = pairingCodeIssue(code);
      if (issue)
        ctx.addIssue({
          code: 'custom',
          message:
            issue === 'check'
              ? 'This pairing code has a typo: a character does not match its check character.'
              : 'Not a pairing code: it has nine characters such as K7Q-F3M-ZP5.',
        });
    }),
  )
  .register(z.globalRegistry, {
    // What the check above does, for the API reference (a JSON Schema cannot say it).
    description:
      'Made on the device: eight random characters of 23456789ABCDEFGHJKLMNPQRSTUVWXYZ and a Luhn mod 32 ' +
      'check character, shown as K7Q-F3M-ZP5 (spaces and hyphens ignored). A code of capitals and digits ' +
      'is refused (422) when its check character does not match (a typo) or when it has neither that shape ' +
      'nor the eight-character one of codes made before the check character (K7QF-3MZP); a code with other ' +
      'characters (lower case, from other clients) is taken as it is.',
  });
export type PairingCode = z.infer<typeof PairingCode>;

export const ResponseSubmission = z.strictObject({
  /** Generated once on the device and kept across retries: the idempotency key. */
  responseId: z.uuid(),
  surveyVersion: z.int().check(z.minimum(1), z.maximum(100_000)),
  language: z.string().check(z.regex(LANGUAGE_CODE, LANGUAGE_CODE_MESSAGE)),
  /** Raw answers; their shapes depend on the question and are checked by `validateAnswers`. */
  answers: z.record(z.string(), z.unknown()),
  pairingCode: z.optional(PairingCode),
  startedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.iso.datetime({ offset: true }),
});
export type ResponseSubmission = z.infer<typeof ResponseSubmission>;
