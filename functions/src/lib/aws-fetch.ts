/**
 * AWS service calls over `fetch`, signed with SigV4 by aws4fetch: what the functions need of
 * DynamoDB (lib/dynamodb.ts), Cognito (lib/cognito.ts) and SES (lib/mail.ts) without the AWS SDK
 * clients, which were most of each Lambda bundle and of its cold start (`npm run bench`).
 *
 * Two wire protocols: AWS JSON (POST /, `X-Amz-Target: <prefix>.<Operation>`: DynamoDB, Cognito)
 * and REST JSON (a path per operation: SES v2). Errors are thrown as `AwsServiceException`, named as
 * the SDK names them (`err.name`, `err.$metadata.httpStatusCode`, the answer's other fields on the
 * error). Retries follow the SDK's standard mode: three attempts in all, full-jitter exponential
 * backoff, on throttling, 5xx answers and network failures; other errors are thrown at once.
 * Credentials come from the environment (the Lambda runtime sets the role's; the local stack the
 * emulators').
 */
import { AwsClient } from 'aws4fetch';
import { env } from './env.js';

type Doc = Record<string, unknown>;

/** A refusal from an AWS service, as the SDK would throw it. */
export class AwsServiceException extends Error {
  readonly $metadata: { httpStatusCode: number };
  constructor(name: string, message: string, status: number, fields: Doc = {}) {
    super(message);
    this.name = name;
    this.$metadata = { httpStatusCode: status };
    Object.assign(this, fields);
  }
}

/** What turns a refusal's name, status and other fields into the error thrown (typed subclasses). */
export type ErrorFactory = (
  name: string,
  message: string,
  status: number,
  fields: Doc,
) => AwsServiceException;
const plainError: ErrorFactory = (name, message, status, fields) =>
  new AwsServiceException(name, message, status, fields);

/** Errors worth another attempt (the SDK's throttling class; 5xx and network failures too). */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const retryable = (err: unknown) =>
  err instanceof AwsServiceException
    ? err.$metadata.httpStatusCode >= 500 || THROTTLING.has(err.name)
    : err instanceof TypeError; // fetch's network failure (connection reset, DNS, ...)

export interface ServiceConfig {
  /** The signing name: `dynamodb`, `cognito-idp`, `ses`. */
  service: string;
  region: string;
  /** An emulator's URL, or the service's regional endpoint. */
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Attempts in all, the first included (the SDK's default: 3). */
  maxAttempts?: number;
  errors?: ErrorFactory;
}

/** The credentials of this process (env: lib/env.ts). */
export function credentials() {
  const e = env();
  return {
    accessKeyId: e.AWS_ACCESS_KEY_ID,
    secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
    sessionToken: e.AWS_SESSION_TOKEN,
  };
}

/** One AWS service, called over signed `fetch`. */
export class AwsService {
  private readonly aws: AwsClient;
  private readonly endpoint: string;
  private readonly maxAttempts: number;
  private readonly errors: ErrorFactory;

  constructor(config: ServiceConfig) {
    this.aws = new AwsClient({
      ...config.credentials,
      service: config.service,
      region: config.region,
      retries: 0,
    });
    this.endpoint = config.endpoint.replace(/\/$/, '');
    this.maxAttempts = config.maxAttempts ?? 3;
    this.errors = config.errors ?? plainError;
  }

  /** An AWS JSON operation: POST / with its target header (`DynamoDB_20120810.GetItem`). */
  json(target: string, version: '1.0' | '1.1', body: string): Promise<Doc> {
    return this.attempts('/', {
      method: 'POST',
      headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
      body,
    });
  }

  /** A REST JSON operation: a method and path, a JSON body. */
  rest(method: string, path: string, body?: object): Promise<Doc> {
    return this.attempts(path, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  private async attempts(path: string, init: RequestInit): Promise<Doc> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call(path, init);
      } catch (err) {
        if (attempt >= this.maxAttempts || !retryable(err)) throw err;
        // Full jitter over 100 ms × 2^(attempt−1), as the SDK's standard retry strategy.
        await new Promise((ok) => setTimeout(ok, Math.random() * 100 * 2 ** (attempt - 1)));
      }
    }
  }

  private async call(path: string, init: RequestInit): Promise<Doc> {
    const res = await this.aws.fetch(`${this.endpoint}${path}`, init);
    const text = await res.text();
    if (res.ok) return (text ? JSON.parse(text) : {}) as Doc;
    let body: Doc;
    try {
      body = JSON.parse(text) as Doc;
    } catch {
      body = { message: text.slice(0, 200) }; // a proxy's page, not the service's
    }
    // AWS JSON names the error in `__type` (`com.amazonaws.dynamodb.v20120810#...` or bare); REST JSON
    // in the `x-amzn-errortype` header (`NotFoundException:http://...`).
    const type = String(body.__type ?? res.headers.get('x-amzn-errortype') ?? `Http${res.status}`);
    const name = (type.split('#').pop() as string).split(':')[0] as string;
    const { __type: _, message, Message, ...fields } = body;
    throw this.errors(name, String(message ?? Message ?? name), res.status, fields);
  }
}
