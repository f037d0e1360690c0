import type { Access } from '../../../shared/src/users/schema.js';
import type { RouteConfig } from './api-routes.js';
import { requireAccess } from './auth.js';

/** Every route's method, OpenAPI path and the access it needs: the role tests read this. */
export const routeAccess: { method: string; path: string; access: Access }[] = [];

/** Every error's answer: the Problem schema (lib/openapi.ts) in the reference's components. */
const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/**
 * Declares a route with the access it needs. The access check runs before validation, so an
 * unauthenticated caller learns nothing about the body it would have to send.
 */
export function defineRoute<R extends Omit<RouteConfig, 'middleware' | 'security'>>(
  access: Access,
  config: R,
) {
  routeAccess.push({ method: config.method.toUpperCase(), path: `/api${config.path}`, access });
  const errors: RouteConfig['responses'] = {
    400: { description: 'Malformed request', content: problemContent },
    422: { description: 'Invalid input, with the offending field paths', content: problemContent },
  };
  if (access !== 'public') {
    errors[401] = { description: 'Missing, invalid or expired token', content: problemContent };
  }
  if (access === 'admin' || access === 'evaluator') {
    errors[403] = { description: `Needs the ${access} role`, content: problemContent };
  }
  return {
    ...config,
    description: [config.description, access === 'public' ? 'Public.' : `Requires: ${access}.`]
      .filter(Boolean)
      .join(' '),
    security: access === 'public' ? [] : [{ bearer: [] }],
    middleware: [requireAccess(access)],
    responses: { ...errors, ...config.responses },
  };
}
