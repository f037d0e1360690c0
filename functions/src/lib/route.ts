import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Access } from '../../../shared/src/users/schema.js';
import { requireAccess } from './auth.js';
import { Problem } from './problem.js';

/** Every route's method, OpenAPI path and the access it needs: the role tests read this. */
export const routeAccess: { method: string; path: string; access: Access }[] = [];

const problemContent = { 'application/problem+json': { schema: Problem } };

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
  return createRoute({
    ...config,
    description: [config.description, access === 'public' ? 'Public.' : `Requires: ${access}.`]
      .filter(Boolean)
      .join(' '),
    security: access === 'public' ? [] : [{ bearer: [] }],
    middleware: [requireAccess(access)] as const,
    responses: { ...errors, ...config.responses },
  });
}
