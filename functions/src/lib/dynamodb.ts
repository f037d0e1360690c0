/**
 * DynamoDB as the functions use it: the nine operations of the document client (plain JS values in
 * and out, `undefined` fields dropped) over `fetch`, signed with SigV4 by aws4fetch, marshalled by
 * the SDK's own @aws-sdk/util-dynamodb (the functions @aws-sdk/lib-dynamodb calls). The full SDK
 * client is about 330 KB of a Lambda bundle and most of its cold start; this is about 13 KB
 * (`npm run bench` prints both). The command classes and error classes keep the SDK's names and
 * shapes, so call sites read as with @aws-sdk/lib-dynamodb: `ddb().send(new GetCommand({...}))`,
 * `err instanceof TransactionCanceledException`, `err.CancellationReasons`.
 *
 * The wire protocol is DynamoDB's JSON 1.0 API (POST /, `X-Amz-Target: DynamoDB_20120810.<Op>`).
 * Retries follow the SDK's standard mode: three attempts in all, with full-jitter exponential
 * backoff, on throttling, 5xx answers and network failures; other errors are thrown at once.
 * Credentials come from the environment (the Lambda runtime sets them; the local stack sets the
 * emulators' ones).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { AwsClient } from 'aws4fetch';

export type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  TransactWriteCommandInput,
  TransactWriteCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
};

type Doc = Record<string, unknown>;
type Wire = Record<string, AttributeValue>;

/**
 * Binary values travel base64-encoded in DynamoDB's JSON protocol (the SDK's serializer does this
 * below the marshalling): `B` and `BS` at any depth of lists and maps.
 */
function binary(av: AttributeValue, code: (b: never) => unknown): AttributeValue {
  if (av.B !== undefined) return { B: code(av.B as never) } as AttributeValue;
  if (av.BS !== undefined) return { BS: av.BS.map((b) => code(b as never)) } as AttributeValue;
  if (av.L !== undefined) return { L: av.L.map((v) => binary(v, code)) };
  if (av.M !== undefined) return { M: binaries(av.M, code) };
  return av;
}
const binaries = (wire: Wire, code: (b: never) => unknown): Wire =>
  Object.fromEntries(Object.entries(wire).map(([k, v]) => [k, binary(v, code)]));
const toBase64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

const toWire = (doc: Doc | undefined): Wire =>
  binaries(marshall(doc ?? {}, { removeUndefinedValues: true }), toBase64);
const fromWire = (wire: Wire): Doc => unmarshall(binaries(wire, fromBase64));
const maybe = <T, R>(value: T | undefined, f: (v: T) => R): R | undefined =>
  value === undefined ? undefined : f(value);

/** The fields of a request that hold items, keys or expression values: marshalled, the rest sent as is. */
function expressionInput<T extends { ExpressionAttributeValues?: Doc }>(input: T) {
  return { ...input, ExpressionAttributeValues: maybe(input.ExpressionAttributeValues, toWire) };
}

/** One operation: its API name, how its input goes on the wire and how its answer comes back. */
export abstract class Command<Input, Output> {
  abstract readonly operation: string;
  constructor(readonly input: Input) {}
  abstract request(): unknown;
  abstract response(body: Doc): Output;
}

export class GetCommand extends Command<GetCommandInput, GetCommandOutput> {
  readonly operation = 'GetItem';
  request() {
    return { ...this.input, Key: toWire(this.input.Key) };
  }
  response(body: Doc) {
    return { ...body, Item: maybe(body.Item as Wire | undefined, fromWire) } as GetCommandOutput;
  }
}

const withAttributes = <T>(body: Doc) =>
  ({ ...body, Attributes: maybe(body.Attributes as Wire | undefined, fromWire) }) as T;

export class PutCommand extends Command<PutCommandInput, PutCommandOutput> {
  readonly operation = 'PutItem';
  request() {
    return { ...expressionInput(this.input), Item: toWire(this.input.Item) };
  }
  response(body: Doc) {
    return withAttributes<PutCommandOutput>(body);
  }
}

export class UpdateCommand extends Command<UpdateCommandInput, UpdateCommandOutput> {
  readonly operation = 'UpdateItem';
  request() {
    return { ...expressionInput(this.input), Key: toWire(this.input.Key) };
  }
  response(body: Doc) {
    return withAttributes<UpdateCommandOutput>(body);
  }
}

export class DeleteCommand extends Command<DeleteCommandInput, DeleteCommandOutput> {
  readonly operation = 'DeleteItem';
  request() {
    return { ...expressionInput(this.input), Key: toWire(this.input.Key) };
  }
  response(body: Doc) {
    return withAttributes<DeleteCommandOutput>(body);
  }
}

