import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import type { Content, JsonSchema, RouteConfig } from './api-routes.js';
import type { Problem as ProblemType } from './problem.js';

/**
 * The API reference (OpenAPI 3.1) from the routes' declarations (lib/api-routes.ts): each zod
 * schema becomes JSON Schema 2020-12 with zod's own `toJSONSchema` (request schemas as they are
 * accepted, response schemas as they are answered), a schema with an `id` in its metadata becomes a
 * component referenced by `$ref`. Built only when `/api/openapi.json` is asked for.
 */

/** One offending field (lib/problem.ts `FieldError`). */
const FieldError = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
});
/** RFC 9457 problem details (lib/problem.ts `Problem`), every error's answer. */
const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().check(z.int()),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    requestId: z.optional(z.string()),
    errors: z.optional(z.array(FieldError)),
  })
  .check(z.meta({ id: 'Problem' })) satisfies z.ZodMiniType<ProblemType>;

export interface DocumentInfo {
  title: string;
  version: string;
  description?: string;
}

type Io = 'input' | 'output';

const isZod = (schema: unknown): schema is $ZodType =>
  typeof schema === 'object' && schema !== null && '_zod' in schema;

const NULL = JSON.stringify({ type: 'null' });

/**
 * A nullable schema of one type (`anyOf: [{ type: 'string', … }, { type: 'null' }]`, as zod writes
 * it) in OpenAPI 3.1's usual form, `type: ['string', 'null']` (with `null` among its `enum`):
 * a client generator reads one optional value rather than a union of two.
 */
function nullableAsType(schema: Record<string, unknown>): Record<string, unknown> {
  const { anyOf, ...rest } = schema;
  if (!Array.isArray(anyOf) || anyOf.length !== 2) return schema;
  const nulls = anyOf.filter((s) => JSON.stringify(s) === NULL);
  const [other] = anyOf.filter((s) => JSON.stringify(s) !== NULL) as Record<string, unknown>[];
  if (nulls.length !== 1 || !other || typeof other.type !== 'string') return schema;
  if (Object.keys(other).some((k) => k in rest)) return schema;
  return {
    ...other,
    type: [other.type, 'null'],
    ...(Array.isArray(other.enum) ? { enum: [...other.enum, null] } : {}),
    ...rest,
  };
}

/**
 * zod's JSON Schema as the document states it, at any depth: `#/$defs/X` references as
 * `#/components/schemas/X`, nullable types as `type: [T, 'null']`.
 */
function asDocumented(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asDocumented);
  if (typeof value !== 'object' || value === null) return value;
  const out = Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === '$ref' && typeof v === 'string'
        ? v.replace('#/$defs/', '#/components/schemas/')
        : asDocumented(v),
    ]),
  );
  return nullableAsType(out);
}

class DocumentBuilder {
  readonly components: Record<string, unknown> = {};

  /** A schema as JSON Schema; the named schemas it uses go to the components. */
  schema(schema: $ZodType | JsonSchema, io: Io): JsonSchema {
    if (!isZod(schema)) return schema;
    const {
      $schema: _,
      $defs,
      ...json
    } = z.toJSONSchema(schema, {
      io,
      unrepresentable: 'any',
      cycles: 'ref',
      reused: 'inline',
    }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
    for (const [id, def] of Object.entries($defs ?? {})) {
      const component = asDocumented(def);
      const known = this.components[id];
      if (known && JSON.stringify(known) !== JSON.stringify(component))
        throw new Error(`Two different schemas are named ${id} in the API reference.`);
      this.components[id] = component;
    }
    return asDocumented(json) as JsonSchema;
  }

  content(content: Content, io: Io) {
    return Object.fromEntries(
      Object.entries(content).map(([type, { schema }]) => [type, { schema: this.schema(schema, io) }]),
    );
  }

  /** Path parameters, query and headers: one parameter per property of their object schemas. */
  parameters(route: RouteConfig) {
    const { params, query, headers } = route.request ?? {};
    return (
      [
        ['path', params],
        ['query', query],
        ['header', headers],
      ] as const
    ).flatMap(([where, schema]) => {
      if (!schema) return [];
      const json = this.schema(schema, 'input') as {
        properties?: Record<string, JsonSchema>;
        required?: string[];
      };
      return Object.entries(json.properties ?? {}).map(([name, property]) => {
        const { description, ...rest } = property;
        return {
          name,
          in: where,
          required: where === 'path' || (json.required ?? []).includes(name),
          ...(typeof description === 'string' ? { description } : {}),
          schema: rest,
        };
      });
    });
  }

  operation(route: RouteConfig) {
    const parameters = this.parameters(route);
    const body = route.request?.body;
    return {
      ...(route.tags ? { tags: route.tags } : {}),
      ...(route.summary ? { summary: route.summary } : {}),
      ...(route.description ? { description: route.description } : {}),
      ...(route.security ? { security: route.security } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body
        ? {
            requestBody: {
              ...(body.description ? { description: body.description } : {}),
              ...(body.required ? { required: true } : {}),
              content: this.content(body.content, 'input'),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          {
            description: r.description,
            ...(r.content ? { content: this.content(r.content, 'output') } : {}),
          },
        ]),
      ),
    };
  }
}

/**
 * The OpenAPI 3.1 document of `routes` (each path under `prefix`), with `securitySchemes` as the
 * routes' `security` names them.
 */
export function openApiDocument(
  prefix: string,
  routes: readonly RouteConfig[],
  info: DocumentInfo,
  securitySchemes: Record<string, unknown> = {},
) {
  const builder = new DocumentBuilder();
  builder.schema(Problem, 'output'); // every route's errors refer to it
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `${prefix}${route.path}`;
    paths[path] ??= {};
    paths[path][route.method] = builder.operation(route);
  }
  return {
    openapi: '3.1.0',
    info,
    components: { securitySchemes, schemas: builder.components },
    paths,
  };
}
