import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ABUSE_LIMITS, ROUTE_THROTTLES } from '../../functions/src/lib/limits.js';
import { table as definition } from '../../functions/src/lib/table.js';
import { COGNITO_ADMIN_ACTIONS, CONCURRENCY, ORIGIN_HEADER, SEND_MAX_RECEIVES } from '../../infra/lib/api.js';
import { parseStageFile } from '../../infra/lib/config.js';
import { ALARMS } from '../../infra/lib/monitoring.js';
import { type AppConfig, assertWebBuild, buildStacks } from '../../infra/lib/stacks.js';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const REGION = 'eu-west-1';
const INLINE_SCRIPT = 'console.log("boot")';

/** cdk-nag 3 writes its findings to the validation report, not to stack annotations. */
interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * Test context: cdk.json's (a test App does not read it), no bundling or asset copying (speed),
 * and validation errors reported instead of thrown, so one test can list them all. The built-in
 * CloudFormation schema check (3 s here, and only warnings) is left to `cdk synth`.
 */
function newApp(outdir: string): App {
  return new App({
    outdir,
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      'aws:cdk:disable-asset-staging': true,
      '@aws-cdk/core:failSynthOnValidationErrors': false,
    },
  });
}

function nagViolations(assemblyDir: string): string[] {
  const report = JSON.parse(
    readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8'),
  ) as ValidationReport;
  return report.pluginReports
    .filter((plugin) => plugin.pluginName === 'AwsSolutions')
    .flatMap((plugin) => plugin.violations)
    .flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} at ${c.constructPath}`));
}

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
function statements(template: Template): Statement[] {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as {
    Properties: { PolicyDocument: { Statement: Statement[] } };
  }[];
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

let dir: string;
let stacks: ReturnType<typeof buildStacks>;
let app: App;
let assembly: ReturnType<App['synth']>;
let data: Template;
let auth: Template;
let service: Template;
let edge: Template;
let edgeLogs: Template;
let buildDir: string;
let all: Template[];

const ALARM_TOPIC = `arn:aws:sns:${REGION}:123456789012:ops-alarms`;
/** A dev stage as infra/config/dev.json describes it, with an alarm topic and a stand-in web build. */
const testConfig = (webBuildDir: string): AppConfig => ({
  ...parseStageFile('dev', { region: REGION, mailFrom: 'no-reply@example.org', alarmTopicArn: ALARM_TOPIC }),
  account: '123456789012',
  stage: 'dev',
  webBuildDir,
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  // A stand-in web build, so the BucketDeployment path (and its nag findings) is synthesised too.
  const build = mkdtempSync(join(dir, 'build-'));
  buildDir = build;
  writeFileSync(join(build, 'index.html'), `<!doctype html><script>${INLINE_SCRIPT}</script>`);

  app = newApp(join(dir, 'cdk.out'));
  stacks = buildStacks(app, testConfig(build));
  assembly = app.synth();
  data = Template.fromStack(stacks.data);
  auth = Template.fromStack(stacks.auth);
  service = Template.fromStack(stacks.service);
  edge = Template.fromStack(stacks.edge);
  edgeLogs = Template.fromStack(stacks.edgeLogs);
  all = [data, auth, service, edge, edgeLogs];
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data stack', () => {
  it('builds keys, GSIs and TTL from functions/src/lib/table.ts', () => {
    const key = (pk: string, sk: string) => [
      { AttributeName: pk, KeyType: 'HASH' },
      { AttributeName: sk, KeyType: 'RANGE' },
    ];
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: key(definition.partitionKey, definition.sortKey),
      GlobalSecondaryIndexes: definition.globalIndexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: key(i.partitionKey, i.sortKey),
        Projection: { ProjectionType: 'ALL' },
      })),
      TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is on-demand, PITR on, deletion-protected, retained, streamed and KMS-encrypted', () => {
    data.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
    data.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: REGION,
            DeletionProtectionEnabled: true,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          }),
        ],
      }),
    });
  });
});

describe('auth stack', () => {
  it('has a retained pool without self sign-up, e-mail sign-in and recovery, strong passwords', () => {
    auth.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain' });
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('has exactly the groups admin and evaluator', () => {
    const groups = Object.values(auth.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => (g as { Properties: { GroupName: string } }).Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['admin', 'evaluator']);
  });

  it('has a secretless client with USER_PASSWORD_AUTH + refresh, 1 h tokens, 30 d refresh', () => {
    auth.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    auth.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 30 * 24 * 60,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('service stack: API and schedule', () => {
  it('runs every Lambda of ours on arm64 with nodejs24.x, traced, with the stage log level and a retained-days log group', () => {
    const functions = service.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) } },
    });
    // API, participants, schedule, send, bounces, exports, and the read model's roll-up consumer and rebuild.
    expect(Object.keys(functions)).toHaveLength(8);
    for (const [id, fn] of Object.entries(functions) as [string, { Properties: Record<string, unknown> }][]) {
      // Source maps ship with the bundle but are not loaded at start (see infra/lib/function.ts).
      expect(JSON.stringify(fn.Properties)).not.toContain('enable-source-maps');
      // The bounce function writes no link; nor do the roll-up and export functions.
      const links = /^Rollups|^ApiBounce|^Exports/.test(id) ? {} : { PUBLIC_BASE_URL: expect.anything() };
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Handler: 'index.handler',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: expect.anything() },
        Environment: {
          Variables: {
            LOG_LEVEL: 'info',
            ...links,
          },
        },
      });
    }
    const mailing = Object.entries(functions)
      .filter(([id]) => /^ApiApiFunction|^ApiSendFunction/.test(id))
      .map(([, fn]) => fn) as { Properties: Record<string, unknown> }[];
    expect(mailing).toHaveLength(2);
    for (const fn of mailing)
      expect(fn.Properties).toMatchObject({
        Environment: { Variables: { MAIL_FROM: 'no-reply@example.org', PUBLIC_BASE_URL: expect.anything() } },
      });
    service.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('caps concurrency where a runaway would hurt: both APIs, schedule and sender', () => {
    const reserved = Object.entries(service.findResources('AWS::Lambda::Function'))
      .map(([id, fn]) => [
        id.replace(/Function.*/, ''),
        (fn as { Properties: { ReservedConcurrentExecutions?: number } }).Properties
          .ReservedConcurrentExecutions,
      ])
      .filter(([, n]) => n !== undefined);
    expect(Object.fromEntries(reserved)).toEqual({
      ApiApi: CONCURRENCY.api,
      ApiPublicApiPublic: CONCURRENCY.public,
      ApiSchedule: CONCURRENCY.schedule,
      ApiSend: CONCURRENCY.send,
      ApiBounce: CONCURRENCY.bounces,
      ExportsExports: 5,
    });
  });

  it('gives the API Lambda the Cognito ids as environment', () => {
    service.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          COGNITO_USER_POOL_ID: Match.anyValue(),
          COGNITO_CLIENT_ID: Match.anyValue(),
        }),
      },
    });
  });

  it('routes /api, the two participant routes with their own throttles, and throttles the rest for staff', () => {
    const routes = Object.values(service.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(routes.sort()).toEqual([
      'ANY /api',
      'ANY /api/public/{proxy+}',
      'ANY /api/{proxy+}',
      'GET /api/public/surveys/{code}',
      'POST /api/public/surveys/{code}/responses',
    ]);
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: {
        ThrottlingBurstLimit: ROUTE_THROTTLES.staff.burst,
        ThrottlingRateLimit: ROUTE_THROTTLES.staff.rate,
      },
      RouteSettings: {
        'POST /api/public/surveys/{code}/responses': {
          ThrottlingRateLimit: ROUTE_THROTTLES.submit.rate,
          ThrottlingBurstLimit: ROUTE_THROTTLES.submit.burst,
        },
        'GET /api/public/surveys/{code}': {
          ThrottlingRateLimit: ROUTE_THROTTLES.open.rate,
          ThrottlingBurstLimit: ROUTE_THROTTLES.open.burst,
        },
      },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
    // The load model: 3,000 people in a minute is 50 opens and up to 150 submissions a second.
    expect(ROUTE_THROTTLES.submit.rate).toBeGreaterThanOrEqual(150);
    expect(ROUTE_THROTTLES.open.rate).toBeGreaterThanOrEqual(50);
  });

  it('lets only CloudFront reach the API: a secret origin header that the API Lambda checks', () => {
    const distribution = JSON.stringify(service.findResources('AWS::CloudFront::Distribution'));
    expect(distribution).toContain(`"HeaderName":"${ORIGIN_HEADER}"`);
    expect(distribution).toMatch(/resolve:secretsmanager/);
    service.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ORIGIN_SECRET: Match.anyValue() }) },
    });
  });

  it('leaves the per-address limits to the WAF where every API request passes it (no counter write per submission)', () => {
    const functions = Object.values(service.findResources('AWS::Lambda::Function')) as {
      Properties: { Environment?: { Variables?: Record<string, unknown> } };
    }[];
    const vars = functions.map((f) => f.Properties.Environment?.Variables ?? {});
    // Every function reachable through CloudFront checks the origin secret and skips the app's counter.
    const fronted = vars.filter((v) => 'ORIGIN_SECRET' in v);
    expect(fronted.length).toBeGreaterThanOrEqual(2);
    for (const v of fronted) expect(v.RATE_LIMITS).toBe('edge');
    expect(vars.filter((v) => v.RATE_LIMITS === 'edge').every((v) => 'ORIGIN_SECRET' in v)).toBe(true);
    const rules = JSON.stringify(edge.findResources('AWS::WAFv2::WebACL'));
    expect(rules).toContain('SubmissionsPerAddress');
    expect(rules).toContain('SurveyOpensPerAddress');
  });

  it('sends through SQS with a dead-letter queue: batch of one, two consumers, backoff reported per item', () => {
    service.resourceCountIs('AWS::SQS::Queue', 3); // sending, its dead letters, failed stream batches
    service.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: SEND_MAX_RECEIVES },
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 720,
    });
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 1,
      ScalingConfig: { MaximumConcurrency: CONCURRENCY.send },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    // Paced: each consumer takes its share of the account's SES rate.
    service.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SES_SEND_RATE: '0.5', SEND_QUEUE_URL: Match.anyValue() }),
      },
    });
  });

  it('invokes the scheduled job every 5 minutes', () => {
    service.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ScheduleFunction'), 'Arn'] } }),
      ],
    });
  });
});

describe('least privilege', () => {
  it('grants no *, dynamodb:*, cognito-idp:* nor any DynamoDB table-admin action', () => {
    const actions = all.flatMap(statements).flatMap(actionsOf);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions).not.toContain('*');
    expect(
      actions.filter((a) => /^(dynamodb|cognito-idp):\*?$|^(dynamodb|cognito-idp):.*\*/.test(a)),
    ).toEqual([]);
    expect(
      actions.filter((a) =>
        /^dynamodb:(Create|Delete|Update)(Table|GlobalTable|Backup)|^dynamodb:Restore/.test(a),
      ),
    ).toEqual([]);
  });

  it('allows exactly the nine Cognito admin actions, on the pool ARN only, to the API Lambda only', () => {
    const all2 = all
      .flatMap(statements)
      .filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
    // The export Lambda reads a user's groups for the access check, nothing else.
    const reads = ['cognito-idp:AdminGetUser', 'cognito-idp:AdminListGroupsForUser'];
    expect(all2.filter((s) => actionsOf(s).sort().join() === reads.join())).toHaveLength(1);
    const cognito = all2.filter((s) => actionsOf(s).sort().join() !== reads.join());
    expect(cognito).toHaveLength(1);
    const [statement] = cognito;
    expect(actionsOf(statement!).sort()).toEqual(COGNITO_ADMIN_ACTIONS.map((a) => `cognito-idp:${a}`).sort());
    expect(JSON.stringify(statement!.Resource)).toMatch(/UserPool.*Arn/);
    expect(Array.isArray(statement!.Resource)).toBe(false);
  });

  it('scopes SES sending to the MAIL_FROM domain identity for both functions', () => {
    const ses = all.flatMap(statements).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(2);
    for (const s of ses) {
      expect(actionsOf(s).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(JSON.stringify(s.Resource)).toMatch(/:identity\/example\.org"/);
    }
  });

  it('sends under a configuration set whose bounces reach the bounce function, and lets the API enqueue', () => {
    service.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({ Enabled: true, MatchingEventTypes: ['bounce'] }),
    });
    service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    const functions = service.findResources('AWS::Lambda::Function') as Record<
      string,
      { Properties: { Environment?: { Variables?: Record<string, unknown> } } }
    >;
    const env = (prefix: string) =>
      Object.entries(functions).find(([id]) => id.startsWith(prefix))?.[1].Properties.Environment
        ?.Variables ?? {};
    for (const prefix of ['ApiApiFunction', 'ApiSendFunction'])
      expect(env(prefix)).toHaveProperty('SES_CONFIGURATION_SET');
    expect(env('ApiApiFunction')).toHaveProperty('SEND_QUEUE_URL');
    expect(env('ApiBounceFunction')).toHaveProperty('TABLE_NAME');
  });
});

describe('service stack: web', () => {
  it('keeps both buckets private, SSL-only and S3-encrypted, with site access logs', () => {
    service.resourceCountIs('AWS::S3::Bucket', 2);
    const buckets = Object.values(service.findResources('AWS::S3::Bucket')) as {
      Properties: Record<string, unknown>;
    }[];
    for (const bucket of buckets) {
      expect(bucket.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      });
    }
    expect(buckets.filter((b) => b.Properties.LoggingConfiguration)).toHaveLength(1);
    const policies = JSON.stringify(service.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toContain('"aws:SecureTransport":"false"');
  });

  it('serves the bucket through OAC with index.html root, HTTPS redirect and the SPA rewrite', () => {
    service.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    service.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Origins: Match.arrayWith([
          Match.objectLike({ OriginAccessControlId: Match.anyValue(), S3OriginConfig: Match.anyValue() }),
        ]),
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: { Ref: Match.stringLikeRegexp('SecurityHeaders') },
          FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
        }),
      }),
    });
  });

  it('forwards /api and /api/* uncached but compressed, all methods, all viewer headers but Host', () => {
    const distribution = Object.values(service.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { CacheBehaviors: Record<string, unknown>[] } };
    };
    const behaviors = distribution.Properties.DistributionConfig.CacheBehaviors;
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/api', '/api/*', '/api/exports/*']);
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: { Ref: expect.stringMatching(/ApiCachePolicy/) },
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        ViewerProtocolPolicy: 'https-only',
        ResponseHeadersPolicyId: { Ref: expect.stringMatching(/SecurityHeaders/) },
      });
    }
    // Compression on (gzip and brotli) without caching anything across callers: TTL 0 by
    // default, Authorization and every query string in the key, no cookies.
    service.hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: {
        DefaultTTL: 0,
        MinTTL: 0,
        MaxTTL: 1,
        ParametersInCacheKeyAndForwardedToOrigin: {
          EnableAcceptEncodingGzip: true,
          EnableAcceptEncodingBrotli: true,
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: ['Authorization'] },
          QueryStringsConfig: { QueryStringBehavior: 'all' },
          CookiesConfig: { CookieBehavior: 'none' },
        },
      },
    });
  });

  it('sends HSTS 2 years, nosniff, DENY, strict referrer and a CSP limited to self, Cognito and build hashes', () => {
    const policy = Object.values(service.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0] as {
      Properties: { ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, any> } };
    };
    const headers = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 63072000,
      IncludeSubdomains: true,
    });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: 'strict-origin-when-cross-origin' });
    const csp: string = headers.ContentSecurityPolicy.ContentSecurityPolicy;
    const hash = `sha256-${createHash('sha256').update(INLINE_SCRIPT).digest('base64')}`;
    expect(csp).toContain(`script-src 'self' '${hash}'`);
    expect(csp).toContain(`connect-src 'self' https://cognito-idp.${REGION}.amazonaws.com`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('rewrites extension-less paths to /index.html (participant pages to /s/index.html) but leaves /api and files alone', () => {
    const fn = Object.values(service.findResources('AWS::CloudFront::Function'))[0] as {
      Properties: { FunctionCode: string; FunctionConfig: { Runtime: string } };
    };
    expect(fn.Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    const handler = new Function(`${fn.Properties.FunctionCode}; return handler;`)() as (e: unknown) => {
      uri: string;
    };
    const uri = (path: string) => handler({ request: { uri: path } }).uri;
    expect(uri('/surveys/abc')).toBe('/index.html');
    expect(uri('/s/abcdefghjkmn')).toBe('/s/index.html');
    expect(uri('/s/assets/index-x.js')).toBe('/s/assets/index-x.js');
    expect(uri('/')).toBe('/index.html');
    expect(uri('/_app/immutable/start.js')).toBe('/_app/immutable/start.js');
    expect(uri('/api')).toBe('/api');
    expect(uri('/api/health')).toBe('/api/health');
  });

  it('uploads no site from CloudFormation (npm run deploy does) and outputs what the upload and the admin need', () => {
    service.resourceCountIs('Custom::CDKBucketDeployment', 0);
    expect(Object.keys(service.toJSON().Outputs).sort()).toEqual([
      'DistributionId',
      expect.stringMatching(/^RollupsRebuildFunction/),
      'SiteBucket',
      'UserPoolClientId',
      'UserPoolId',
      'WebUrl',
    ]);
  });

  it('puts the WAF web ACL in front of the distribution and logs without query strings, cookies or referrers', () => {
    service.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: Match.anyValue(), Logging: Match.absent() }),
    });
    const delivery = Object.values(edgeLogs.findResources('AWS::Logs::Delivery'))[0] as {
      Properties: { RecordFields: string[] };
    };
    expect(delivery.Properties.RecordFields).toContain('cs-uri-stem');
    for (const field of ['cs-uri-query', 'cs(Cookie)', 'cs(Referer)', 'x-forwarded-for'])
      expect(delivery.Properties.RecordFields).not.toContain(field);
    edgeLogs.hasResourceProperties('AWS::Logs::DeliverySource', { LogType: 'ACCESS_LOGS' });
    expect(stacks.edgeLogs.region).toBe('us-east-1');
  });
});

