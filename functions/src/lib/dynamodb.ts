/**
 * DynamoDB as the functions use it: the nine operations of the document client (plain JS values in
 * and out, `undefined` fields dropped) over signed HTTP (lib/aws-http.ts: DynamoDB's JSON 1.0
 * API, the SDK's retries), marshalled by the SDK's own @aws-sdk/util-dynamodb (the functions
 * @aws-sdk/lib-dynamodb calls). The SDK client is about 330 KB of a Lambda bundle and much of its
 * cold start; this is about 13 KB (`npm run bench`). The command and error classes keep the SDK's
 * names and shapes, so call sites read as with @aws-sdk/lib-dynamodb: `ddb().send(new
 * GetCommand({...}))`, `err instanceof TransactionCanceledException`, `err.CancellationReasons`.
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
import { AwsService, AwsServiceException, type ErrorFactory, type ServiceConfig } from './aws-http.js';

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

export class ConditionalCheckFailedException extends AwsServiceException {
  /** The item as it was, with `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`. */
  declare readonly Item?: Doc;
}

export interface CancellationReason {
  Code?: string;
  Message?: string;
  Item?: Doc;
}
export class TransactionCanceledException extends AwsServiceException {
  /** One per transaction item, in order: `None`, `ConditionalCheckFailed`, `TransactionConflict`, ... */
  declare readonly CancellationReasons?: CancellationReason[];
}

/** DynamoDB's refusals as the SDK throws them: the two the functions handle as typed classes, items unmarshalled. */
const errors: ErrorFactory = (name, message, status, fields) => {
  if (name === 'ConditionalCheckFailedException')
    return new ConditionalCheckFailedException(name, message, status, {
      Item: maybe(fields.Item as Wire | undefined, fromWire),
    });
  if (name === 'TransactionCanceledException')
    return new TransactionCanceledException(name, message, status, {
      CancellationReasons: (
        fields.CancellationReasons as (CancellationReason & { Item?: Wire })[] | undefined
      )?.map((r) => ({ ...r, Item: maybe(r.Item, fromWire) })),
    });
  return new AwsServiceException(name, message, status, fields);
};

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
  credentials: ServiceConfig['credentials'];
  /** Attempts in all, the first included (the SDK's default: 3). */
  maxAttempts?: number;
}

/** The document client: `send` one command, get its output (or its DynamoDB error thrown). */
export class DocumentClient {
  private readonly dynamodb: AwsService;
  /** Told of every command sent, failed ones too (benchmarks count requests and items with it). */
  readonly observers: ((sent: Sent) => void)[] = [];

  constructor(config: DocumentClientConfig) {
    this.dynamodb = new AwsService({
      ...config,
      service: 'dynamodb',
      endpoint: config.endpoint ?? `https://dynamodb.${config.region}.amazonaws.com`,
      errors,
    });
  }

  async send<I, O>(command: Command<I, O>): Promise<O> {
    if (!this.observers.length) return this.call(command);
    const started = performance.now();
    let output: O | undefined;
    try {
      output = await this.call(command);
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

  private async call<I, O>(command: Command<I, O>): Promise<O> {
    const body = JSON.stringify(command.request());
    return command.response(await this.dynamodb.json(`DynamoDB_20120810.${command.operation}`, '1.0', body));
  }
}
