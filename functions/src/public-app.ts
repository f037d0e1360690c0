import { Hono } from 'hono';
import { openFeedback, TokenParam } from './feedback/public-handlers.js';
import { jsonOnly, valid } from './lib/api-routes.js';
import { limitBody, useCommon } from './lib/http.js';
import { CodeParam, InvitationHeader, openSurvey, Submission, submit } from './surveys/public-handlers.js';

/** Answers are a few KB; the same limit as the staff API's. */
const MAX_BODY_BYTES = 64 * 1024;

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