describe('edge stack: WAF (us-east-1)', () => {
  it('is a CloudFront-scope web ACL in us-east-1', () => {
    expect(stacks.edge.region).toBe('us-east-1');
    edge.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('runs the AWS managed groups (reputation, common, known bad inputs) with only the body-size rule counting', () => {
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0] as {
      Properties: { Rules: { Name: string; Statement: Record<string, any>; Action?: any }[] };
    };
    const managed = acl.Properties.Rules.filter((r) => r.Statement.ManagedRuleGroupStatement);
    expect(managed.map((r) => r.Statement.ManagedRuleGroupStatement.Name)).toEqual([
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]);
    const common = managed[1]?.Statement.ManagedRuleGroupStatement;
    expect(common.RuleActionOverrides).toEqual([
      { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
    ]);
  });

  it('limits submissions, survey opens and all API calls per real client address, answering 429', () => {
    const acl = Object.values(edge.findResources('AWS::WAFv2::WebACL'))[0] as {
      Properties: { Rules: { Name: string; Statement: Record<string, any>; Action?: any }[] };
    };
    const rate = Object.fromEntries(
      acl.Properties.Rules.filter((r) => r.Statement.RateBasedStatement).map((r) => [r.Name, r]),
    );
    const limit = (name: string) => rate[name]?.Statement.RateBasedStatement;
    expect(limit('SubmissionsPerAddress')).toMatchObject({
      Limit: ABUSE_LIMITS.submissionsPerAddressPerMinute,
      EvaluationWindowSec: 60,
      AggregateKeyType: 'IP',
    });
    expect(limit('SurveyOpensPerAddress')).toMatchObject({
      Limit: ABUSE_LIMITS.opensPerAddressPerMinute,
      EvaluationWindowSec: 60,
      AggregateKeyType: 'IP',
    });
    expect(limit('ApiPerAddress')).toMatchObject({
      Limit: ABUSE_LIMITS.apiPerAddressPer5Minutes,
      EvaluationWindowSec: 300,
      AggregateKeyType: 'IP',
    });
    const submissionScope = JSON.stringify(limit('SubmissionsPerAddress').ScopeDownStatement);
    expect(submissionScope).toContain('"SearchString":"POST"');
    expect(submissionScope).toContain('"SearchString":"/responses"');
    expect(JSON.stringify(limit('SurveyOpensPerAddress').ScopeDownStatement)).toContain(
      '"SearchString":"GET"',
    );
    for (const rule of Object.values(rate)) expect(rule.Action.Block.CustomResponse.ResponseCode).toBe(429);
    // The venue model: a meeting of 300 behind one address opens and sends twice each.
    expect(ABUSE_LIMITS.submissionsPerAddressPerMinute).toBeGreaterThanOrEqual(600);
  });
});

describe('auth stack: MFA', () => {
  it('requires TOTP of administrators unless the stage says otherwise (the web app enrols and answers the challenge)', () => {
    service.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ADMIN_MFA: 'required' }) },
    });
  });

  it('offers TOTP (no SMS) to every staff member', () => {
    auth.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
    });
  });
});

