import { Hono } from 'hono';
import { publicFeedback } from './feedback/public-routes.js';
import { limitBody, useCommon } from './lib/http.js';
import { publicSurveys } from './surveys/public-routes.js';

/** Answers are a few KB; the same limit as the staff API's. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The participants' API alone (`/api/public/*`: open a survey, submit a response): the same routes,
 * validation and problems as in the staff API (app.ts), without the staff routes, the OpenAPI
 * document or anything they import, so the Lambda that serves it stays small and starts fast
 * (handlers/public.ts; `npm run bench` prints its size and cold start).
 */
const publicApp = new Hono();
useCommon(publicApp);
publicApp.use('*', limitBody(MAX_BODY_BYTES));
publicApp.route('/api', publicSurveys);
publicApp.route('/api', publicFeedback);

export { publicApp };
