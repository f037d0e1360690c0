import { existsSync, readFileSync } from 'node:fs';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { fromRoot } from './paths.js';

// zod/mini leaves messages to a locale: a stage file's problems are listed in English.
z.config(en());

/** Stages that may use placeholder domains and run without an alarm topic or a fixed account. */
export const isDevStage = (stage: string) => stage === 'dev' || stage.startsWith('dev-');

/** Domains reserved for documentation and tests (RFC 2606, RFC 6761): mail to them goes nowhere. */
const PLACEHOLDER = /(^|\.)(example\.(org|com|net)|example|test|invalid|localhost)$/i;
const domainOf = (address: string) => address.split('@').pop() ?? address;

const Arn = (service: string, region?: string) =>
  z
    .string()
    .check(
      z.regex(
        new RegExp(`^arn:aws[\\w-]*:${service}:${region ?? '[a-z0-9-]+'}:\\d{12}:.+$`),
        `expected an ${service} ARN${region ? ` in ${region}` : ''}`,
      ),
    );

/** One stage's settings, `infra/config/<stage>.json`; validated at synth, before anything is built. */
export const StageFile = z.strictObject({
  /** AWS account id; required outside dev stages so a deploy cannot land in the wrong account. */
  account: z.optional(z.string().check(z.regex(/^\d{12}$/, 'expected a 12-digit account id'))),
  region: z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected a region such as eu-central-1')),
  /** Sender of every e-mail; its domain must be a verified SES identity in `region`. */
  mailFrom: z.email(),
  /** The account's SES sending quota (e-mails a second); the sending job stays below it. */
  sesMaxSendRate: z._default(z.number().check(z.gte(1), z.lte(1000)), 1),
  /** The site's own domain (CloudFront) and, optionally, the API's (disables execute-api). */
  domain: z.optional(
    z.strictObject({
      name: z.string().check(z.regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/, 'expected a host name')),
      /** ACM certificate for `name`, in us-east-1 (CloudFront's requirement). */
      certificateArn: Arn('acm', 'us-east-1'),
      /** Regional ACM certificate for `api.<name>`: the API gets that domain and no execute-api URL. */
      apiCertificateArn: z.optional(Arn('acm')),
    }),
  ),
  /** Base of links in e-mails when something else fronts the site. */
  publicBaseUrl: z.optional(z.url()),
  /** Existing SNS topic every alarm notifies; required outside dev stages. */
  alarmTopicArn: z.optional(Arn('sns')),
  logLevel: z._default(z.enum(['debug', 'info', 'warn', 'error']), 'info'),
  /**
   * `required` (the default): administrator routes refuse accounts without an authenticator app;
   * an administrator adds one on the web app's account page (docs/deploy.md, "Accounts and MFA").
   */
  adminMfa: z._default(z.enum(['optional', 'required']), 'required'),
});
export type StageFile = z.infer<typeof StageFile>;

/** What must hold beyond the shape, per stage: nothing that only works in a demo reaches production. */
export function stageProblems(stage: string, file: StageFile): string[] {
  if (isDevStage(stage)) return [];
  const problems: string[] = [];
  if (!file.account) problems.push('account: required outside dev stages');
  if (!file.alarmTopicArn)
    problems.push('alarmTopicArn: required outside dev stages (alarms must reach someone)');
  if (PLACEHOLDER.test(domainOf(file.mailFrom)))
    problems.push(
      `mailFrom: ${domainOf(file.mailFrom)} is a placeholder domain; SES would refuse every e-mail`,
    );
  if (file.domain && PLACEHOLDER.test(file.domain.name))
    problems.push(`domain.name: ${file.domain.name} is a placeholder domain`);
  if (file.publicBaseUrl && PLACEHOLDER.test(new URL(file.publicBaseUrl).hostname))
    problems.push('publicBaseUrl: placeholder domain');
  if (file.domain?.apiCertificateArn && !file.domain.apiCertificateArn.includes(`:acm:${file.region}:`))
    problems.push(`domain.apiCertificateArn: must be in ${file.region}, the API's region`);
  return problems;
}

/** Parses and checks a stage file; throws one message listing every problem. */
export function parseStageFile(stage: string, raw: unknown): StageFile {
  const parsed = StageFile.safeParse(raw);
  const problems = parsed.success
    ? stageProblems(stage, parsed.data)
    : parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  if (problems.length > 0 || !parsed.success) {
    throw new Error(`infra/config/${stage}.json is not valid:\n  - ${problems.join('\n  - ')}`);
  }
  return parsed.data;
}

/** Reads `infra/config/<stage>.json`. */
export function readStageFile(stage: string): StageFile {
  const path = fromRoot(`infra/config/${stage}.json`);
  if (!existsSync(path)) {
    throw new Error(
      `No settings for stage "${stage}": create infra/config/${stage}.json (copy infra/config/prod.example.json; see docs/deploy.md).`,
    );
  }
  return parseStageFile(stage, JSON.parse(readFileSync(path, 'utf8')));
}
