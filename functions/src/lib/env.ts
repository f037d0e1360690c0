import * as z from 'zod/mini';

/**
 * The environment, parsed once and checked (zod/mini: every Lambda loads this file), so a missing setting fails fast with a clear
 * message instead of surfacing as an odd error on the first request.
 * Endpoints are only set locally (emulators); in AWS the SDK defaults apply.
 */
const Env = z.object({
  TABLE_NAME: z.string().check(z.minLength(1)),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'eu-central-1'),
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /**
   * The credentials DynamoDB requests are signed with (lib/dynamodb.ts): the Lambda runtime sets
   * the function role's; locally, the emulators' (functions/src/local/bootstrap.ts).
   */
  AWS_ACCESS_KEY_ID: z.string().check(z.minLength(1)),
  AWS_SECRET_ACCESS_KEY: z.string().check(z.minLength(1)),
  AWS_SESSION_TOKEN: z.optional(z.string().check(z.minLength(1))),
  COGNITO_ENDPOINT: z.optional(z.url()),
  COGNITO_USER_POOL_ID: z.string().check(z.minLength(1)),
  COGNITO_CLIENT_ID: z.string().check(z.minLength(1)),
  /** Token issuer; defaults to the AWS one for the pool. cognito-local issues `<endpoint>/<pool>`. */
  COGNITO_ISSUER: z.optional(z.url()),
  SES_ENDPOINT: z.optional(z.url()),
  MAIL_FROM: z._default(z.email(), 'no-reply@example.org'),
  /** Where participants and invited users open the web app, for links in e-mails. */
  PUBLIC_BASE_URL: z._default(z.url(), 'http://localhost:5173'),
  /** Value CloudFront puts in x-origin-verify; when set, requests without it are refused (lib/origin.ts). */
  ORIGIN_SECRET: z.optional(z.string().check(z.minLength(20))),
  /** The sending queue (SQS) in AWS; without it the scheduled run sends itself (locally). */
  SEND_QUEUE_URL: z.optional(z.url()),
  /** SES configuration set whose events (bounces) reach handlers/bounces.ts; none locally. */
  SES_CONFIGURATION_SET: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /**
   * Where the per-address abuse limits are applied: `app` (a DynamoDB counter per request, what runs
   * locally and in the tests, where no WAF exists) or `edge` (the WAF's rate-based rules at
   * CloudFront, infra/lib/edge.ts; set in AWS, where the origin check makes every request pass the
   * WAF): then the submission and open routes skip the counter write (one round trip fewer).
   */
  RATE_LIMITS: z._default(z.enum(['app', 'edge']), 'app'),
  /** E-mails a second one sending process may start: the SES quota divided by the consumers (0: no pause). */
  SES_SEND_RATE: z._default(z.coerce.number().check(z.minimum(0), z.maximum(1000)), 0),
  /** CloudWatch namespace of the metrics written as embedded metric format log lines. */
  METRICS_NAMESPACE: z._default(z.string().check(z.minLength(1), z.maxLength(255)), 'ResultsLearningTool'),
  /** `required`: routes needing the admin role refuse accounts without TOTP (lib/auth.ts). */
  ADMIN_MFA: z._default(z.enum(['optional', 'required']), 'optional'),
  /** How long a process trusts the roles it read from the user pool (see lib/auth.ts). */
  DIRECTORY_CACHE_SECONDS: z._default(
    z.coerce.number().check(z.refine(Number.isInteger, 'expected an integer'), z.minimum(0), z.maximum(300)),
    30,
  ),
  /**
   * `on`: after each stream batch that changed data, the roll-up consumer computes and caches the
   * results page as it opens (results/store.ts `warmViews`); `off`: the next request computes it.
   */
  WARM_VIEWS: z._default(z.enum(['on', 'off']), 'on'),
  LOG_LEVEL: z._default(z.enum(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
});
export type Env = z.infer<typeof Env>;

let cached: Env | undefined;

/** The checked environment of this process. */
export function env(): Env {
  if (cached) return cached;
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${fields}`);
  }
  cached = parsed.data;
  return cached;
}

/** The issuer that access tokens must carry. */
export function cognitoIssuer(e: Env = env()): string {
  return e.COGNITO_ISSUER ?? `https://cognito-idp.${e.AWS_REGION}.amazonaws.com/${e.COGNITO_USER_POOL_ID}`;
}
