import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import type { $ZodType } from 'zod/v4/core';
import type { Access } from '../../../shared/src/users/schema.js';
import { requireAccess } from './auth.js';
import type { Problem as ProblemType } from './problem.js';

/** One offending field (lib/problem.ts `FieldError`), for the API reference. */
const FieldError = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
/** RFC 9457 problem details (lib/problem.ts `Problem`), for the API reference. */
const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .meta({ id: 'Problem' }) satisfies z.ZodType<ProblemType>;

/**
 * zod/mini schemas (the participants' routes, public-app.ts) for the API reference, which reads
 * classic schemas only: a request body as its JSON Schema, parameters and headers as a classic
 * object rebuilt from theirs. Validation stays with the mini schemas; custom checks (a pairing
 * code's check character) are not in the document.
 */
export const documented = {
  body: (schema: $ZodType) => {
    const { $schema: _, ...json } = z.toJSONSchema(schema, { io: 'input' });
    return json as Record<string, unknown>;
  },
  /** Parameters and headers are strings: each field a classic string carrying its JSON Schema. */
  fields: (schema: $ZodType) => {
    const json = z.toJSONSchema(schema, { io: 'input' }) as {
      properties?: Record<string, Record<string, unknown>>;
      required?: string[];
    };
    return z.object(
      Object.fromEntries(
        Object.entries(json.properties ?? {}).map(([name, property]) => {
          const field = z.string().openapi(property);
          return [name, json.required?.includes(name) ? field : field.optional()];
        }),
      ),
    );
  },
};

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
