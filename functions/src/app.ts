import { OpenAPIHono } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { activityRoutes } from './activities/routes.js';
import { auditRoutes } from './audit/routes.js';
import { frameworkRoutes } from './framework/routes.js';
import { indicatorRoutes } from './indicators/routes.js';
import type { AuthVariables } from './lib/auth.js';
import { log } from './lib/log.js';
import { ProblemError, problem } from './lib/problem.js';
import { validationHook } from './lib/validation.js';
import { resultRoutes } from './results/routes.js';
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

app.use('*', requestId({ headerName: 'x-request-id' }));
app.use('*', async (c, next) => {
  const started = performance.now();
  await next();
  log.info('request', {
    requestId: c.get('requestId'),
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    ms: Math.round((performance.now() - started) * 10) / 10,
  });
});
app.use('*', secureHeaders());
// JSON over 1 KB is gzip-compressed for clients that accept it (a survey: 13.6 KB raw, ~4.5 KB
// gzip). CloudFront passes the compressed body through (its API cache policy forwards the
// normalised Accept-Encoding, infra/lib/web.ts); the Lambda adapter base64-encodes it.
app.use('*', compress({ encoding: 'gzip' }));
const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: (c) => problem(c, 413, 'too-large', `The request body is over ${maxSize} bytes.`),
  });
const [smallBody, importBody] = [limit(MAX_BODY_BYTES), limit(MAX_IMPORT_BODY_BYTES)];
const bodyLimits: MiddlewareHandler = (c, next) =>
  (isImport(c.req.method, c.req.path) ? importBody : smallBody)(c, next);
app.use('*', bodyLimits);

app.route('/api', system);
app.route('/api', users);
app.route('/api', auditRoutes);
app.route('/api', templateRoutes);
app.route('/api', surveys);
app.route('/api', publicSurveys);
app.route('/api', activityRoutes);
app.route('/api', frameworkRoutes);
app.route('/api', indicatorRoutes);
app.route('/api', resultRoutes);

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

app.notFound((c) => problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}.`));

app.onError((err, c) => {
  if (err instanceof ProblemError) {
    const res = problem(c, err.status, err.slug, err.detail, err.errors);
    for (const [k, v] of Object.entries(err.headers ?? {})) res.headers.set(k, v);
    return res;
  }
  if (err instanceof HTTPException) {
    const slug = err.status === 400 ? 'malformed-request' : 'http-error';
    return problem(c, err.status as 400, slug, err.message || undefined);
  }
  // Unexpected: log everything, answer nothing internal.
  log.error('unhandled', {
    requestId: c.get('requestId'),
    error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
  });
  return problem(c, 500, 'internal', 'Something went wrong on our side. It has been logged.');
});

export { app };
export type AppType = typeof app;
