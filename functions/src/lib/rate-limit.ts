import { createHash } from 'node:crypto';
import { ddb, tableName } from './aws.js';
import { ConditionalCheckFailedException, UpdateCommand } from './dynamodb.js';
import { env } from './env.js';
import { keys } from './keys.js';
import { ProblemError } from './problem.js';

/**
 * The counter's key part for a scope: a SHA-256 digest (43 characters), so whatever a caller puts in
 * a scope (a survey code, an address) the key stays far below DynamoDB's 2,048-byte partition key
 * limit, and no address is written to the table in clear.
 */
export const rateKey = (scope: string) => createHash('sha256').update(scope).digest('base64url');

/**
 * Counts one request against a fixed one-minute window for `scope` and refuses it with 429 once
 * `limit` is reached. Counters are items that DynamoDB TTL deletes, so nothing needs cleaning up.
 * With `RATE_LIMITS=edge` (AWS: the WAF's rate-based rules with the same numbers, lib/limits.ts,
 * in front of every request) nothing is counted here.
 */
export async function limitRate(
  scope: string,
  limit: number,
  message = 'Too many requests; please try again in a minute.',
  now = Date.now(),
): Promise<void> {
  if (env().RATE_LIMITS === 'edge') return;
  const window = Math.floor(now / 60_000) * 60;
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.rate(rateKey(scope), window),
        UpdateExpression: 'ADD #count :one SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': window + 120 },
      }),
    );
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) {
      const retryAfter = String(window + 60 - Math.floor(now / 1000));
      throw new ProblemError(429, 'too-many-requests', message, undefined, { 'retry-after': retryAfter });
    }
    throw err;
  }
}
