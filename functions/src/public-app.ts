import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import type * as z from 'zod';
import { openFeedback, TokenParam } from './feedback/public-handlers.js';
import { limitBody, useCommon } from './lib/http.js';
import { fieldErrors, ProblemError } from './lib/problem.js';
import { CodeParam, InvitationHeader, openSurvey, Submission, submit } from './surveys/public-handlers.js';

/** Answers are a few KB; the same limit as the staff API's. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * hono's own validator with a zod schema and the staff API's hook (lib/validation.ts): what
 * @hono/zod-openapi does for a route (a malformed or non-JSON body is a 400 problem from hono's
 * validator, a schema failure a 422 problem with `[target, ...path]` field errors), without loading
 * @hono/zod-openapi and its OpenAPI generator.
 */
const valid = <T extends z.ZodType, Target extends 'param' | 'json' | 'header'>(target: Target, schema: T) =>
  validator(target, (value) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new ProblemError(
        422,
        'invalid-input',
        'Some fields are missing or invalid.',
        fieldErrors(result.error, [target]),
      );
    }
    return result.data as z.output<T>;
  });

/** The same media-type gate as @hono/zod-openapi's for a JSON body: other types are a 415 problem. */
const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;
const jsonOnly: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type');
  const unsupported = type
    ? !JSON_TYPE.test(type)
    : c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0;
  if (unsupported) throw new HTTPException(415, { message: 'Unsupported Media Type' });
  await next();
};

/**
 * The participants' API alone (`/api/public/*`: open a survey, submit a response): the same
 * handlers, schemas and problems as in the staff API (surveys/public-handlers.ts, served there by
 * the OpenAPI router of public-routes.ts, which also documents them), on a plain Hono router,
 * without the staff routes, the OpenAPI machinery or anything they import, so the Lambda that
 * serves it stays small and starts fast (handlers/public.ts; `npm run bench` prints its size and
 * cold start).
 */
const publicApp = new Hono();
useCommon(publicApp);
publicApp.use('*', limitBody(MAX_BODY_BYTES));
publicApp.get(
  '/api/public/surveys/:code',
  valid('param', CodeParam),
  valid('header', InvitationHeader),
  (c) => openSurvey(c, c.req.valid('param').code, c.req.valid('header')['x-invitation']),
);
publicApp.post(
  '/api/public/surveys/:code/responses',
  valid('param', CodeParam),
  jsonOnly,
  valid('json', Submission),
  (c) => submit(c, c.req.valid('param').code, c.req.valid('json')),
);
publicApp.get('/api/public/feedback/:token', valid('param', TokenParam), (c) =>
  openFeedback(c, c.req.valid('param').token),
);

export { publicApp };
