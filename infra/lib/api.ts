import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { AppFunction } from './function.js';

/** The only user-pool calls the API makes (user administration by admins). Tests pin this list. */
export const COGNITO_ADMIN_ACTIONS = [
  'AdminCreateUser',
  'AdminAddUserToGroup',
  'AdminRemoveUserFromGroup',
  'AdminListGroupsForUser',
  'AdminGetUser',
  'AdminDisableUser',
  'AdminEnableUser',
  'ListUsers',
  'ListUsersInGroup',
] as const;

/** HTTP API context variables (a subset of REST's): enough to trace a request to its Lambda log. */
const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationError: '$context.integrationErrorMessage',
  userAgent: '$context.identity.userAgent',
};

export interface ApiProps {
  readonly table: dynamodb.ITableV2;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  /** Sender address; SES permission is scoped to the identity of its domain. */
  readonly mailFrom: string;
}

/** The HTTP API with its Lambda, and the scheduled sending job. */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly apiFunction: AppFunction;
  readonly scheduleFunction: AppFunction;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const mailDomain = props.mailFrom.split('@').pop() ?? props.mailFrom;
    const sendMail = new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [stack.formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain })],
    });
    const mailEnv = { MAIL_FROM: props.mailFrom };

    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      entry: 'functions/src/handlers/api.ts',
      description: 'HTTP API (Hono)',
      table: props.table,
    })
      .grant(sendMail, mailEnv)
      .grant(
        new iam.PolicyStatement({
          actions: COGNITO_ADMIN_ACTIONS.map((action) => `cognito-idp:${action}`),
          resources: [props.userPool.userPoolArn],
        }),
        { COGNITO_USER_POOL_ID: props.userPool.userPoolId, COGNITO_CLIENT_ID: props.client.userPoolClientId },
      );

    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Survey and indicator API',
      // The stage below carries throttling and access logs, which the implicit one cannot.
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.function);
    for (const path of ['/api', '/api/{proxy+}']) {
      this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration });
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      // Caps a runaway client or a flood before it becomes a Lambda and DynamoDB bill.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.scheduleFunction = new AppFunction(this, 'ScheduleFunction', {
      entry: 'functions/src/handlers/schedule.ts',
      description: 'Scheduled sending of invitations and reminders',
      table: props.table,
      timeout: Duration.minutes(4), // below the 5-minute period, so runs never overlap for long
    }).grant(sendMail, mailEnv);
    new events.Rule(this, 'Every5Minutes', {
      description: 'Sends due invitations and reminders',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.scheduleFunction.function, { retryAttempts: 2 })],
    });

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorisation is done in the Hono app: /api/public/* is deliberately anonymous (participants, keyed by survey code) and every other route verifies the Cognito JWT and group itself.',
    });
  }

  /** Base of links in e-mails (invitations); set once the distribution in front of the API exists. */
  setPublicBaseUrl(url: string): void {
    for (const fn of [this.apiFunction, this.scheduleFunction])
      fn.function.addEnvironment('PUBLIC_BASE_URL', url);
  }
}
