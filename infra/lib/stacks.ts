import { existsSync } from 'node:fs';
import {
  type App,
  CfnOutput,
  type Environment,
  Stack,
  type StackProps,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { AuthStack } from './auth.js';
import { DataStack } from './data.js';
import { fromRoot } from './paths.js';
import { Rollups } from './rollups.js';
import { Web } from './web.js';

export interface AppConfig {
  readonly stage: string;
  readonly env?: Environment;
  readonly mailFrom: string;
  /** Overrides the CloudFront URL in links (custom domain, or a front proxy). */
  readonly publicBaseUrl?: string;
  /** Built web to upload; omitted when web/build does not exist yet. */
  readonly webBuildDir?: string;
  readonly domainName?: string;
  readonly certificateArn?: string;
}

const text = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** Reads `-c key=value` / cdk.json context; the environment comes from the CLI's profile. */
export function configFromContext(app: App): AppConfig {
  const stage = text(app, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Invalid stage "${stage}": use a-z, 0-9 and -`);
  const webBuild = fromRoot('web/build');
  return {
    stage,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    mailFrom: text(app, 'mailFrom') ?? 'no-reply@example.org',
    publicBaseUrl: text(app, 'publicBaseUrl'),
    webBuildDir: existsSync(webBuild) ? webBuild : undefined,
    domainName: text(app, 'domainName'),
    certificateArn: text(app, 'certificateArn'),
  };
}

interface ServiceProps extends StackProps {
  readonly config: AppConfig;
  readonly table: dynamodb.ITableV2;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
}

/**
 * Everything stateless. API and web share a stack on purpose: the API needs the CloudFront URL
 * for e-mail links and CloudFront needs the API's host; within one stack that is no cycle
 * (Lambda -> Distribution -> HTTP API), across two stacks it would be.
 */
export class ServiceStack extends Stack {
  readonly api: Api;
  readonly web: Web;

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id, props);
    const { config } = props;
    const api = new Api(this, 'Api', {
      table: props.table,
      userPool: props.userPool,
      client: props.client,
      mailFrom: config.mailFrom,
    });
    const web = new Web(this, 'Web', {
      httpApi: api.httpApi,
      buildDir: config.webBuildDir,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
    });
    api.setPublicBaseUrl(config.publicBaseUrl ?? web.url);
    // The read model: the roll-up consumer on the table's stream and the rebuild (infra/lib/rollups.ts).
    new Rollups(this, 'Rollups', { table: props.table });
    this.api = api;
    this.web = web;

    new CfnOutput(this, 'WebUrl', { value: web.url, description: 'Open this in a browser' });
    new CfnOutput(this, 'ApiUrl', {
      value: api.httpApi.apiEndpoint,
      description: 'HTTP API, direct (the web uses /api)',
    });
    new CfnOutput(this, 'UserPoolId', { value: props.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: props.client.userPoolClientId });
  }
}

/** Builds every stack of one stage and turns on cdk-nag; shared by bin/app.ts and the tests. */
export function buildStacks(app: App, config: AppConfig) {
  const prefix = `rlt-${config.stage}`;
  const env = config.env;
  const data = new DataStack(app, `${prefix}-data`, { env, description: 'Table (retained)' });
  const auth = new AuthStack(app, `${prefix}-auth`, { env, description: 'Cognito user pool (retained)' });
  const service = new ServiceStack(app, `${prefix}-service`, {
    env,
    description: 'API, scheduled job and web',
    config,
    table: data.table,
    userPool: auth.userPool,
    client: auth.client,
  });
  Tags.of(app).add('project', 'results-learning-tool');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { data, auth, service };
}
