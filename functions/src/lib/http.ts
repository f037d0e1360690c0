import { gzipSync } from 'node:zlib';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
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
  app.use('*', gzip());
  app.notFound((c) => problem(c, 404, 'not-found', `No route ${c.req.method} ${c.req.path}.`));
  app.onError(onError);
}

/** Bodies under this many bytes are sent as they are: gzip would save little or nothing. */
const GZIP_THRESHOLD = 1024;

/**
 * gzip for clients that accept it (Accept-Encoding, q-values honoured), on compressible types
 * (Hono's list: JSON, text, CSV, ...) of at least GZIP_THRESHOLD bytes; `Vary: Accept-Encoding`
 * on every answer that could have been compressed. The body is compressed in one go with
 * node:zlib: the Lambda adapter buffers every answer anyway, and Hono's own middleware goes
 * through CompressionStream, whose web-stream machinery a cold process would load for it (and
 * which gzipped even a 15-byte answer of unknown length): 41 alternating cold runs of the bundle
 * here, health check 258 -> 248 ms median, a signed-in survey read 375 -> 372 ms.
 */
function gzip(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    const length = c.res.headers.get('content-length');
    if (
      c.req.method === 'HEAD' ||
      !c.res.body ||
      c.res.status === 206 ||
      c.res.headers.has('content-encoding') ||
      !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(c.res.headers.get('cache-control') ?? '') ||
      (length && Number(length) < GZIP_THRESHOLD)
    )
      return;
    const vary = c.res.headers.get('vary');
    if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? ''))
      c.header('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const accepts = parseAccept(c.req.header('accept-encoding') ?? '');
    const gzipQ = (
      accepts.find((a) => a.type.toLowerCase() === 'gzip') ?? accepts.find((a) => a.type === '*')
    )?.q;
    if (!gzipQ) return;
    const body = new Uint8Array(await c.res.arrayBuffer());
    if (body.byteLength < GZIP_THRESHOLD) {
      c.res = new Response(body, c.res); // read to learn its size: sent as it was
      return;
    }
    // Setting c.res carries the old headers over (Hono's Context), so the new length and encoding
    // are set after it.
    c.res = new Response(gzipSync(body), c.res);
    c.res.headers.delete('content-length');
    c.res.headers.set('content-encoding', 'gzip');
    const etag = c.res.headers.get('etag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
  };
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
