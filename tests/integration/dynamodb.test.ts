import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as sdk from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableName } from '../../functions/src/lib/aws.js';
import {
  BatchGetCommand,
  BatchWriteCommand,
  ConditionalCheckFailedException,
  DeleteCommand,
  DocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactionCanceledException,
  TransactWriteCommand,
  UpdateCommand,
} from '../../functions/src/lib/dynamodb.js';
import { env } from '../../functions/src/lib/env.js';

// functions/src/lib/dynamodb.ts, the document client over fetch the functions use, against the
// AWS SDK's DynamoDBDocumentClient on the same DynamoDB Local: the same answers for the same
// commands, the same errors, and retries of what the SDK retries.

const e = env();
const credentials = { accessKeyId: e.AWS_ACCESS_KEY_ID, secretAccessKey: e.AWS_SECRET_ACCESS_KEY };
const ours = new DocumentClient({ region: e.AWS_REGION, endpoint: e.DYNAMODB_ENDPOINT, credentials });
const theirs = sdk.DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: e.AWS_REGION, endpoint: e.DYNAMODB_ENDPOINT, credentials }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const TableName = tableName();
const pk = `DDBTEST#${randomUUID()}`;
/** Every kind of value the functions store: strings, numbers, booleans, null, lists, maps, sets. */
const item = (sk: string) => ({
  pk,
  sk,
  type: 'test',
  n: 42,
  x: 0.125,
  big: 1_700_000_000_000,
  ok: true,
  none: null,
  dropped: undefined,
  text: 'عربي · ü · 😀',
  list: [1, 'two', { three: 3 }, [4]],
  map: { a: { b: ['c'] }, empty: {} },
  tags: new Set(['x', 'y']),
  counts: new Set([1, 2]),
  gzip: new Uint8Array([0x1f, 0x8b, 0, 255]),
  nested: {
    blobs: [new Uint8Array([1, 2, 3])],
    blobSet: new Set([new Uint8Array([9]), new Uint8Array([8, 7])]),
  },
});
/** The SDK without its response metadata, for comparing outputs. */
const plain = ({ $metadata: _, ...rest }: { $metadata?: unknown }) => rest;

