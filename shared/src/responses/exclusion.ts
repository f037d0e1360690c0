import * as z from 'zod/mini';

/**
 * Excluding responses (a test, a duplicate): the response stays stored, flagged `excluded`
 * { by, at, reason } and `counted: false`, so it adds to no figure; undo puts it back as it was.
 */

/** At most this many responses per request (one transaction each). */
export const MAX_EXCLUDED_PER_REQUEST = 100;

export const ExclusionInput = z.object({
  responseIds: z.array(z.uuid()).check(z.minLength(1), z.maxLength(MAX_EXCLUDED_PER_REQUEST)),
  /** Why: "test response before the training", "sent twice from two phones"... */
  reason: z.string().check(z.trim(), z.minLength(3, 'Say why, in a few words.'), z.maxLength(300)),
});
export type ExclusionInput = z.infer<typeof ExclusionInput>;

export const RestoreInput = z.object({
  responseIds: z.array(z.uuid()).check(z.minLength(1), z.maxLength(MAX_EXCLUDED_PER_REQUEST)),
  reason: z.optional(z.string().check(z.trim(), z.maxLength(300))),
});
export type RestoreInput = z.infer<typeof RestoreInput>;

/** One response as the responses list shows it: no answers, nothing personal. */
export const ResponseListItem = z.object({
  responseId: z.uuid(),
  submittedAt: z.string(),
  receivedAt: z.string(),
  language: z.string(),
  surveyVersion: z.int(),
  /** Points and maximum of a knowledge test. */
  score: z.nullable(z.object({ points: z.number(), maxPoints: z.number() })),
  /** Whether it counts in figures (false for a repeat attempt or an excluded response). */
  counted: z.boolean(),
  /** A later attempt of the same device (not an exclusion). */
  repeat: z.boolean(),
  excluded: z.nullable(
    z.object({ by: z.string(), byEmail: z.nullable(z.string()), at: z.string(), reason: z.string() }),
  ),
});
export type ResponseListItem = z.infer<typeof ResponseListItem>;

export const ExclusionResult = z.object({
  /** Responses whose state changed by this request. */
  changed: z.int(),
  /** Responses already in the state asked for (excluding twice is a no-op). */
  unchanged: z.int(),
});
export type ExclusionResult = z.infer<typeof ExclusionResult>;
