import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AppFunction } from './function.js';

/** Item types the consumer writes itself (functions/src/rollups/views.ts): never delivered to it. */
const OWN_TYPES = ['rollup', 'rollup-part', 'rollup-applied', 'view-cache', 'view-counter', 'counter'];

/** The functions read the whole environment schema; these two are not used by them. */
const UNUSED_AUTH = { COGNITO_USER_POOL_ID: 'unused', COGNITO_CLIENT_ID: 'unused' };

export interface RollupsProps {
  /** The table, with its NEW_AND_OLD_IMAGES stream. */
  readonly table: dynamodb.ITableV2;
  /** LOG_LEVEL of both functions (the stage's). */
  readonly logLevel?: string;
  /** The stage's X-Ray write access (`tracingPolicy`), shared with its other functions. */
  readonly tracing?: iam.IManagedPolicy;
}

/**
 * The read model's Lambdas (docs/data-model.md, "Roll-ups"):
 * - the consumer: the table's stream as event source, one batch per shard at a time (the
 *   consumer's markers make replays and retries harmless, bisecting included), records of its own
 *   items filtered out before invocation; a batch still failing after its retries (or older than a
 *   day) is recorded in a queue, and then a rebuild with repair restores the roll-ups;
 * - the rebuild, invoked by an administrator (`aws lambda invoke --function-name <RebuildFunction>
 *   --payload '{"repair":false}' out.json`), runs what `npm run rebuild-aggregates` runs locally.
 */
export class Rollups extends Construct {
  readonly consumer: AppFunction;
  readonly rebuild: AppFunction;
  readonly failed: sqs.Queue;

  constructor(scope: Construct, id: string, props: RollupsProps) {
    super(scope, id);
    const streamArn = props.table.tableStreamArn;
    if (!streamArn) throw new Error('the table needs a stream for the roll-up consumer');

    const common = { logLevel: props.logLevel, tracing: props.tracing };
    this.consumer = new AppFunction(this, 'Consumer', {
      ...common,
      entry: 'functions/src/handlers/rollups.ts',
      description: 'Folds table stream records into per-activity roll-ups, exactly once',
      table: props.table,
      timeout: Duration.minutes(2),
      environment: UNUSED_AUTH,
    });
    // Stream reads on this table's current stream only (ListStreams takes the stream resource too).
    this.consumer.grant(
      new iam.PolicyStatement({
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resources: [streamArn],
      }),
    );

    this.failed = new sqs.Queue(this, 'FailedBatches', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.failed).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the failure destination of the stream consumer; it only keeps batch references for the operator.',
    });

    const notOwn = (image: 'NewImage' | 'OldImage') =>
      lambda.FilterCriteria.filter({
        dynamodb: { [image]: { type: { S: [{ 'anything-but': OWN_TYPES }] } } },
      });
    new lambda.EventSourceMapping(this, 'Stream', {
      target: this.consumer.function,
      eventSourceArn: streamArn,
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 500,
      maxBatchingWindow: Duration.seconds(1),
      parallelizationFactor: 1,
      bisectBatchOnError: true,
      retryAttempts: 10,
      maxRecordAge: Duration.days(1),
      onFailure: new SqsDlq(this.failed),
      filters: [notOwn('NewImage'), notOwn('OldImage')],
    });

    this.rebuild = new AppFunction(this, 'Rebuild', {
      ...common,
      entry: 'functions/src/handlers/rebuild.ts',
      description: 'Recomputes aggregates and roll-ups from the raw responses (invoked by an administrator)',
      table: props.table,
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: UNUSED_AUTH,
    });
    new CfnOutput(this, 'RebuildFunction', {
      value: this.rebuild.function.functionName,
      description: 'aws lambda invoke --function-name <this> --payload \'{"repair":false}\' out.json',
    });
  }

  /** The functions and their timeouts, for alarms and the dashboard. */
  get functions() {
    return [
      { name: 'RollupConsumer', fn: this.consumer.function, timeout: Duration.minutes(2) },
      { name: 'Rebuild', fn: this.rebuild.function, timeout: Duration.minutes(15) },
    ];
  }
}
