/**
 * The staff API and the export API behind one address, as CloudFront puts them behind one origin
 * in AWS (`/api/exports/*` to the export Lambda, the rest of `/api/*` to the API): for `npm start`
 * and the test stacks.
 */
import { app } from '../app.js';
import { exportsApp } from '../exports-app.js';

export const EXPORTS_PREFIX = '/api/exports/';

/** Routes a request to the export app or the staff API by its path. */
export function localFetch(request: Request, env?: unknown): Response | Promise<Response> {
  const path = new URL(request.url).pathname;
  return path.startsWith(EXPORTS_PREFIX) ? exportsApp.fetch(request, env) : app.fetch(request, env);
}