describe('DynamoDB document client over fetch', () => {
  it('writes and reads items as the SDK does', async () => {
    await ours.send(new PutCommand({ TableName, Item: item('a') }));
    await theirs.send(new sdk.PutCommand({ TableName, Item: item('b') }));
    const a = await ours.send(new GetCommand({ TableName, Key: { pk, sk: 'a' }, ConsistentRead: true }));
    const b = await theirs.send(
      new sdk.GetCommand({ TableName, Key: { pk, sk: 'b' }, ConsistentRead: true }),
    );
    expect(a.Item).toEqual({ ...b.Item, sk: 'a' });
    expect(a.Item).toEqual({ ...item('a'), dropped: undefined });
    expect('dropped' in (a.Item ?? {})).toBe(false);
    // Read back by the other client: the same bytes were stored.
    const viaSdk = await theirs.send(
      new sdk.GetCommand({ TableName, Key: { pk, sk: 'a' }, ConsistentRead: true }),
    );
    expect(viaSdk.Item).toEqual(a.Item);
    expect((await ours.send(new GetCommand({ TableName, Key: { pk, sk: 'none' } }))).Item).toBeUndefined();
  });

  it('queries, scans with a filter, updates and deletes with the same outputs', async () => {
    for (const sk of ['q1', 'q2', 'q3'])
      await ours.send(new PutCommand({ TableName, Item: { pk, sk, v: 1 } }));
    const query = {
      TableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :q)',
      ExpressionAttributeValues: { ':pk': pk, ':q': 'q' },
      Limit: 2,
      ConsistentRead: true,
    };
    const first = await ours.send(new QueryCommand(query));
    const firstSdk = await theirs.send(new sdk.QueryCommand(query));
    expect(first).toEqual(plain(firstSdk));
    expect(first.LastEvaluatedKey).toEqual({ pk, sk: 'q2' });
    const second = await ours.send(new QueryCommand({ ...query, ExclusiveStartKey: first.LastEvaluatedKey }));
    expect(second.Items?.map((i) => i.sk)).toEqual(['q3']);

    const scan = {
      TableName,
      FilterExpression: 'pk = :pk AND v = :v',
      ExpressionAttributeValues: { ':pk': pk, ':v': 1 },
      ConsistentRead: true,
    };
    const scanned: unknown[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const p = await ours.send(new ScanCommand({ ...scan, ExclusiveStartKey: start }));
      scanned.push(...(p.Items ?? []));
      start = p.LastEvaluatedKey;
    } while (start);
    expect(scanned).toHaveLength(3);

    const update = (sk: string) => ({
      TableName,
      Key: { pk, sk },
      UpdateExpression: 'ADD v :one SET #l = list_append(if_not_exists(#l, :empty), :x)',
      ExpressionAttributeNames: { '#l': 'log' },
      ExpressionAttributeValues: { ':one': 1, ':empty': [], ':x': [{ at: 'now' }] },
      ReturnValues: 'ALL_NEW' as const,
    });
    const updated = await ours.send(new UpdateCommand(update('q1')));
    const updatedSdk = await theirs.send(new sdk.UpdateCommand(update('q2')));
    expect(updated.Attributes).toEqual({ ...updatedSdk.Attributes, sk: 'q1' });
    expect(updated.Attributes).toMatchObject({ v: 2, log: [{ at: 'now' }] });

    const deleted = await ours.send(
      new DeleteCommand({ TableName, Key: { pk, sk: 'q3' }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual({ pk, sk: 'q3', v: 1 });
  });

  it('writes and reads in batches, with the items keyed by table', async () => {
    const sks = Array.from({ length: 25 }, (_, i) => `batch${String(i).padStart(2, '0')}`);
    const written = await ours.send(
      new BatchWriteCommand({
        RequestItems: { [TableName]: sks.map((sk) => ({ PutRequest: { Item: { pk, sk, n: sk.length } } })) },
      }),
    );
    expect(written.UnprocessedItems ?? {}).toEqual({});
    const keys = sks.map((sk) => ({ pk, sk }));
    const read = await ours.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys } } }));
    const readSdk = await theirs.send(
      new sdk.BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys } } }),
    );
    const bySk = (items: Record<string, unknown>[] = []) =>
      [...items].sort((x, y) => String(x.sk).localeCompare(String(y.sk)));
    expect(bySk(read.Responses?.[TableName])).toEqual(bySk(readSdk.Responses?.[TableName]));
    expect(read.Responses?.[TableName]).toHaveLength(25);
    await ours.send(
      new BatchWriteCommand({
        RequestItems: { [TableName]: keys.map((Key) => ({ DeleteRequest: { Key } })) },
      }),
    );
    const gone = await ours.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: keys } } }));
    expect(gone.Responses?.[TableName]).toEqual([]);
  });

  it('writes transactions, and refuses them as the SDK does: the error, its name and the reasons in order', async () => {
    const tx = (sk: string) => ({
      TransactItems: [
        { Put: { TableName, Item: { pk, sk, v: 1 }, ConditionExpression: 'attribute_not_exists(pk)' } },
        {
          Update: {
            TableName,
            Key: { pk, sk: `${sk}#count` },
            UpdateExpression: 'ADD n :one',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ],
    });
    await ours.send(new TransactWriteCommand(tx('t1')));
    expect((await ours.send(new GetCommand({ TableName, Key: { pk, sk: 't1#count' } }))).Item?.n).toBe(1);
    const refused = await ours.send(new TransactWriteCommand(tx('t1'))).catch((err: unknown) => err);
    const refusedSdk = await theirs.send(new sdk.TransactWriteCommand(tx('t1'))).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TransactionCanceledException);
    expect((refused as Error).name).toBe((refusedSdk as Error).name);
    const codes = (err: unknown) =>
      ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
    expect(codes(refused)).toEqual(['ConditionalCheckFailed', 'None']);
    expect(codes(refused)).toEqual(codes(refusedSdk));
    expect((refused as TransactionCanceledException).$metadata.httpStatusCode).toBe(400);
    // Nothing of the refused transaction was written.
    expect((await ours.send(new GetCommand({ TableName, Key: { pk, sk: 't1#count' } }))).Item?.n).toBe(1);
  });

  it('refuses a failed condition with the item as it was, when asked for it', async () => {
    await ours.send(new PutCommand({ TableName, Item: { pk, sk: 'c', v: 7 } }));
    const put = {
      TableName,
      Item: { pk, sk: 'c', v: 8 },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    };
    const refused = await ours.send(new PutCommand(put)).catch((err: unknown) => err);
    const refusedSdk = await theirs.send(new sdk.PutCommand(put)).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(ConditionalCheckFailedException);
    expect((refused as Error).name).toBe((refusedSdk as Error).name);
    expect((refused as ConditionalCheckFailedException).Item).toEqual({ pk, sk: 'c', v: 7 });
    // A malformed request is DynamoDB's ValidationException, not retried.
    const invalid = await ours
      .send(new GetCommand({ TableName, Key: { pk } }))
      .catch((err: unknown) => err as Error);
    expect(invalid).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });

  describe('retries', () => {
    // A proxy in front of DynamoDB Local that fails the first requests it is sent.
    let server: Server;
    let failures: { status: number; body: string }[] = [];
    let seen = 0;
    beforeAll(async () => {
      server = createServer(async (req, res) => {
        seen++;
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        const failure = failures.shift();
        if (failure?.status === 0) {
          req.socket.destroy(); // the connection drops: no answer at all
          return;
        }
        if (failure) {
          res.writeHead(failure.status, { 'content-type': 'application/x-amz-json-1.0' }).end(failure.body);
          return;
        }
        const upstream = await fetch(`${e.DYNAMODB_ENDPOINT}${req.url}`, {
          method: req.method,
          headers: Object.fromEntries(
            Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'connection') as [
              string,
              string,
            ][],
          ),
          body: Buffer.concat(chunks),
        });
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? '' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
    const viaProxy = () =>
      new DocumentClient({
        region: e.AWS_REGION,
        endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        credentials,
      });
    const throttled = {
      status: 400,
      body: JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
        message: 'slow down',
      }),
    };

    it('tries again after throttling and 5xx answers, up to three attempts in all', async () => {
      seen = 0;
      failures = [throttled, { status: 503, body: '<html>busy</html>' }];
      const got = await viaProxy().send(new GetCommand({ TableName, Key: { pk, sk: 'c' } }));
      expect(got.Item).toEqual({ pk, sk: 'c', v: 7 });
      expect(seen).toBe(3);

      seen = 0;
      failures = [throttled, throttled, throttled, throttled];
      const refused = await viaProxy()
        .send(new GetCommand({ TableName, Key: { pk, sk: 'c' } }))
        .catch((err: unknown) => err);
      expect(refused).toMatchObject({ name: 'ProvisionedThroughputExceededException', message: 'slow down' });
      expect(seen).toBe(3);
      failures = [];
    });

    it('tries again when the connection drops without an answer', async () => {
      seen = 0;
      failures = [{ status: 0, body: '' }];
      const got = await viaProxy().send(new GetCommand({ TableName, Key: { pk, sk: 'c' } }));
      expect(got.Item).toEqual({ pk, sk: 'c', v: 7 });
      expect(seen).toBe(2);
    });

    it('does not try again what DynamoDB refused on its merits', async () => {
      seen = 0;
      const refused = await viaProxy()
        .send(
          new PutCommand({
            TableName,
            Item: { pk, sk: 'c' },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((err: unknown) => err);
      expect(refused).toBeInstanceOf(ConditionalCheckFailedException);
      expect(seen).toBe(1);
    });
  });
});
