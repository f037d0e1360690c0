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
import { table as definition } from '../../functions/src/lib/table.js';
import { COGNITO_ADMIN_ACTIONS } from '../../infra/lib/api.js';
import { buildStacks, configFromContext } from '../../infra/lib/stacks.js';

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
let all: Template[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'infra-test-'));
  // A stand-in web build, so the BucketDeployment path (and its nag findings) is synthesised too.
  const build = mkdtempSync(join(dir, 'build-'));
  writeFileSync(join(build, 'index.html'), `<!doctype html><script>${INLINE_SCRIPT}</script>`);

  app = newApp(join(dir, 'cdk.out'));
  stacks = buildStacks(app, {
    ...configFromContext(app),
    env: { account: '123456789012', region: REGION },
    webBuildDir: build,
  });
  assembly = app.synth();
  data = Template.fromStack(stacks.data);
  auth = Template.fromStack(stacks.auth);
  service = Template.fromStack(stacks.service);
  all = [data, auth, service];
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
  it('runs every Lambda of ours on arm64 with nodejs24.x, ESM-friendly env and a retained-days log group', () => {
    const functions = service.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) } },
    });
    // API, schedule, and the read model's roll-up consumer and rebuild (infra/lib/rollups.ts).
    expect(Object.keys(functions)).toHaveLength(4);
    for (const [id, fn] of Object.entries(functions) as [string, { Properties: Record<string, unknown> }][]) {
      const mail = id.startsWith('Rollups')
        ? {}
        : { MAIL_FROM: 'no-reply@example.org', PUBLIC_BASE_URL: expect.anything() };
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        LoggingConfig: { LogGroup: expect.anything() },
        Environment: {
          Variables: {
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            NODE_OPTIONS: '--enable-source-maps',
            ...mail,
          },
        },
      });
    }
    service.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
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

  it('routes ANY /api and ANY /api/{proxy+} on a throttled, access-logged $default stage', () => {
    const routes = Object.values(service.findResources('AWS::ApiGatewayV2::Route')).map(
      (r) => (r as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    expect(routes.sort()).toEqual(['ANY /api', 'ANY /api/{proxy+}']);
    service.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
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
    const cognito = all
      .flatMap(statements)
      .filter((s) => actionsOf(s).some((a) => a.startsWith('cognito-idp:')));
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

  it('forwards /api and /api/* uncached, all methods, all viewer headers but Host', () => {
    const distribution = Object.values(service.findResources('AWS::CloudFront::Distribution'))[0] as {
      Properties: { DistributionConfig: { CacheBehaviors: Record<string, unknown>[] } };
    };
    const behaviors = distribution.Properties.DistributionConfig.CacheBehaviors;
    expect(behaviors.map((b) => b.PathPattern).sort()).toEqual(['/api', '/api/*']);
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        ViewerProtocolPolicy: 'https-only',
        ResponseHeadersPolicyId: { Ref: expect.stringMatching(/SecurityHeaders/) },
      });
    }
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

  it('deploys web/build when it exists and outputs web URL, API URL, pool id and client id', () => {
    service.resourceCountIs('Custom::CDKBucketDeployment', 1);
    expect(Object.keys(service.toJSON().Outputs).sort()).toEqual([
      'ApiUrl',
      expect.stringMatching(/^RollupsRebuildFunction/),
      'UserPoolClientId',
      'UserPoolId',
      'WebUrl',
    ]);
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
    for (const { id, reason } of acks) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length, id).toBeGreaterThan(60);
    }
  });
});
