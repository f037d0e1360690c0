import * as z from 'zod';

/**
 * Excluding responses (a test, a duplicate): the response stays stored, flagged `excluded`
 * { by, at, reason } and `counted: false`, so it adds to no figure; undo puts it back as it was.
 */

/** At most this many responses per request (one transaction each). */
export const MAX_EXCLUDED_PER_REQUEST = 100;

export const ExclusionInput = z.object({
  responseIds: z.array(z.uuid()).min(1).max(MAX_EXCLUDED_PER_REQUEST),
  /** Why: "test response before the training", "sent twice from two phones"... */
  reason: z.string().trim().min(3, 'Say why, in a few words.').max(300),
});
export type ExclusionInput = z.infer<typeof ExclusionInput>;

export const RestoreInput = z.object({
  responseIds: z.array(z.uuid()).min(1).max(MAX_EXCLUDED_PER_REQUEST),
  reason: z.string().trim().max(300).optional(),
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
  score: z.object({ points: z.number(), maxPoints: z.number() }).nullable(),
  /** Whether it counts in figures (false for a repeat attempt or an excluded response). */
  counted: z.boolean(),
  /** A later attempt of the same device (not an exclusion). */
  repeat: z.boolean(),
  excluded: z
    .object({ by: z.string(), byEmail: z.string().nullable(), at: z.string(), reason: z.string() })
    .nullable(),
});
export type ResponseListItem = z.infer<typeof ResponseListItem>;

export const ExclusionResult = z.object({
  /** Responses whose state changed by this request. */
  changed: z.int(),
  /** Responses already in the state asked for (excluding twice is a no-op). */
  unchanged: z.int(),
});
export type ExclusionResult = z.infer<typeof ExclusionResult>;
