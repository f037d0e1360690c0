import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ROUTE_THROTTLES } from '../../functions/src/lib/limits.js';
import { AppFunction, tracingPolicy } from './function.js';
import { PublicApi } from './public-api.js';

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

/** The header CloudFront adds to every API request; the API refuses requests without it. */
export { ORIGIN_HEADER } from '../../functions/src/lib/origin.js';

/** The routes with their own throttle (route key -> ROUTE_THROTTLES entry); the rest is `staff`. */
export const THROTTLED_ROUTES = {
  'POST /api/public/surveys/{code}/responses': ROUTE_THROTTLES.submit,
  'GET /api/public/surveys/{code}': ROUTE_THROTTLES.open,
} as const;

/** Concurrency caps: each API's peak need (150 rps × ~100 ms ≈ 15) with room; one sender pair. */
export const CONCURRENCY = { api: 50, public: 50, schedule: 1, send: 2, bounces: 2 } as const;
/** Tries of a sending job before it goes to the dead-letter queue (backoff 1, 2, 4, 8 min between). */
export const SEND_MAX_RECEIVES = 5;

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
  readonly stage: string;
  readonly table: dynamodb.ITableV2;
  readonly userPool: cognito.IUserPool;
  readonly client: cognito.IUserPoolClient;
  /** Sender address; SES permission is scoped to the identity of its domain. */
  readonly mailFrom: string;
  /** The account's SES sending rate; the sending job stays below it. */
  readonly sesMaxSendRate: number;
  readonly logLevel: string;
  /** Whether administrator routes need TOTP on the account (ADMIN_MFA, lib/auth.ts). */
  readonly adminMfa: 'optional' | 'required';
  /** `api.<domain>` with its regional certificate: the API gets that name and no execute-api URL. */
  readonly apiDomain?: { name: string; certificateArn: string };
  readonly metricsNamespace: string;
}