describe('monitoring', () => {
  type Alarm = { Properties: Record<string, any> };
  const alarms = () => Object.values(service.findResources('AWS::CloudWatch::Alarm')) as Alarm[];
  const byMetric = (name: string) => alarms().filter((a) => a.Properties.MetricName === name);

  it('sends every alarm, and its recovery, to the topic named in the stage config', () => {
    // API 5xx; errors, throttles and duration of the functions; DynamoDB; e-mails; dead letters.
    expect(alarms()).toHaveLength(29);
    for (const a of alarms()) {
      expect(a.Properties.AlarmActions).toEqual([ALARM_TOPIC]);
      expect(a.Properties.OKActions).toEqual([ALARM_TOPIC]);
    }
  });

  it('alarms on API 5xx, Lambda errors, throttles and duration near the timeout', () => {
    expect(byMetric('5xx')).toHaveLength(1);
    expect(byMetric('5xx')[0]?.Properties).toMatchObject({
      Threshold: ALARMS.api5xxPer5Minutes,
      Period: 300,
    });
    expect(byMetric('Errors')).toHaveLength(8);
    expect(byMetric('Throttles')).toHaveLength(8);
    const durations = byMetric('Duration')
      .map((a) => a.Properties.Threshold)
      .sort((x, y) => x - y);
    // 80% of 15 s, 30 s (bounces), 1 min, 5 min (exports) and 10 min.
    expect(durations).toEqual([12_000, 12_000, 24_000, 48_000, 96_000, 240_000, 480_000, 720_000]);
  });

  it('alarms on DynamoDB throttles, failed e-mails and the dead-letter queue', () => {
    const dynamo = alarms().filter((a) =>
      JSON.stringify(a.Properties.Metrics ?? []).includes('ThrottleEvents'),
    );
    expect(dynamo).toHaveLength(1);
    expect(byMetric('EmailsFailed')[0]?.Properties).toMatchObject({
      Namespace: 'rlt-dev',
      Threshold: ALARMS.emailsFailedPer15Minutes,
      Period: 900,
    });
    // The sending dead-letter queue and the roll-up consumer's failed stream batches.
    const queues = byMetric('ApproximateNumberOfMessagesVisible');
    expect(queues).toHaveLength(2);
    for (const q of queues)
      expect(q.Properties).toMatchObject({ Namespace: 'AWS/SQS', Threshold: ALARMS.deadLetters });
    const watched = queues.map((q) => JSON.stringify(q.Properties.Dimensions));
    expect(watched.some((d) => d.includes('FailedBatches'))).toBe(true);
  });

  it('has a dashboard of the same signals', () => {
    service.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const body = JSON.stringify(service.findResources('AWS::CloudWatch::Dashboard'));
    for (const metric of ['5xx', 'Latency', 'ThrottleEvents', 'EmailsSent', 'BlockedRequests', 'Duration'])
      expect(body).toContain(metric);
  });
});

