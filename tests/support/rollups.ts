import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamRecord } from '../../functions/src/rollups/consume.js';

/**
 * Waits until the roll-up consumer (started by the global setup) has folded every write made before
 * this call: a pass of its stream poller that started after now found no new record.
 */
export async function rollupsSettled(timeoutMs = 15_000): Promise<void> {
  const file = process.env.ROLLUP_IDLE_FILE;
  if (!file) throw new Error('ROLLUP_IDLE_FILE is not set: is the roll-up consumer running?');
  const since = Date.now();
  while (Date.now() - since < timeoutMs) {
    if (Number(readFileSync(file, 'utf8') || 0) >= since) return;
    await sleep(25);
  }
  throw new Error(`the roll-up consumer did not catch up within ${timeoutMs} ms`);
}

/** Every record in the table's stream from its oldest (as a replay of every batch would see them). */
export async function readWholeStream(): Promise<StreamRecord[]> {
  const config = {
    endpoint: process.env.DYNAMODB_ENDPOINT,
    region: process.env.AWS_REGION,
  };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  try {
    const arn = (await dynamo.send(new DescribeTableCommand({ TableName: process.env.TABLE_NAME }))).Table
      ?.LatestStreamArn;
    const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription
      ?.Shards;
    const records: StreamRecord[] = [];
    for (const shard of shards ?? []) {
      let iterator = (
        await streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shard.ShardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
      while (iterator) {
        const out = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
        records.push(...((out.Records ?? []) as StreamRecord[]));
        if ((out.Records ?? []).length === 0) break;
        iterator = out.NextShardIterator;
      }
    }
    return records;
  } finally {
    dynamo.destroy();
    streams.destroy();
  }
}

/**
 * A survey's overall figures (`<measure>|all|<stat>`) as maintained in its activity's roll-up, once
 * the consumer has folded every write made before this call.
 */
export async function settledFigures(activityId: string, surveyId: string): Promise<Record<string, number>> {
  await rollupsSettled();
  const { readStoredRollup } = await import('../../functions/src/rollups/store.js');
  return (await readStoredRollup(activityId)).state.surveys[surveyId]?.overall ?? {};
}