const page = <T>(body: Doc) =>
  ({
    ...body,
    Items: maybe(body.Items as Wire[] | undefined, (items) => items.map(fromWire)),
    LastEvaluatedKey: maybe(body.LastEvaluatedKey as Wire | undefined, fromWire),
  }) as T;

export class QueryCommand extends Command<QueryCommandInput, QueryCommandOutput> {
  readonly operation = 'Query';
  request() {
    return { ...expressionInput(this.input), ExclusiveStartKey: maybe(this.input.ExclusiveStartKey, toWire) };
  }
  response(body: Doc) {
    return page<QueryCommandOutput>(body);
  }
}

export class ScanCommand extends Command<ScanCommandInput, ScanCommandOutput> {
  readonly operation = 'Scan';
  request() {
    return { ...expressionInput(this.input), ExclusiveStartKey: maybe(this.input.ExclusiveStartKey, toWire) };
  }
  response(body: Doc) {
    return page<ScanCommandOutput>(body);
  }
}

type KeysAndAttributes = { Keys?: Doc[] } & Doc;
const keysOnWire = (tables: Record<string, KeysAndAttributes>, f: (d: never) => unknown) =>
  Object.fromEntries(
    Object.entries(tables).map(([table, k]) => [
      table,
      { ...k, Keys: k.Keys?.map(f as (d: Doc) => unknown) },
    ]),
  );

export class BatchGetCommand extends Command<BatchGetCommandInput, BatchGetCommandOutput> {
  readonly operation = 'BatchGetItem';
  request() {
    return { ...this.input, RequestItems: keysOnWire(this.input.RequestItems as never, toWire) };
  }
  response(body: Doc) {
    const responses = (body.Responses ?? {}) as Record<string, Wire[]>;
    return {
      ...body,
      Responses: Object.fromEntries(Object.entries(responses).map(([t, items]) => [t, items.map(fromWire)])),
      UnprocessedKeys: maybe(body.UnprocessedKeys as Record<string, KeysAndAttributes> | undefined, (u) =>
        keysOnWire(u, fromWire),
      ),
    } as BatchGetCommandOutput;
  }
}

type WriteRequest = { PutRequest?: { Item: Doc }; DeleteRequest?: { Key: Doc } };
const writesOnWire = (tables: Record<string, WriteRequest[]>, f: (d: never) => Doc) =>
  Object.fromEntries(
    Object.entries(tables).map(([table, writes]) => [
      table,
      writes.map((w) => ({
        ...(w.PutRequest && { PutRequest: { Item: (f as (d: Doc) => Doc)(w.PutRequest.Item) } }),
        ...(w.DeleteRequest && { DeleteRequest: { Key: (f as (d: Doc) => Doc)(w.DeleteRequest.Key) } }),
      })),
    ]),
  );

export class BatchWriteCommand extends Command<BatchWriteCommandInput, BatchWriteCommandOutput> {
  readonly operation = 'BatchWriteItem';
  request() {
    return { ...this.input, RequestItems: writesOnWire(this.input.RequestItems as never, toWire) };
  }
  response(body: Doc) {
    return {
      ...body,
      UnprocessedItems: maybe(body.UnprocessedItems as Record<string, WriteRequest[]> | undefined, (u) =>
        writesOnWire(u as never, fromWire as never),
      ),
    } as BatchWriteCommandOutput;
  }
}

export class TransactWriteCommand extends Command<TransactWriteCommandInput, TransactWriteCommandOutput> {
  readonly operation = 'TransactWriteItems';
  request() {
    return {
      ...this.input,
      TransactItems: this.input.TransactItems?.map((t) => {
        const { ConditionCheck, Put, Update, Delete } = t;
        if (Put) return { Put: { ...expressionInput(Put), Item: toWire(Put.Item) } };
        if (Update) return { Update: { ...expressionInput(Update), Key: toWire(Update.Key) } };
        if (Delete) return { Delete: { ...expressionInput(Delete), Key: toWire(Delete.Key) } };
        if (ConditionCheck)
          return { ConditionCheck: { ...expressionInput(ConditionCheck), Key: toWire(ConditionCheck.Key) } };
        return t;
      }),
    };
  }
  response(body: Doc) {
    return body as TransactWriteCommandOutput;
  }
}

