import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from './aws.js';
import { keys } from './keys.js';
import { ProblemError } from './problem.js';

/**
 * Counts one request against a fixed one-minute window for `scope` and refuses it with 429 once
 * `limit` is reached. Counters are items that DynamoDB TTL deletes, so nothing needs cleaning up.
 */
export async function limitRate(scope: string, limit: number, now = Date.now()): Promise<void> {
  const window = Math.floor(now / 60_000) * 60;
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rate(scope, window),
        UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': window + 120 },
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) {
      const retryAfter = String(window + 60 - Math.floor(now / 1000));
      throw new ProblemError(
        429,
        'too-many-requests',
        'Too many submissions; please try again in a minute.',
        undefined,
        {
          'retry-after': retryAfter,
        },
      );
    }
    throw err;
  }
}