/** The HTTP API with its Lambda, the scheduled sending job and its queue. */
export class Api extends Construct {
  readonly httpApi: apigw.HttpApi;
  readonly apiFunction: AppFunction;
  /** X-Ray write access, one policy for every function of the stage. */
  readonly tracing: iam.IManagedPolicy;
  /** The participants' routes (`/api/public/*`), a bundle of their own. */
  readonly publicFunction: AppFunction;
  readonly scheduleFunction: AppFunction;
  readonly sendFunction: AppFunction;
  /** Marks invitations bounced from SES bounce events (configuration set -> SNS -> this). */
  readonly bounceFunction: AppFunction;
  readonly sendQueue: sqs.Queue;
  readonly deadLetterQueue: sqs.Queue;
  /** What CloudFront sends in ORIGIN_HEADER; the API Lambda knows it too. */
  readonly originSecret: secretsmanager.Secret;
  /** Host CloudFront forwards /api to: the API's own domain, or the execute-api one. */
  readonly originHost: string;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const mailDomain = props.mailFrom.split('@').pop() ?? props.mailFrom;
    // Every e-mail is sent under this configuration set, whose bounce and complaint events go to a
    // topic that the bounce function reads (invitations marked `bounced`, no reminder to them).
    const mailEvents = new ses.ConfigurationSet(this, 'MailEvents', {});
    const mailEventsTopic = new sns.Topic(this, 'MailEventsTopic', { enforceSSL: true });
    Validations.of(mailEventsTopic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'SES bounce events carry a message id, tags and the bounced address; SES can publish to a KMS-encrypted topic only through a customer key policy naming ses.amazonaws.com, not worth a key for bounce notices.',
    });
    mailEvents.addEventDestination('Bounces', {
      destination: ses.EventDestination.snsTopic(mailEventsTopic),
      events: [ses.EmailSendingEvent.BOUNCE],
    });
    const sendMail = new iam.PolicyStatement({
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain }),
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: mailEvents.configurationSetName,
        }),
      ],
    });
    const mailEnv = {
      MAIL_FROM: props.mailFrom,
      METRICS_NAMESPACE: props.metricsNamespace,
      SES_CONFIGURATION_SET: mailEvents.configurationSetName,
    };
    const tracing = tracingPolicy(this);
    this.tracing = tracing;
    const common = { table: props.table, logLevel: props.logLevel, tracing };

    // Only CloudFront may call the API: it adds this secret header, which the Lambda checks. A
    // rotation would have to change CloudFront and the Lambda together, so it is rotated by a deploy.
    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'Header value CloudFront adds to API requests (x-origin-verify)',
      generateSecretString: { excludePunctuation: true, passwordLength: 40 },
    });
    Validations.of(this.originSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The origin-verify value is set in CloudFront and in the API Lambda by the same deployment; automatic rotation would break one of them until the next deploy. Rotate by redeploying after changing the secret.',
    });

    this.apiFunction = new AppFunction(this, 'ApiFunction', {
      ...common,
      entry: 'functions/src/handlers/api.ts',
      description: 'HTTP API (Hono)',
      reservedConcurrency: CONCURRENCY.api,
      // RATE_LIMITS=edge: the WAF's rate rules (edge.ts) apply the per-address limits to every request
      // (the origin secret keeps out whatever did not come through CloudFront and the WAF).
      environment: {
        ORIGIN_SECRET: this.originSecret.secretValue.unsafeUnwrap(),
        ADMIN_MFA: props.adminMfa,
        RATE_LIMITS: 'edge',
      },
    })
      .grant(sendMail, mailEnv)
      .grant(
        new iam.PolicyStatement({
          actions: COGNITO_ADMIN_ACTIONS.map((action) => `cognito-idp:${action}`),
          resources: [props.userPool.userPoolArn],
        }),
        { COGNITO_USER_POOL_ID: props.userPool.userPoolId, COGNITO_CLIENT_ID: props.client.userPoolClientId },
      );

    const domainName = props.apiDomain
      ? new apigw.DomainName(this, 'DomainName', {
          domainName: props.apiDomain.name,
          certificate: acm.Certificate.fromCertificateArn(
            this,
            'Certificate',
            props.apiDomain.certificateArn,
          ),
        })
      : undefined;
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Survey and indicator API',
      // The stage below carries throttling and access logs, which the implicit one cannot.
      createDefaultStage: false,
      // With its own domain the API has no execute-api URL at all; without one that URL is the
      // origin CloudFront uses, and ORIGIN_HEADER keeps everyone else out.
      disableExecuteApiEndpoint: Boolean(domainName),
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.apiFunction.function);
    for (const path of ['/api', '/api/{proxy+}']) {
      this.httpApi.addRoutes({ path, methods: [apigw.HttpMethod.ANY], integration });
    }
    // Participants' routes run in a Lambda of their own (infra/lib/public-api.ts); their two routes
    // are routes of their own, so they get their own throttles.
    this.publicFunction = new PublicApi(this, 'PublicApi', {
      httpApi: this.httpApi,
      table: props.table,
      userPool: props.userPool,
      client: props.client,
      routeKeys: Object.keys(THROTTLED_ROUTES),
      functionProps: {
        logLevel: props.logLevel,
        tracing,
        reservedConcurrency: CONCURRENCY.public,
        environment: { ORIGIN_SECRET: this.originSecret.secretValue.unsafeUnwrap(), RATE_LIMITS: 'edge' },
      },
    }).publicFunction;

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: ROUTE_THROTTLES.staff.rate, burstLimit: ROUTE_THROTTLES.staff.burst },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    (stage.node.defaultChild as apigw.CfnStage).routeSettings = Object.fromEntries(
      Object.entries(THROTTLED_ROUTES).map(([key, t]) => [
        key,
        // A map of plain objects: CloudFormation's own property names.
        { ThrottlingRateLimit: t.rate, ThrottlingBurstLimit: t.burst },
      ]),
    );
    // Route settings name routes that must exist first.
    for (const route of this.httpApi.node.findAll().filter((c) => c instanceof apigw.HttpRoute)) {
      stage.node.addDependency(route);
    }
    if (domainName) {
      new apigw.ApiMapping(this, 'Mapping', { api: this.httpApi, domainName, stage });
      this.originHost = props.apiDomain?.name ?? '';
    } else {
      this.originHost = `${this.httpApi.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    }

    // Sending: the schedule queues due jobs, the consumer sends them paced to the SES quota; a job
    // that keeps failing ends in the dead-letter queue (an alarm watches it).
    this.deadLetterQueue = new sqs.Queue(this, 'SendDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const sendTimeout = Duration.minutes(10);
    this.sendQueue = new sqs.Queue(this, 'SendQueue', {
      // Longer than the consumer's timeout, so a running job is never handed out twice.
      visibilityTimeout: Duration.minutes(12),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: SEND_MAX_RECEIVES },
    });

    this.sendFunction = new AppFunction(this, 'SendFunction', {
      ...common,
      entry: 'functions/src/handlers/send.ts',
      description: 'Sends queued invitations and reminders, paced to the SES quota',
      timeout: sendTimeout,
      reservedConcurrency: CONCURRENCY.send,
      environment: {
        SEND_QUEUE_URL: this.sendQueue.queueUrl,
        // Each of the concurrent consumers takes its share of the account's rate.
        SES_SEND_RATE: String(props.sesMaxSendRate / CONCURRENCY.send),
      },
    })
      .grant(sendMail, mailEnv)
      .grant(
        new iam.PolicyStatement({
          actions: ['sqs:ChangeMessageVisibility'],
          resources: [this.sendQueue.queueArn],
        }),
      );
    this.sendQueue.grantConsumeMessages(this.sendFunction.function);
    this.sendFunction.function.addEventSource(
      new SqsEventSource(this.sendQueue, {
        batchSize: 1,
        maxConcurrency: CONCURRENCY.send,
        reportBatchItemFailures: true,
      }),
    );

    this.scheduleFunction = new AppFunction(this, 'ScheduleFunction', {
      ...common,
      entry: 'functions/src/handlers/schedule.ts',
      description: 'Queues the invitations and reminders due',
      timeout: Duration.minutes(1),
      reservedConcurrency: CONCURRENCY.schedule,
      environment: { SEND_QUEUE_URL: this.sendQueue.queueUrl },
    });
    this.sendQueue.grantSendMessages(this.scheduleFunction.function);
    // "Send now" puts the survey's job on the queue and answers at once.
    this.sendQueue.grantSendMessages(this.apiFunction.function);
    this.apiFunction.function.addEnvironment('SEND_QUEUE_URL', this.sendQueue.queueUrl);

    this.bounceFunction = new AppFunction(this, 'BounceFunction', {
      ...common,
      entry: 'functions/src/handlers/bounces.ts',
      description: 'Marks invitations bounced from SES bounce events',
      timeout: Duration.seconds(30),
      reservedConcurrency: CONCURRENCY.bounces,
    });
    mailEventsTopic.addSubscription(new subscriptions.LambdaSubscription(this.bounceFunction.function));
    new events.Rule(this, 'Every5Minutes', {
      description: 'Queues due invitations and reminders',
      schedule: events.Schedule.rate(Duration.minutes(5)),
      targets: [new targets.LambdaFunction(this.scheduleFunction.function, { retryAttempts: 2 })],
    });

    Validations.of(this.httpApi).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Authorisation is done in the Hono app: /api/public/* is deliberately anonymous (participants, keyed by survey code) and every other route verifies the Cognito JWT and the user pool groups itself.',
    });
  }

  /** The functions and their timeouts, for alarms and the dashboard. */
  get functions() {
    return [
      {
        name: 'Api',
        fn: this.apiFunction.function,
        timeout: this.apiFunction.function.timeout ?? Duration.seconds(15),
      },
      {
        name: 'Public',
        fn: this.publicFunction.function,
        timeout: this.publicFunction.function.timeout ?? Duration.seconds(15),
      },
      { name: 'Schedule', fn: this.scheduleFunction.function, timeout: Duration.minutes(1) },
      { name: 'Send', fn: this.sendFunction.function, timeout: Duration.minutes(10) },
      { name: 'Bounces', fn: this.bounceFunction.function, timeout: Duration.seconds(30) },
    ];
  }

  /** Base of links in e-mails (invitations); set once the distribution in front of the API exists. */
  setPublicBaseUrl(url: string): void {
    for (const fn of [this.apiFunction, this.publicFunction, this.sendFunction, this.scheduleFunction])
      fn.function.addEnvironment('PUBLIC_BASE_URL', url);
  }
}
