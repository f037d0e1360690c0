import type * as C from '@aws-sdk/client-cognito-identity-provider';
import { AwsService, credentials } from './aws-http.js';
import { DocumentClient, QueryCommand, type QueryCommandInput } from './dynamodb.js';
import { env } from './env.js';

// One client of each kind per process (Lambda reuses them across invocations), each over signed
// HTTP requests (lib/aws-http.ts) rather than the AWS SDK's clients: smaller bundles, faster cold starts.
let ddbClient: DocumentClient | undefined;
let cognitoService: AwsService | undefined;
let sesService: AwsService | undefined;
const sqsServices = new Map<string, AwsService>();

/** The DynamoDB document client (plain JS values in and out; `undefined` fields dropped): lib/dynamodb.ts. */
export function ddb(): DocumentClient {
  const e = env();
  ddbClient ??= new DocumentClient({
    region: e.AWS_REGION,
    endpoint: e.DYNAMODB_ENDPOINT,
    credentials: credentials(),
  });
  return ddbClient;
}

/** The Cognito user pool operations the functions call, with the SDK's input and output types. */
interface CognitoOperations {
  AdminGetUser: [C.AdminGetUserCommandInput, C.AdminGetUserCommandOutput];
  AdminListGroupsForUser: [C.AdminListGroupsForUserCommandInput, C.AdminListGroupsForUserCommandOutput];
  ListUsers: [C.ListUsersCommandInput, C.ListUsersCommandOutput];
  AdminCreateUser: [C.AdminCreateUserCommandInput, C.AdminCreateUserCommandOutput];
  AdminAddUserToGroup: [C.AdminAddUserToGroupCommandInput, C.AdminAddUserToGroupCommandOutput];
  AdminRemoveUserFromGroup: [C.AdminRemoveUserFromGroupCommandInput, C.AdminRemoveUserFromGroupCommandOutput];
}
/** Fields Cognito sends as epoch seconds, which the SDK turns into dates. */
const COGNITO_DATES = new Set(['UserCreateDate', 'UserLastModifiedDate', 'CreationDate', 'LastModifiedDate']);
function withDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDates);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      COGNITO_DATES.has(k) && typeof v === 'number' ? new Date(v * 1000) : withDates(v),
    ]),
  );
}

/**
 * One Cognito user pool operation (AWS JSON 1.1), its answer as the SDK gives it (dates as Date);
 * refusals are thrown named as the SDK names them (`UserNotFoundException`, ...).
 */
export async function cognito<K extends keyof CognitoOperations>(
  operation: K,
  input: CognitoOperations[K][0],
): Promise<Omit<CognitoOperations[K][1], '$metadata'>> {
  const e = env();
  cognitoService ??= new AwsService({
    service: 'cognito-idp',
    region: e.AWS_REGION,
    endpoint: e.COGNITO_ENDPOINT ?? `https://cognito-idp.${e.AWS_REGION}.amazonaws.com`,
    credentials: credentials(),
  });
  const out = await cognitoService.json(
    `AWSCognitoIdentityProviderService.${operation}`,
    '1.1',
    JSON.stringify(input),
  );
  return withDates(out) as CognitoOperations[K][1];
}

/** SES v2 (REST JSON): `POST /v2/email/outbound-emails` and the like. */
export function ses(): AwsService {
  const e = env();
  sesService ??= new AwsService({
    service: 'ses',
    region: e.AWS_REGION,
    endpoint: e.SES_ENDPOINT ?? `https://email.${e.AWS_REGION}.amazonaws.com`,
    credentials: credentials(),
  });
  return sesService;
}

/**
 * One SQS operation in its AWS JSON 1.0 protocol (what the SDK's SQS client has sent since 2023),
 * `SendMessage` or `ChangeMessageVisibility`, sent to the queue URL's host as the SDK does.
 */
export function sqs(
  operation: 'SendMessage' | 'ChangeMessageVisibility',
  input: { QueueUrl: string } & Record<string, unknown>,
) {
  const endpoint = new URL(input.QueueUrl).origin;
  let service = sqsServices.get(endpoint);
  if (!service) {
    service = new AwsService({
      service: 'sqs',
      region: env().AWS_REGION,
      endpoint,
      credentials: credentials(),
    });
    sqsServices.set(endpoint, service);
  }
  return service.json(`AmazonSQS.${operation}`, '1.0', JSON.stringify(input));
}

export function tableName(): string {
  return env().TABLE_NAME;
}

/** Every item a query matches, following pagination (the table name is filled in). */
export async function queryAll<T = Record<string, unknown>>(
  input: Omit<QueryCommandInput, 'TableName'>,
): Promise<T[]> {
  const items: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb().send(
      new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }),
    );
    items.push(...((page.Items ?? []) as T[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
