import { Hono } from 'hono';
import { exportRoutes } from './exports/routes.js';
import type { AuthVariables } from './lib/auth.js';
import { limitBody, useCommon } from './lib/http.js';

/**
 * The export API alone (`/api/exports/*`: per-respondent responses, indicator values, activities
 * as CSV or XLSX): the same access checks, validation and problems as the staff API (app.ts), in
 * its own app so that exceljs (and the streaming writers) stay out of the staff and participant
 * Lambdas. In AWS it runs in its own Lambda with response streaming (handlers/exports.ts,
 * infra/lib/exports.ts, docs/exports.md); locally and in tests it is mounted beside the API
 * (`localFetch` in local/mount.ts).
 */
const exportsApp = new Hono<{ Variables: AuthVariables }>();
useCommon(exportsApp);
// Exports are GETs: no body to read.
exportsApp.use('*', limitBody(1024));
exportsApp.route('/api', exportRoutes);
exportsApp.get('/api/exports/openapi.json', async (c) => {
  const { openApiDocument } = await import('./lib/openapi.js');
  return c.json(
    openApiDocument('/api', exportRoutes.declared, {
      title: 'Results and learning tool export API',
      version: '0.1.0',
      description: 'CSV and XLSX exports, streamed. Errors are RFC 9457 application/problem+json.',
    }),
  );
});

export { exportsApp };
