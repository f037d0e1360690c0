import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Thresholds of the alarms; the tests read them from here. */
export const ALARMS = {
  /** API answers 5xx (our errors, or Lambda failing) in 5 minutes. */
  api5xxPer5Minutes: 5,
  /** Lambda invocation errors in 5 minutes, per function. */
  lambdaErrorsPer5Minutes: 1,
  /** Throttled invocations in 5 minutes, per function (reserved concurrency reached). */
  lambdaThrottlesPer5Minutes: 1,
  /** Longest invocation in 5 minutes, as a share of the function's timeout. */
  durationShareOfTimeout: 0.8,
  /** DynamoDB read or write throttle events in 5 minutes. */
  dynamoThrottlesPer5Minutes: 1,
  /** E-mails that failed in 15 minutes (they are retried, but something is wrong). */
  emailsFailedPer15Minutes: 1,
  /** Sending jobs in the dead-letter queue: retries exhausted. */
  deadLetters: 1,
} as const;

export interface MonitoringProps {
  readonly stage: string;
  readonly alarmTopicArn?: string;
  readonly httpApi: apigw.IHttpApi;
  readonly functions: { name: string; fn: lambda.Function; timeout: Duration }[];
  readonly table: dynamodb.ITableV2;
  readonly deadLetterQueue: sqs.IQueue;
  /** Stream batches the roll-up consumer gave up on (infra/lib/rollups.ts): views miss them until a rebuild. */
  readonly failedRollupBatches?: sqs.IQueue;
  readonly metricsNamespace: string;
  readonly webAclName?: string;
}

/** CloudWatch alarms to the stage's SNS topic, and one dashboard of the same signals. */
export class Monitoring extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const topic = props.alarmTopicArn
      ? sns.Topic.fromTopicArn(this, 'AlarmTopic', props.alarmTopicArn)
      : undefined;
    const five = Duration.minutes(5);
    const alarm = (name: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const a = new cloudwatch.Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      if (topic) {
        a.addAlarmAction(new actions.SnsAction(topic));
        a.addOkAction(new actions.SnsAction(topic));
      }
      this.alarms.push(a);
      return a;
    };

    const apiMetric = (metricName: string, statistic = 'Sum') =>
      new cloudwatch.Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: props.httpApi.apiId, Stage: '$default' },
        statistic,
        period: five,
      });
    alarm('Api5xx', apiMetric('5xx'), ALARMS.api5xxPer5Minutes, 'The API answered 5xx');

    for (const { name, fn, timeout } of props.functions) {
      alarm(
        `${name}Errors`,
        fn.metricErrors({ period: five }),
        ALARMS.lambdaErrorsPer5Minutes,
        `${name}: errors`,
      );
      alarm(
        `${name}Throttles`,
        fn.metricThrottles({ period: five }),
        ALARMS.lambdaThrottlesPer5Minutes,
        `${name}: throttled`,
      );
      alarm(
        `${name}Duration`,
        fn.metricDuration({ period: five, statistic: 'Maximum' }),
        Math.round(timeout.toMilliseconds() * ALARMS.durationShareOfTimeout),
        `${name}: an invocation ran close to its timeout`,
      );
    }

    const tableMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: props.table.tableName },
        statistic: 'Sum',
        period: five,
      });
    alarm(
      'DynamoThrottles',
      new cloudwatch.MathExpression({
        expression: 'r + w',
        usingMetrics: { r: tableMetric('ReadThrottleEvents'), w: tableMetric('WriteThrottleEvents') },
        period: five,
        label: 'Throttle events',
      }),
      ALARMS.dynamoThrottlesPer5Minutes,
      'DynamoDB throttled reads or writes',
    );

    const emailsFailed = new cloudwatch.Metric({
      namespace: props.metricsNamespace,
      metricName: 'EmailsFailed',
      statistic: 'Sum',
      period: Duration.minutes(15),
    });
    alarm(
      'EmailsFailed',
      emailsFailed,
      ALARMS.emailsFailedPer15Minutes,
      'Sending: e-mails failed (SES refused or throttled)',
    );
    alarm(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: five, statistic: 'Maximum' }),
      ALARMS.deadLetters,
      'Sending jobs gave up after every retry (dead-letter queue)',
    );
    if (props.failedRollupBatches) {
      alarm(
        'FailedRollupBatches',
        props.failedRollupBatches.metricApproximateNumberOfMessagesVisible({
          period: five,
          statistic: 'Maximum',
        }),
        ALARMS.deadLetters,
        'Roll-ups: stream batches failed after every retry; views miss them until `rebuild` runs',
      );
    }

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `rlt-${props.stage}`,
      defaultInterval: Duration.hours(6),
    });
    const graph = (title: string, left: cloudwatch.IMetric[], right: cloudwatch.IMetric[] = []) =>
      new cloudwatch.GraphWidget({ title, left, right, width: 8 });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 }),
    );
    this.dashboard.addWidgets(
      graph('API requests and errors', [apiMetric('Count'), apiMetric('4xx'), apiMetric('5xx')]),
      graph('API latency (p50, p99)', [apiMetric('Latency', 'p50'), apiMetric('Latency', 'p99')]),
      graph(
        'DynamoDB throttles and capacity',
        [tableMetric('ReadThrottleEvents'), tableMetric('WriteThrottleEvents')],
        [tableMetric('ConsumedReadCapacityUnits'), tableMetric('ConsumedWriteCapacityUnits')],
      ),
    );
    this.dashboard.addWidgets(
      ...props.functions.map(({ name, fn }) =>
        graph(
          `${name}: invocations, errors, throttles, duration`,
          [fn.metricInvocations(), fn.metricErrors(), fn.metricThrottles()],
          [fn.metricDuration({ statistic: 'Maximum' })],
        ),
      ),
    );
    const sent = new cloudwatch.Metric({
      namespace: props.metricsNamespace,
      metricName: 'EmailsSent',
      statistic: 'Sum',
    });
    this.dashboard.addWidgets(
      graph('E-mails sent and failed', [sent, emailsFailed]),
      graph('Sending dead-letter queue', [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible()]),
      ...(props.webAclName
        ? [
            graph('WAF (us-east-1): allowed and blocked', [
              new cloudwatch.Metric({
                namespace: 'AWS/WAFV2',
                metricName: 'BlockedRequests',
                dimensionsMap: { WebACL: props.webAclName, Rule: 'ALL' },
                statistic: 'Sum',
                region: 'us-east-1',
              }),
              new cloudwatch.Metric({
                namespace: 'AWS/WAFV2',
                metricName: 'AllowedRequests',
                dimensionsMap: { WebACL: props.webAclName, Rule: 'ALL' },
                statistic: 'Sum',
                region: 'us-east-1',
              }),
            ]),
          ]
        : []),
    );
  }
}
