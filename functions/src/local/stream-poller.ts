import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { StreamRecord } from '../rollups/consume.js';
import { LOCAL_AWS } from './bootstrap.js';

/*
 * What Lambda's DynamoDB event source does in AWS, for DynamoDB Local: reads every shard of the
 * table's stream from its oldest record (TRIM_HORIZON) and hands each batch to the same consumer
 * code the Lambda runs. A batch that fails is read again on the next pass (the iterator only
 * advances after the consumer returns), as Lambda retries; replays are skipped by the consumer's
 * markers, so starting from the oldest record on every `npm start` never counts anything twice.
 */

export interface StreamPoller {
  stop(): Promise<void>;
  /** Resolves once a pass that started after this call found no new record (everything folded). */
  settled(timeoutMs?: number): Promise<void>;
}

export interface PollerOptions {
  endpoint: string;
  tableName: string;
  /** The consumer: `consumeRecords` of functions/src/rollups/consume.ts. */
  consume: (records: StreamRecord[]) => Promise<unknown>;
  /** Pause between passes when a pass found nothing. */
  intervalMs?: number;
  /** Called after each pass that found no record, with the time that pass started. */
  onIdle?: (passStartedAt: number) => void;
  onError?: (err: Error) => void;
}

export async function startStreamPoller(opts: PollerOptions): Promise<StreamPoller> {
  const config = {
    endpoint: opts.endpoint,
    region: LOCAL_AWS.region,
    credentials: { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey },
  };
  const dynamo = new DynamoDBClient(config);
  const streams = new DynamoDBStreamsClient(config);
  const table = await dynamo.send(new DescribeTableCommand({ TableName: opts.tableName }));
  const streamArn = table.Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${opts.tableName} has no stream`);

  /** Per shard: the next iterator, the last sequence number folded, and whether it is closed. */
  const shards = new Map<string, { iterator?: string; last?: string; closed: boolean }>();
  let stopped = false;
  const waiters: { after: number; resolve: () => void }[] = [];

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      all.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  async function iteratorFor(shardId: string, last?: string): Promise<string | undefined> {
    const out = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: shardId,
        ...(last
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: last }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    return out.ShardIterator;
  }

  /** One pass over every open shard; returns how many records were folded. */
  async function pass(): Promise<number> {
    let folded = 0;
    for (const s of await listShards()) {
      const id = s.ShardId as string;
      if (!shards.has(id)) shards.set(id, { closed: false });
      const state = shards.get(id) as { iterator?: string; last?: string; closed: boolean };
      if (state.closed) continue;
      for (;;) {
        state.iterator ??= await iteratorFor(id, state.last);
        if (!state.iterator) {
          state.closed = true;
          break;
        }
        let out: GetRecordsCommandOutput;
        try {
          out = await streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 1000 }));
        } catch (err) {
          if (err instanceof ExpiredIteratorException || err instanceof TrimmedDataAccessException) {
            state.iterator = undefined;
            continue;
          }
          throw err;
        }
        const records = out.Records ?? [];
        if (records.length > 0) {
          const t0 = performance.now();
          await opts.consume(records as StreamRecord[]);
          if (process.env.POLLER_DEBUG)
            console.log(`batch ${records.length} in ${(performance.now() - t0).toFixed(0)} ms`);
          folded += records.length;
          state.last = records.at(-1)?.dynamodb?.SequenceNumber ?? state.last;
        }
        state.iterator = out.NextShardIterator;
        if (!state.iterator) state.closed = true;
        if (records.length === 0 || !state.iterator) break;
      }
    }
    return folded;
  }

  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      let folded = 0;
      let failed = false;
      try {
        folded = await pass();
        if (folded === 0) {
          opts.onIdle?.(started);
          for (const w of waiters.splice(0))
            if (w.after <= started) w.resolve();
            else waiters.push(w);
        }
      } catch (err) {
        // The iterator did not advance: the same records are read and offered again next pass.
        opts.onError?.(err as Error);
        failed = true;
      }
      // After a failure, wait a second before the retry, as Lambda backs off.
      const pause = failed ? 1000 : folded === 0 ? (opts.intervalMs ?? 200) : 0;
      if (pause > 0 && !stopped) await new Promise((r) => setTimeout(r, pause));
    }
  })();

  return {
    async stop() {
      stopped = true;
      await loop;
      dynamo.destroy();
      streams.destroy();
    },
    settled(timeoutMs = 30_000) {
      const after = Date.now();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`roll-ups not settled within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          after,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

/**
 * The local roll-up consumer: the poller above driving `consumeRecords`, the Lambda's own code.
 * The API's environment (TABLE_NAME, DYNAMODB_ENDPOINT...) must be in process.env already.
 */
export async function startLocalRollups(
  opts: Pick<PollerOptions, 'endpoint' | 'tableName' | 'onIdle'>,
): Promise<StreamPoller> {
  const { consumeRecords } = await import('../rollups/consume.js');
  return startStreamPoller({
    ...opts,
    consume: consumeRecords,
    onError: (err) => console.error(`roll-up consumer: ${err.message} (the batch is read again)`),
  });
}
