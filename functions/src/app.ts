import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { activityRoutes } from './activities/routes.js';
import { auditRoutes } from './audit/routes.js';
import { commentRoutes } from './comments/routes.js';
import { publicFeedback } from './feedback/public-routes.js';
import { feedbackRoutes } from './feedback/routes.js';
import { frameworkRoutes } from './framework/routes.js';
import { indicatorRoutes } from './indicators/routes.js';
import { emailRoutes } from './invitations/routes.js';
import { lessonRoutes } from './lessons/routes.js';
import type { AuthVariables } from './lib/auth.js';
import { limitBody, useCommon } from './lib/http.js';
import { validationHook } from './lib/validation.js';
import { publicRoutes } from './public-app.js';
import { reportRoutes } from './report/routes.js';
import { responseRoutes } from './responses/routes.js';
import { resultRoutes } from './results/routes.js';
import { surveyListRoutes } from './surveys/list-routes.js';
import { publicSurveys } from './surveys/public-routes.js';
import { surveys } from './surveys/routes.js';
import { system } from './system/routes.js';
import { templateRoutes } from './templates/routes.js';
import { users } from './users/routes.js';

/** Largest request body the API reads; surveys answers are a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;
/** An attendance list import (up to 2000 rows of name, e-mail, country, organisation, gender). */
export const MAX_IMPORT_BODY_BYTES = 1024 * 1024;
const isImport = (method: string, path: string) =>
  method === 'POST' && /^\/api\/activities\/[^/]+\/attendees$/.test(path);

const app = new OpenAPIHono<{ Variables: AuthVariables }>({ defaultHook: validationHook });

useCommon(app);
const [smallBody, importBody] = [limitBody(MAX_BODY_BYTES), limitBody(MAX_IMPORT_BODY_BYTES)];
const bodyLimits: MiddlewareHandler = (c, next) =>
  (isImport(c.req.method, c.req.path) ? importBody : smallBody)(c, next);
app.use('*', bodyLimits);

app.route('/api', system);
app.route('/api', users);
app.route('/api', auditRoutes);
app.route('/api', templateRoutes);
app.route('/api', surveys);
app.route('/api', emailRoutes);
app.route('/api', responseRoutes);
app.route('/api', surveyListRoutes);
app.route('/api', publicRoutes);
app.route('/api', publicSurveys);
app.route('/api', activityRoutes);
app.route('/api', frameworkRoutes);
app.route('/api', indicatorRoutes);
app.route('/api', resultRoutes);
app.route('/api', reportRoutes);
app.route('/api', lessonRoutes);
app.route('/api', commentRoutes);
app.route('/api', feedbackRoutes);
app.route('/api', publicFeedback);

app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
  type: 'http',
  scheme: 'bearer',
  bearerFormat: 'JWT',
  description: 'A Cognito access token of this application.',
});
app.doc31('/api/openapi.json', {
  openapi: '3.1.0',
  info: {
    title: 'Results and learning tool API',
    version: '0.1.0',
    description:
      'Surveys, responses and S.M.A.R.T. indicators for a migration dialogue action plan. ' +
      'Errors are RFC 9457 application/problem+json.',
  },
});
// The browsable reference is a page of the web app (same origin behind CloudFront and locally).
app.get('/api/docs', (c) => c.redirect('/api-docs', 302));

export { app };
export type AppType = typeof app;
