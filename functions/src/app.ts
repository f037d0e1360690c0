import { Hono, type MiddlewareHandler } from 'hono';
import { ApiRoutes } from './lib/api-routes.js';
import type { AuthVariables } from './lib/auth.js';
import { limitBody, useCommon } from './lib/http.js';
import { mountLazily } from './lib/lazy-routes.js';
import { routeGroups } from './route-groups.js';
import { routeManifest } from './route-manifest.js';
import { system } from './system/routes.js';

/** Largest request body the API reads; surveys answers are a few KB. */
export const MAX_BODY_BYTES = 64 * 1024;
/** An attendance list import (up to 2000 rows of name, e-mail, country, organisation, gender). */
export const MAX_IMPORT_BODY_BYTES = 1024 * 1024;
const isImport = (method: string, path: string) =>
  method === 'POST' && /^\/api\/activities\/[^/]+\/attendees$/.test(path);

const app = new Hono<{ Variables: AuthVariables }>();

useCommon(app);
const [smallBody, importBody] = [limitBody(MAX_BODY_BYTES), limitBody(MAX_IMPORT_BODY_BYTES)];
const bodyLimits: MiddlewareHandler = (c, next) =>
  (isImport(c.req.method, c.req.path) ? importBody : smallBody)(c, next);
app.use('*', bodyLimits);

// Health and client configuration are loaded at start; every other group on its first request.
app.route('/api', system);
const lazy = mountLazily(app, '/api', routeGroups, routeManifest);

/** Loads every route group: the API reference, the role tests and warm-up need them all. */
export const loadRouteGroups = lazy.loadAll;

/** The API reference (OpenAPI 3.1) of every group, built once on its first request. */
async function reference(): Promise<unknown> {
  const [{ openApiDocument }, groups] = await Promise.all([import('./lib/openapi.js'), loadRouteGroups()]);
  return openApiDocument(
    '/api',
    [system, ...groups].flatMap((group) => (group instanceof ApiRoutes ? group.declared : [])),
    {
      title: 'Results and learning tool API',
      version: '0.1.0',
      description:
        'Surveys, responses and S.M.A.R.T. indicators for a migration dialogue action plan. ' +
        'Errors are RFC 9457 application/problem+json.',
    },
    {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'A Cognito access token of this application.',
      },
    },
  );
}
let referenceDocument: Promise<unknown> | undefined;
app.get('/api/openapi.json', async (c) => {
  // A failed build is not kept: the next request builds it again.
  referenceDocument ??= reference().catch((err: unknown) => {
    referenceDocument = undefined;
    throw err;
  });
  return c.json(await referenceDocument);
});
// The browsable reference is a page of the web app (same origin behind CloudFront and locally).
app.get('/api/docs', (c) => c.redirect('/api-docs', 302));

export { app };
export type AppType = typeof app;
