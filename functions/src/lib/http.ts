import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { log } from './log.js';
import { requireOrigin } from './origin.js';
import { ProblemError, problem } from './problem.js';

/**
 * What every Hono app of ours does around its routes, the staff API (app.ts) and the public
 * participant API (public-app.ts) alike: request ids, one log line per request, security headers,
 * the CloudFront origin check, compression, and errors answered as RFC 9457 problems.
 */
// biome-ignore lint/suspicious/noExplicitAny: shared by apps of every env shape
export function useCommon(app: Hono<any>): void {
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
  // In AWS only CloudFront may call the API (its secret origin header); locally nothing is required.
  app.use('/api/*', requireOrigin());
  // JSON over 1 KB is gzip-compressed for clients that accept it (a survey: 13.6 KB raw, ~4.5 KB
  // gzip). CloudFront passes the compressed body through (its API cache policy forwards the
  // normalised Accept-Encoding, infra/lib/web.ts); the Lambda adapter base64-encodes it.
  app.use('*', compress({ encoding: 'gzip' }));
  app.notFound((c) => problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}.`));
  app.onError(onError);
}

/** Refuses a body over `maxSize` bytes with a 413 problem, without reading it. */
export const limitBody = (maxSize: number): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: (c) => problem(c, 413, 'too-large', `The request body is over ${maxSize} bytes.`),
  });

function onError(err: Error, c: Context): Response {
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
}
