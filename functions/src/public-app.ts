import { Hono, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { validator } from 'hono/validator';
import { en } from 'zod/locales';
import { config } from 'zod/mini';
import type { $ZodType, output } from 'zod/v4/core';
import { openFeedback, TokenParam } from './feedback/public-handlers.js';
import { limitBody, useCommon } from './lib/http.js';
import { fieldErrors, ProblemError } from './lib/problem.js';
import { CodeParam, InvitationHeader, openSurvey, Submission, submit } from './surveys/public-handlers.js';

// zod/mini leaves messages to a locale (classic registers English itself): the same English
// messages as the staff API's, whichever API validates.
config(en());

/** Answers are a few KB; the same limit as the staff API's. */
const MAX_BODY_BYTES = 64 * 1024;

/** A zod schema of either API (zod/mini here, classic in the staff API): both parse the same way. */
type Schema = $ZodType & {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: Parameters<typeof fieldErrors>[0] };
};

/**
 * hono's own validator with a zod schema and the staff API's hook (lib/validation.ts): what
 * @hono/zod-openapi does for a route (a malformed or non-JSON body is a 400 problem from hono's
 * validator, a schema failure a 422 problem with `[target, ...path]` field errors), without loading
 * @hono/zod-openapi and its OpenAPI generator.
 */
const valid = <T extends Schema, Target extends 'param' | 'json' | 'header'>(target: Target, schema: T) =>
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
    return result.data as output<T>;
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
 * The participants' routes (`/public/*`: open a survey, submit a response, a shared summary), their
 * schemas in zod/mini and their handlers, on a plain Hono router. Both APIs serve them from here: the
 * participants' Lambda below, and the staff API (app.ts), where public-routes.ts documents them.
 */
export const publicRoutes = new Hono()
  .get('/public/surveys/:code', valid('param', CodeParam), valid('header', InvitationHeader), (c) =>
    openSurvey(c, c.req.valid('param').code, c.req.valid('header')['x-invitation']),
  )
  .post(
    '/public/surveys/:code/responses',
    valid('param', CodeParam),
    jsonOnly,
    valid('json', Submission),
    (c) => submit(c, c.req.valid('param').code, c.req.valid('json')),
  )
  .get('/public/feedback/:token', valid('param', TokenParam), (c) =>
    openFeedback(c, c.req.valid('param').token),
  );

/**
 * The participants' API alone (`/api/public/*`), without the staff routes, the OpenAPI machinery,
 * zod's full API or anything they import, so the Lambda that serves it stays small and starts fast
 * (handlers/public.ts; `npm run bench` prints its size and cold start).
 */
const publicApp = new Hono();
useCommon(publicApp);
publicApp.use('*', limitBody(MAX_BODY_BYTES));
publicApp.route('/api', publicRoutes);

export { publicApp };
