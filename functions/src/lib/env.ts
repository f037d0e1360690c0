import * as z from 'zod';

/**
 * The environment, parsed once and checked, so a missing setting fails fast with a clear
 * message instead of surfacing as an odd error on the first request.
 * Endpoints are only set locally (emulators); in AWS the SDK defaults apply.
 */
const Env = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('eu-central-1'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  /**
   * The credentials DynamoDB requests are signed with (lib/dynamodb.ts): the Lambda runtime sets
   * the function role's; locally, the emulators' (functions/src/local/bootstrap.ts).
   */
  AWS_ACCESS_KEY_ID: z.string().min(1),
  AWS_SECRET_ACCESS_KEY: z.string().min(1),
  AWS_SESSION_TOKEN: z.string().min(1).optional(),
  COGNITO_ENDPOINT: z.url().optional(),
  COGNITO_USER_POOL_ID: z.string().min(1),
  COGNITO_CLIENT_ID: z.string().min(1),
  /** Token issuer; defaults to the AWS one for the pool. cognito-local issues `<endpoint>/<pool>`. */
  COGNITO_ISSUER: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  MAIL_FROM: z.email().default('no-reply@example.org'),
  /** Where participants and invited users open the web app, for links in e-mails. */
  PUBLIC_BASE_URL: z.url().default('http://localhost:5173'),
  /** Value CloudFront puts in x-origin-verify; when set, requests without it are refused (lib/origin.ts). */
  ORIGIN_SECRET: z.string().min(20).optional(),
  /** The sending queue (SQS) in AWS; without it the scheduled run sends itself (locally). */
  SEND_QUEUE_URL: z.url().optional(),
  /** SES configuration set whose events (bounces) reach handlers/bounces.ts; none locally. */
  SES_CONFIGURATION_SET: z.string().min(1).max(64).optional(),
  /**
   * Where the per-address abuse limits are applied: `app` (a DynamoDB counter per request, what runs
   * locally and in the tests, where no WAF exists) or `edge` (the WAF's rate-based rules at
   * CloudFront, infra/lib/edge.ts; set in AWS, where the origin check makes every request pass the
   * WAF): then the submission and open routes skip the counter write (one round trip fewer).
   */
  RATE_LIMITS: z.enum(['app', 'edge']).default('app'),
  /** E-mails a second one sending process may start: the SES quota divided by the consumers (0: no pause). */
  SES_SEND_RATE: z.coerce.number().min(0).max(1000).default(0),
  /** CloudWatch namespace of the metrics written as embedded metric format log lines. */
  METRICS_NAMESPACE: z.string().min(1).max(255).default('ResultsLearningTool'),
  /** `required`: routes needing the admin role refuse accounts without TOTP (lib/auth.ts). */
  ADMIN_MFA: z.enum(['optional', 'required']).default('optional'),
  /** How long a process trusts the roles it read from the user pool (see lib/auth.ts). */
  DIRECTORY_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  /**
   * `on`: after each stream batch that changed data, the roll-up consumer computes and caches the
   * results page as it opens (results/store.ts `warmViews`); `off`: the next request computes it.
   */
  WARM_VIEWS: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
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
