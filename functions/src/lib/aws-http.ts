/**
 * AWS service calls over node:http(s), signed with SigV4 by aws4: what the functions need of
 * DynamoDB (lib/dynamodb.ts), Cognito, SES and SQS (lib/aws.ts) without the AWS SDK clients, which
 * were most of each Lambda bundle and of its cold start (`npm run bench`). node:http as the SDK
 * uses it (keep-alive agents), not `fetch`: a process's first `fetch` loads Node's second HTTP
 * client (undici), which a cold start would pay for.
 *
 * Two wire protocols: AWS JSON (POST /, `X-Amz-Target: <prefix>.<Operation>`: DynamoDB, Cognito, SQS)
 * and REST JSON (a path per operation: SES v2). Errors are thrown as `AwsServiceException`, named as
 * the SDK names them (`err.name`, `err.$metadata.httpStatusCode`, the answer's other fields on the
 * error). Retries follow the SDK's standard mode: three attempts in all, full-jitter exponential
 * backoff, on throttling, 5xx answers and network failures; other errors are thrown at once.
 * Credentials come from the environment (the Lambda runtime sets the role's; the local stack the
 * emulators').
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import aws4 from 'aws4';
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
/** A request that got no answer: connection refused or reset, DNS, a socket closed while idle. */
class NetworkError extends Error {
  override readonly name = 'NetworkError';
}
const retryable = (err: unknown) =>
  err instanceof AwsServiceException
    ? err.$metadata.httpStatusCode >= 500 || THROTTLING.has(err.name)
    : err instanceof NetworkError;

/** Connections kept open between calls and invocations, as the SDK's handler keeps them. */
const agents = {
  'http:': new HttpAgent({ keepAlive: true, maxSockets: 50 }),
  'https:': new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
};

interface Answer {
  status: number;
  header(name: string): string | undefined;
  text: string;
}
type Headers = Record<string, string | number | string[]>;

/** One request over the keep-alive agents and its whole answer; no answer at all is a NetworkError. */
function exchange(
  to: { protocol: string; hostname: string; port: string; path: string },
  method: string,
  headers: Headers,
  body: string,
  signal?: AbortSignal,
): Promise<Answer> {
  const request = to.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Answer>((ok, fail) => {
    const req = request(
      { ...to, method, headers, signal, agent: agents[to.protocol as 'http:'] },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (err) => fail(new NetworkError(err.message, { cause: err })));
        res.on('end', () =>
          ok({
            status: res.statusCode ?? 0,
            header: (name) => [res.headers[name] ?? []].flat()[0],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', (err) => fail(new NetworkError(err.message, { cause: err })));
    req.end(body);
  });
}

/**
 * A plain GET over the same agents (Cognito's JSON Web Key Set, lib/auth.ts): no signature, one
 * attempt, no redirect followed, abandoned when `signal` aborts.
 */
export function get(url: string, headers: Record<string, string>, signal?: AbortSignal): Promise<Answer> {
  const { protocol, hostname, port, pathname, search } = new URL(url);
  return exchange({ protocol, hostname, port, path: pathname + search }, 'GET', headers, '', signal);
}

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

/** One AWS service, called over signed HTTP requests. */
export class AwsService {
  private readonly endpoint: URL;
  private readonly maxAttempts: number;
  private readonly errors: ErrorFactory;

  constructor(private readonly config: ServiceConfig) {
    this.endpoint = new URL(config.endpoint);
    this.maxAttempts = config.maxAttempts ?? 3;
    this.errors = config.errors ?? plainError;
  }

  /** An AWS JSON operation: POST / with its target header (`DynamoDB_20120810.GetItem`). */
  json(target: string, version: '1.0' | '1.1', body: string): Promise<Doc> {
    return this.attempts(
      'POST',
      '/',
      { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
      body,
    );
  }

  /** A REST JSON operation: a method and path, a JSON body. */
  rest(method: string, path: string, body?: object): Promise<Doc> {
    return this.attempts(
      method,
      path,
      { 'content-type': 'application/json' },
      body === undefined ? '' : JSON.stringify(body),
    );
  }

  private async attempts(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Doc> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.call(method, path, headers, body);
      } catch (err) {
        if (attempt >= this.maxAttempts || !retryable(err)) throw err;
        // Full jitter over 100 ms × 2^(attempt−1), as the SDK's standard retry strategy.
        await new Promise((ok) => setTimeout(ok, Math.random() * 100 * 2 ** (attempt - 1)));
      }
    }
  }

  private async call(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: string,
  ): Promise<Doc> {
    const res = await this.send(method, path, headers, body);
    const text = res.text;
    if (res.status >= 200 && res.status < 300) return (text ? JSON.parse(text) : {}) as Doc;
    let parsed: Doc;
    try {
      parsed = JSON.parse(text) as Doc;
    } catch {
      parsed = { message: text.slice(0, 200) }; // a proxy's page, not the service's
    }
    // AWS JSON names the error in `__type` (`com.amazonaws.dynamodb.v20120810#...` or bare); REST JSON
    // in the `x-amzn-errortype` header (`NotFoundException:http://...`).
    const type = String(parsed.__type ?? res.header('x-amzn-errortype') ?? `Http${res.status}`);
    const name = (type.split('#').pop() as string).split(':')[0] as string;
    const { __type: _, message, Message, ...fields } = parsed;
    throw this.errors(name, String(message ?? Message ?? name), res.status, fields);
  }

  /** One signed request and its whole answer; no answer at all is a NetworkError. */
  private send(method: string, path: string, headers: Record<string, string>, body: string): Promise<Answer> {
    const { protocol, hostname, port, host, pathname } = this.endpoint;
    const fullPath = pathname.replace(/\/$/, '') + path;
    // A fresh headers object per attempt: aws4 adds the date and signature to the one it is given.
    const signed = aws4.sign(
      {
        host,
        path: fullPath,
        method,
        headers: { ...headers },
        body,
        service: this.config.service,
        region: this.config.region,
      },
      this.config.credentials,
    );
    return exchange({ protocol, hostname, port, path: fullPath }, method, signed.headers as Headers, body);
  }
}