describe('stage configuration', () => {
  const prod = JSON.parse(
    readFileSync(new URL('../../infra/config/prod.example.json', import.meta.url), 'utf8'),
  );

  it('accepts the documented production example and the dev file', () => {
    expect(() => parseStageFile('prod', prod)).not.toThrow();
    const dev = JSON.parse(readFileSync(new URL('../../infra/config/dev.json', import.meta.url), 'utf8'));
    expect(() => parseStageFile('dev', dev)).not.toThrow();
  });

  it('refuses example.org (and other placeholder domains) outside a dev stage', () => {
    expect(() => parseStageFile('prod', { ...prod, mailFrom: 'no-reply@example.org' })).toThrow(
      /mailFrom.*placeholder/,
    );
    expect(() =>
      parseStageFile('prod', { ...prod, domain: { ...prod.domain, name: 'surveys.example.com' } }),
    ).toThrow(/domain\.name.*placeholder/);
    expect(() => parseStageFile('dev', { ...prod, mailFrom: 'no-reply@example.org' })).not.toThrow();
  });

  it('requires an account and an alarm topic outside dev, and checks shapes', () => {
    const { account: _a, alarmTopicArn: _t, ...rest } = prod;
    expect(() => parseStageFile('prod', rest)).toThrow(/account: required[\s\S]*alarmTopicArn: required/);
    expect(() => parseStageFile('prod', { ...prod, region: 'Europe' })).toThrow(/region/);
    expect(() =>
      parseStageFile('prod', {
        ...prod,
        domain: { ...prod.domain, certificateArn: prod.domain.apiCertificateArn },
      }),
    ).toThrow(/us-east-1/);
    expect(() => parseStageFile('prod', { ...prod, surprise: true })).toThrow(/surprise|Unrecognized/);
  });

  it('refuses to synthesise without a built web app', () => {
    expect(() => assertWebBuild(join(dir, 'no-build'))).toThrow(/npm run build/);
  });

  it('disables the execute-api endpoint when the API has its own domain', () => {
    const withDomain = newApp(join(dir, 'domain.out'));
    const built = buildStacks(withDomain, {
      ...testConfig(buildDir),
      domain: {
        name: 'surveys.migration-dialogue.int',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        apiCertificateArn: `arn:aws:acm:${REGION}:123456789012:certificate/def`,
      },
    });
    const template = Template.fromStack(built.service);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.surveys.migration-dialogue.int',
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    expect(JSON.stringify(template.findResources('AWS::CloudFront::Distribution'))).toContain(
      '"DomainName":"api.surveys.migration-dialogue.int"',
    );
    // Without a domain of its own (the main template) the endpoint is CloudFront's origin.
    service.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports findings in the validation report, not as annotations (so the check below is not vacuous)', () => {
    const probe = newApp(join(dir, 'probe.out'));
    const stack = new Stack(probe, 'Probe');
    new s3.Bucket(stack, 'Unlogged');
    Validations.of(probe).addPlugins(new AwsSolutionsChecks(probe));
    const directory = probe.synth().directory;
    expect(nagViolations(directory)).toContain('AwsSolutions-S1 at Probe/Unlogged/Resource');
    expect(Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual(
      [],
    );
  });

  it('has no unacknowledged findings in any stack', () => {
    expect(nagViolations(assembly.directory)).toEqual([]);
    // Same as Annotations.fromStack(...).findError for each stack, without synthesising again.
    const errors = assembly.stacks.flatMap((stack) => stack.messages.filter((m) => m.level === 'error'));
    expect(errors).toEqual([]);
  });

  it('acknowledges every finding with a concrete reason', () => {
    const acks: { id: string; reason: string }[] = [];
    const walk = (node: IConstruct) => {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
          acks.push({ id, reason });
      }
      node.node.children.forEach(walk);
    };
    walk(app);
    expect(acks.length).toBeGreaterThan(0);
    // 16 before WAF, alarms and the upload script; each left is justified next to its resource.
    expect(acks.map((a) => a.id.replace(/^Annotation::/, '')).sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG2',
      'AwsSolutions-COG8',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-SMG4',
      'AwsSolutions-SNS2',
      'AwsSolutions-SQS3',
    ]);
    expect(acks.length).toBeLessThan(16);
    for (const { id, reason } of acks) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});
