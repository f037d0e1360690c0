/**
 * Abuse limits and capacity, from one load model (docs/deploy.md, "Load model and limits"):
 * a meeting of 300 ends and everyone answers on their phone within about a minute; ten such
 * meetings end at once (3,000 people). Each person opens the survey once or twice and sends once,
 * with up to two resends on a bad connection. A whole meeting may share one address (venue Wi-Fi).
 *
 * In AWS the per-address limits are WAF rate-based rules at CloudFront (infra/lib/edge.ts); the
 * app applies the same numbers per address and survey (lib/rate-limit.ts), which is what runs
 * locally and in the tests. The per-route throttles cap what reaches the Lambdas from everyone.
 */
export const ABUSE_LIMITS = {
  /** Submissions per client address and minute (one venue: 300 people × 2 tries). */
  submissionsPerAddressPerMinute: 600,
  /** Survey opens per client address and minute (300 people × 2 opens). */
  opensPerAddressPerMinute: 600,
  /** Any /api request per client address in 5 minutes (staff pages, a venue's reloads). */
  apiPerAddressPer5Minutes: 3000,
} as const;

/**
 * Requests per second the HTTP API lets through per route (token bucket: steady rate, burst).
 * 3,000 people in about a minute is 50 opens/s and up to 150 submissions/s with resends; a fifth
 * of ten meetings pressing "send" in the same 5 seconds is 600 at once, absorbed by the burst.
 */
export const ROUTE_THROTTLES = {
  submit: { rate: 150, burst: 600 },
  open: { rate: 100, burst: 300 },
  /** Everything else: a few dozen staff, a page issuing a handful of calls at a time. */
  staff: { rate: 25, burst: 50 },
} as const;
