import { ddb, tableName } from '../lib/aws.js';
import { GetCommand, PutCommand, UpdateCommand } from '../lib/dynamodb.js';
import { MAX_PART_BYTES } from './store.js';

/*
 * A cache of computed views (the goal overview) keyed by a change counter. The roll-up consumer
 * adds 1 to the counter after each batch that changed anything other than its own items (a
 * response, an attendee, an activity, an indicator, the framework...), so a cached view is used
 * only while nothing it may depend on has changed since it was computed. A view reads the counter
 * and its cached copy; on a miss it is computed and stored with the counter
 * value read BEFORE computing, so a change that lands meanwhile makes the copy stale, never wrong.
 * The two are read by two GetItem requests side by side (one round trip of wall time).
 */

const COUNTER = { pk: 'VIEWS', sk: 'COUNTER' };
/** Item types the consumer writes itself: their stream records change no view. */
export const OWN_TYPES = new Set([
  'rollup',
  'rollup-part',
  'rollup-applied',
  'view-cache',
  'view-counter',
  'counter',
]);

/** Called by the consumer after a batch that changed data views read. */
export async function bumpViewCounter(): Promise<void> {
  await ddb().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: COUNTER,
      UpdateExpression: 'SET #type = :type ADD n :one',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: { ':one': 1, ':type': 'view-counter' },
    }),
  );
}

/**
 * The view named `key` from the cache when nothing changed since it was stored (one request);
 * otherwise computes it with `compute` and stores it (views over 300 KB are not stored).
 */
export async function cachedView<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const cacheKey = { pk: 'VIEWS', sk: `V#${key}` };
  const read = (Key: Record<string, string>) =>
    ddb()
      .send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }))
      .then((out) => out.Item);
  const [counterItem, cached] = await Promise.all([read(COUNTER), read(cacheKey)]);
  const counter = Number(counterItem?.n ?? 0);
  if (cached && Number(cached.counter) === counter) return JSON.parse(String(cached.body)) as T;
  const view = await compute();
  const body = JSON.stringify(view);
  if (body.length < MAX_PART_BYTES)
    await ddb().send(
      new PutCommand({ TableName: tableName(), Item: { ...cacheKey, type: 'view-cache', counter, body } }),
    );
  return view;
}
