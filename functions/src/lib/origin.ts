import { timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { env } from './env.js';
import { ProblemError } from './problem.js';

/** The header CloudFront adds to every request it forwards to the API (infra/lib/api.ts). */
export const ORIGIN_HEADER = 'x-origin-verify';

const same = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * In AWS, refuses requests that did not come through CloudFront (and so through the WAF, and with a
 * CloudFront-Viewer-Address the limiter can trust): only CloudFront knows ORIGIN_SECRET. Without
 * the setting (locally) every request passes.
 */
export const requireOrigin = () =>
  createMiddleware(async (c, next) => {
    const secret = env().ORIGIN_SECRET;
    if (secret && !same(c.req.header(ORIGIN_HEADER) ?? '', secret)) {
      throw new ProblemError(403, 'forbidden', 'Use the site address; the API is not served here.');
    }
    return next();
  });