/** A refusal from DynamoDB, named as the SDK names it (`err.name`, `err.$metadata.httpStatusCode`). */
export class DynamoDBServiceException extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(name: string, message: string, status: number, fields: Doc = {}) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
    Object.assign(this, fields);
  }
}

export class ConditionalCheckFailedException extends DynamoDBServiceException {
  /** The item as it was, with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`. */
  declare readonly Item?: Doc;
}

export interface CancellationReason {
  Code?: string;
  Message?: string;
  Item?: Doc;
}
export class TransactionCanceledException extends DynamoDBServiceException {
  /** One per transaction item, in order: `None`, `ConditionalCheckFailed`, `TransactionConflict`, ... */
  declare readonly CancellationReasons?: CancellationReason[];
}

/** What DynamoDB answered with a 4xx or 5xx, as the error the SDK would throw. */
export function serviceError(status: number, body: Doc): DynamoDBServiceException {
  const name = String(body.__type ?? 'UnknownError')
    .split('#')
    .pop() as string;
  const message = String(body.message ?? body.Message ?? name);
  const { __type: _, message: __, Message: ___, ...rest } = body;
  if (name === 'ConditionalCheckFailedException')
    return new ConditionalCheckFailedException(name, message, status, {
      Item: maybe(rest.Item as Wire | undefined, fromWire),
    });
  if (name === 'TransactionCanceledException')
    return new TransactionCanceledException(name, message, status, {
      CancellationReasons: (
        rest.CancellationReasons as (CancellationReason & { Item?: Wire })[] | undefined
      )?.map((r) => ({ ...r, Item: maybe(r.Item, fromWire) })),
    });
  return new DynamoDBServiceException(name, message, status, rest);
}

/** Errors worth another attempt (the SDK's throttling and transient classes). */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const retryable = (err: unknown) =>
  err instanceof DynamoDBServiceException
    ? err.$metadata.httpStatusCode >= 500 || THROTTLING.has(err.name)
    : err instanceof TypeError; // fetch's network failure (connection reset, DNS, ...)

/** A command as observers see it: its operation, input, output (none if it failed) and time taken. */
export interface Sent {
  operation: string;
  input: unknown;
  output?: Doc;
  ms: number;
}

export interface DocumentClientConfig {
  region: string;
  /** An emulator's URL; DynamoDB's regional endpoint when absent. */
  endpoint?: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts in all, the first included (the SDK's default: 3). */
  maxAttempts?: number;
}

/** The document client: `send` one command, get its output (or its DynamoDB error thrown). */
export class DocumentClient {
  private readonly aws: AwsClient;
  private readonly url: string;
  private readonly maxAttempts: number;
  /** Told of every command sent, failed ones too (benchmarks count requests and items with it). */
  readonly observers: ((sent: Sent) => void)[] = [];

  constructor(config: DocumentClientConfig) {
    this.aws = new AwsClient({
      ...config.credentials,
      service: 'dynamodb',
      region: config.region,
      retries: 0,
    });
    this.url = config.endpoint ?? `https://dynamodb.${config.region}.amazonaws.com/`;
    this.maxAttempts = config.maxAttempts ?? 3;
  }

  async send<I, O>(command: Command<I, O>): Promise<O> {
    if (!this.observers.length) return this.attempts(command);
    const started = performance.now();
    let output: O | undefined;
    try {
      output = await this.attempts(command);
      return output;
    } finally {
      const sent = {
        operation: command.operation,
        input: command.input,
        output,
        ms: performance.now() - started,
      };
      for (const observe of this.observers) observe(sent as Sent);
    }
  }

  private async attempts<I, O>(command: Command<I, O>): Promise<O> {
    const body = JSON.stringify(command.request());
    for (let attempt = 1; ; attempt++) {
      try {
        return command.response(await this.call(command.operation, body));
      } catch (err) {
        if (attempt >= this.maxAttempts || !retryable(err)) throw err;
        // Full jitter over 100 ms × 2^(attempt−1), as the SDK's standard retry strategy.
        await new Promise((ok) => setTimeout(ok, Math.random() * 100 * 2 ** (attempt - 1)));
      }
    }
  }

  private async call(operation: string, body: string): Promise<Doc> {
    const res = await this.aws.fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      body,
    });
    const text = await res.text();
    if (res.ok) return (text ? JSON.parse(text) : {}) as Doc;
    let parsed: Doc;
    try {
      parsed = JSON.parse(text) as Doc;
    } catch {
      parsed = { __type: `Http${res.status}`, message: text.slice(0, 200) }; // a proxy's page, not DynamoDB's
    }
    throw serviceError(res.status, parsed);
  }
}
