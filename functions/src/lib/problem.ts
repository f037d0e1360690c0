import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { en } from 'zod/locales';
import { config } from 'zod/mini';
import type { $ZodError } from 'zod/v4/core';

// zod/mini leaves messages to a locale (classic registered English itself): every API's field
// errors are in English, whichever schema, route or Lambda validated.
config(en());

/** One offending field: its path in the request and what is wrong with it. */
export interface FieldError {
  path: (string | number)[];
  code: string;
  message: string;
}

/**
 * RFC 9457 problem details, as every error of this API is answered (its schema for the API
 * reference: lib/route.ts). Plain types here: the participants' Lambda loads this file without
 * zod's full API.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
};

/**
 * An error that becomes a problem+json answer.
 * `throw new ProblemError(409, 'conflict', 'This response id was already used with other answers')`
 */
export class ProblemError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly slug: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? slug);
    this.name = 'ProblemError';
  }
}

/** Answer `c` with a problem document. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  slug: string,
  detail?: string,
  errors?: FieldError[],
): Response {
  const body: Problem = {
    type: `/api/problems/${slug}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    instance: c.req.path,
    requestId: c.get('requestId' as never),
    errors,
  };
  return c.body(JSON.stringify(body), status, {
    'content-type': 'application/problem+json; charset=utf-8',
  });
}

/** Field errors from a zod error, with paths prefixed by where the value came from. */
export function fieldErrors(error: $ZodError, prefix: string[] = []): FieldError[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    code: issue.code,
    message: issue.message,
  }));
}
