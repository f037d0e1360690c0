/**
 * The public summary route's schema and what it does once the request is valid, without a router:
 * served by the router both APIs share (public-app.ts; public-routes.ts documents it in the staff
 * API's reference), which must not load the staff API's routes.
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import { clientAddress } from '../lib/client.js';
import { ProblemError } from '../lib/problem.js';
import { limitRate } from '../lib/rate-limit.js';
import { findLinkByToken } from './links.js';

/**
 * Views of shared summaries per client address and minute: a room on one venue Wi-Fi opening the
 * link at once stays well within it; a script trying tokens does not get far (and 128-bit tokens
 * cannot be guessed anyway). In AWS the WAF's per-address rule and the route throttle apply too.
 */
export const FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE = 120;

/** In zod/mini, as the participants' Lambda validates it (public-app.ts). */
export const TokenParam = z.object({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a link token')),
});

const gone = () =>
  new ProblemError(
    404,
    'summary-not-found',
    'There is no summary at this link. Check the link you were given.',
  );

/** GET /api/public/feedback/{token}, after validation. */
export async function openFeedback(c: Context, token: string) {
  const [, link] = await Promise.all([
    limitRate(`feedback#${clientAddress(c)}`, FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE),
    findLinkByToken(token),
  ]);
  if (!link) throw gone();
  if (link.revokedAt) throw new ProblemError(410, 'summary-withdrawn', 'This summary has been withdrawn.');
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  const { activityTitle, surveyTitle, languages, madeAt, summary } = link.snapshot;
  return c.json({ activityTitle, surveyTitle, languages, madeAt, summary }, 200);
}
