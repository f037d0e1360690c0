import type { Hook } from '@hono/zod-openapi';
import { fieldErrors, ProblemError } from './problem.js';

/** Turns a failed request validation into a 422 problem with the offending field paths. */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every shape
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (!result.success) {
    throw new ProblemError(
      422,
      'invalid-input',
      'Some fields are missing or invalid.',
      fieldErrors(result.error, [result.target]),
    );
  }
};
