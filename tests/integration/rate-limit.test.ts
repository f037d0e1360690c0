import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { ddb, tableName } from '../../functions/src/lib/aws.js';
import { GetCommand } from '../../functions/src/lib/dynamodb.js';
import { env } from '../../functions/src/lib/env.js';
import { keys } from '../../functions/src/lib/keys.js';
import { ProblemError } from '../../functions/src/lib/problem.js';
import { limitRate, rateKey } from '../../functions/src/lib/rate-limit.js';

// Where the per-address abuse limits apply: the app's DynamoDB counter (locally, in tests), or the
// WAF at the edge (RATE_LIMITS=edge in AWS), where the submission path then writes no counter.

const mode = (m: 'app' | 'edge') => {
  (env() as { RATE_LIMITS: 'app' | 'edge' }).RATE_LIMITS = m;
};
afterEach(() => mode('app'));

const counterOf = async (scope: string, now: number) =>
  (
    await ddb().send(
      new GetCommand({
        TableName: tableName(),
        Key: keys.rate(rateKey(scope), Math.floor(now / 60_000) * 60),
        ConsistentRead: true,
      }),
    )
  ).Item;

describe('abuse limits', () => {
  it('are counted by the app by default: a counter item, and 429 once the limit is reached', async () => {
    expect(env().RATE_LIMITS).toBe('app');
    const scope = `test#${randomUUID()}`;
    const now = Date.now();
    await limitRate(scope, 1, undefined, now);
    expect((await counterOf(scope, now))?.count).toBe(1);
    const refused = await limitRate(scope, 1, undefined, now).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as ProblemError).status).toBe(429);
  });

  it('with RATE_LIMITS=edge write nothing and refuse nothing (the WAF applies them)', async () => {
    mode('edge');
    const scope = `test#${randomUUID()}`;
    const now = Date.now();
    for (let i = 0; i < 3; i++) await limitRate(scope, 1, undefined, now);
    expect(await counterOf(scope, now)).toBeUndefined();
  });
});
