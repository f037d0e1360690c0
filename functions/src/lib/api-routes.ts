import { type Context, type Env, Hono, type Input, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { HandlerResponse } from 'hono/types';
import { validator } from 'hono/validator';
import type { $ZodType, output } from 'zod/v4/core';
import { fieldErrors, ProblemError } from './problem.js';

/**
 * Routes declared with what they accept and answer: each route is validated from its declaration
 * (path parameters, query, headers, a JSON body) and the same declaration is its entry in the API
 * reference (lib/openapi.ts builds the document, on request only). Plain Hono underneath, with
 * hono's own validator and zod/mini schemas, so a route group (or the participants' Lambda) loads
 * no OpenAPI machinery and no more of zod than its schemas use.
 */

/** A zod schema (zod/mini; a classic one would parse the same way). */
type Schema = $ZodType & {
  safeParse(
    value: unknown,
  ): { success: true; data: unknown } | { success: false; error: Parameters<typeof fieldErrors>[0] };
};

/** A JSON Schema written out, for what the reference describes but no zod schema validates. */
export type JsonSchema = Record<string, unknown>;

export type Content = Record<string, { schema: $ZodType | JsonSchema }>;

/** A JSON request or response body of `schema`, as a declaration's `content`. */
export const json = <T extends $ZodType>(schema: T) => ({ 'application/json': { schema } });

export interface RouteConfig {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI syntax (`/surveys/{surveyId}`), relative to where the group is mounted. */
  path: string;
  tags?: string[];
  summary?: string;
  description?: string;
  security?: Record<string, string[]>[];
  /** Runs before validation (the access check). */
  middleware?: readonly MiddlewareHandler[];
  request?: {
    params?: $ZodType;
    query?: $ZodType;
    headers?: $ZodType;
    body?: { content: Content; required?: boolean; description?: string };
  };
  responses: Record<number, { description: string; content?: Content }>;
}

/** What a route's handler reads with `c.req.valid(...)`, from its declaration. */
type Valid<R extends RouteConfig> = (R['request'] extends { params: infer S extends $ZodType }
  ? { param: output<S> }
  : unknown) &
  (R['request'] extends { query: infer S extends $ZodType } ? { query: output<S> } : unknown) &
  (R['request'] extends { headers: infer S extends $ZodType } ? { header: output<S> } : unknown) &
  (R['request'] extends { body: { content: { 'application/json': { schema: infer S extends $ZodType } } } }
    ? { json: output<S> }
    : unknown);

const isZod = (schema: unknown): schema is Schema =>
  typeof schema === 'object' && schema !== null && '_zod' in schema;

/**
 * hono's validator with a zod schema: a malformed or non-JSON body is a 400 problem (hono's
 * validator), a schema failure a 422 problem whose field errors start with the target
 * (`['json', 'answers', 0]`).
 */
export const valid = <T extends Schema, Target extends 'param' | 'query' | 'json' | 'header'>(
  target: Target,
  schema: T,
) =>
  validator(target, (value) => {
    const result = schema.safeParse(value);
    if (!result.success) {
      throw new ProblemError(
        422,
        'invalid-input',
        'Some fields are missing or invalid.',
        fieldErrors(result.error, [target]),
      );
    }
    return result.data as output<T>;
  });

const JSON_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/i;

/** A JSON body only: another content type, or a body without one, is a 415 problem. */
export const jsonOnly: MiddlewareHandler = async (c, next) => {
  const type = c.req.header('content-type');
  const unsupported = type
    ? !JSON_TYPE.test(type)
    : c.req.raw.body !== null && (await c.req.arrayBuffer()).byteLength > 0;
  if (unsupported) throw new HTTPException(415, { message: 'Unsupported Media Type' });
  await next();
};

/** The validators of a route's declaration, in the order query, path parameters, headers, body. */
function validatorsOf(route: RouteConfig): MiddlewareHandler[] {
  const out: MiddlewareHandler[] = [];
  const { params, query, headers, body } = route.request ?? {};
  if (query && isZod(query)) out.push(valid('query', query));
  if (params && isZod(params)) out.push(valid('param', params));
  if (headers && isZod(headers)) out.push(valid('header', headers));
  const schema = body?.content['application/json']?.schema;
  if (body && isZod(schema)) {
    const json = valid('json', schema);
    out.push(jsonOnly);
    // An optional body is validated when one is sent (jsonOnly let only JSON through); without one
    // the handler reads `{}`.
    out.push(
      body.required
        ? json
        : async (c, next) => {
            if (c.req.header('content-type')) return json(c, next);
            c.req.addValidatedData('json', {});
            await next();
          },
    );
  }
  return out;
}

export class ApiRoutes<E extends Env = Env> extends Hono<E> {
  /** Every route's declaration, in order, for the API reference (lib/openapi.ts). */
  readonly declared: RouteConfig[] = [];

  /** Adds a route: its middleware (the access check), its validators, then its handler. */
  openapi<R extends RouteConfig>(
    route: R,
    handler: (c: Context<E, string, { out: Valid<R> } & Input>) => HandlerResponse<unknown>,
  ): this {
    this.declared.push(route);
    const path = route.path.replaceAll(/\/{(.+?)}/g, '/:$1');
    // biome-ignore lint/suspicious/noExplicitAny: one chain of handlers of different input types
    const chain: any[] = [...(route.middleware ?? []), ...validatorsOf(route), handler];
    this.on(route.method.toUpperCase(), path, ...(chain as [MiddlewareHandler]));
    return this;
  }

  /** Declares a route served by another router (documented here, handled there). */
  document(route: RouteConfig): this {
    this.declared.push(route);
    return this;
  }
}
