import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type App, CfnOutput, Duration, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Api, ORIGIN_HEADER } from './api.js';
import { AuthStack } from './auth.js';
import { isDevStage, readStageFile, type StageFile } from './config.js';
import { DataStack } from './data.js';
import { EdgeStack } from './edge.js';
import { EdgeLogsStack } from './edge-logs.js';
import { ExportsApi } from './exports.js';
import { Monitoring } from './monitoring.js';
import { fromRoot } from './paths.js';
import { Rollups } from './rollups.js';
import { Web } from './web.js';

/** Everything one stage is built from: its settings file plus the stage name and the web build. */
export interface AppConfig extends StageFile {
  readonly stage: string;
  /** Built web app (its inline script hashes go into the CSP); required to synthesise. */
  readonly webBuildDir: string;
}

/**
 * Reads the stage (`-c stage=...`, default dev) and its settings file, and checks that the web app
 * is built: without it the CSP would lack the app's script hash and the site would be blank.
 */
export function configFromContext(app: App): AppConfig {
  const value: unknown = app.node.tryGetContext('stage');
  const stage = typeof value === 'string' && value !== '' ? value : 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Invalid stage "${stage}": use a-z, 0-9 and -`);
  return { ...readStageFile(stage), stage, webBuildDir: assertWebBuild(fromRoot('web/build')) };
}

/** The web build's directory, if it holds a built app; a clear error otherwise. */
export function assertWebBuild(dir: string): string {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(`${dir} has no built web app: run \`npm run build\` first (\`npm run deploy\` does it).`);
  }
  return dir;
}

interface ServiceProps extends StackProps {
  readonly config: AppConfig;
  readonly table: dynamodb.ITableV2;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  readonly webAclArn: string;
  readonly webAclName: string;
}

/**
 * Everything stateless. API and web share a stack on purpose: the API needs the CloudFront URL
 * for e-mail links and CloudFront needs the API's host; within one stack that is no cycle
 * (Lambda -> Distribution -> HTTP API), across two stacks it would be.
 */
export class ServiceStack extends Stack {
  readonly api: Api;
  readonly web: Web;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props);
    const { config } = props;
    const metricsNamespace = `rlt-${config.stage}`;
    const api = new Api(this, 'Api', {
      stage: config.stage,
      table: props.table,
      userPool: props.userPool,
      client: props.client,
      mailFrom: config.mailFrom,
      sesMaxSendRate: config.sesMaxSendRate,
      logLevel: config.logLevel,
      adminMfa: config.adminMfa,
      apiDomain:
        config.domain?.apiCertificateArn !== undefined
          ? { name: `api.${config.domain.name}`, certificateArn: config.domain.apiCertificateArn }
          : undefined,
      metricsNamespace,
    });
    // The export Lambda, streamed behind CloudFront (infra/lib/exports.ts).
    const exportsApi = new ExportsApi(this, 'Exports', {
      table: props.table,
      userPool: props.userPool,
      client: props.client,
      origin: { headerName: ORIGIN_HEADER, headerValue: api.originSecret.secretValue.unsafeUnwrap() },
      adminMfa: config.adminMfa,
      functionProps: { logLevel: config.logLevel, tracing: api.tracing },
    });
    const web = new Web(this, 'Web', {
      exportsOrigin: exportsApi.origin,
      apiOrigin: {
        host: api.originHost,
        headerName: ORIGIN_HEADER,
        headerValue: api.originSecret.secretValue.unsafeUnwrap(),
      },
      webAclArn: props.webAclArn,
      buildDir: config.webBuildDir,
      domainName: config.domain?.name,
      certificateArn: config.domain?.certificateArn,
    });
    api.setPublicBaseUrl(config.publicBaseUrl ?? web.url);
    // The read model: the roll-up consumer on the table's stream and the rebuild (infra/lib/rollups.ts).
    const rollups = new Rollups(this, 'Rollups', {
      table: props.table,
      logLevel: config.logLevel,
      tracing: api.tracing,
    });
    this.api = api;
    this.web = web;
    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: config.stage,
      alarmTopicArn: config.alarmTopicArn,
      httpApi: api.httpApi,
      functions: [
        ...api.functions,
        ...rollups.functions,
        { name: 'Exports', fn: exportsApi.exportsFunction.function, timeout: Duration.minutes(5) },
      ],
      table: props.table,
      deadLetterQueue: api.deadLetterQueue,
      failedRollupBatches: rollups.failed,
      metricsNamespace,
      webAclName: props.webAclName,
    });

    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'Open this in a browser' });
    new CfnOutput(this, 'SiteBucket', {
      value: web.siteBucket.bucketName,
      description: 'npm run deploy uploads web/build here',
    });
    new CfnOutput(this, 'DistributionId', { value: web.distribution.distributionId });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.client.userPoolClientId });
    if (config.domain?.apiCertificateArn) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: api.originHost,
        description: 'Point a CNAME for this name at the regional API domain (docs/deploy.md, DNS)',
      });
    }
  }
}

/** Builds every stack of one stage and turns on cdk-nag; shared by bin/app.ts and the tests. */
export function buildStacks(app: App, config: AppConfig) {
  const prefix = `rlt-${config.stage}`;
  const env = { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const edgeEnv = { account: env.account, region: 'us-east-1' };
  const data = new DataStack(app, `${prefix}-data`, { env, description: 'Table (retained)' });
  const auth = new AuthStack(app, `${prefix}-auth`, { env, description: 'Cognito user pool (retained)' });
  const webAclName = `${prefix}-web`;
  const edge = new EdgeStack(app, `${prefix}-edge`, {
    env: edgeEnv,
    description: 'WAF web ACL for CloudFront (us-east-1)',
    crossRegionReferences: true,
    aclName: webAclName,
  });
  const service = new ServiceStack(app, `${prefix}-service`, {
    env,
    description: 'API, sending job, web, alarms and dashboard',
    crossRegionReferences: true,
    config,
    table: data.table,
    userPool: auth.userPool,
    client: auth.client,
    webAclArn: edge.webAclArn,
    webAclName,
  });
  const edgeLogs = new EdgeLogsStack(app, `${prefix}-edge-logs`, {
    env: edgeEnv,
    description: 'CloudFront access logs without query strings (us-east-1)',
    crossRegionReferences: true,
    distributionArn: service.formatArn({
      service: 'cloudfront',
      region: '',
      resource: 'distribution',
      resourceName: service.web.distribution.distributionId,
    }),
  });
  Tags.of(app).add('project', 'results-learning-tool');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, auth, edge, service, edgeLogs, dev: isDevStage(config.stage) };
}
