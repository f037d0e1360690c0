import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DocumentClient, QueryCommand, type QueryCommandInput } from './dynamodb.js';
import { env } from './env.js';

// One client of each kind per process (Lambda reuses them across invocations).
let ddbClient: DocumentClient | undefined;
let cognitoClient: CognitoIdentityProviderClient | undefined;
let sesClient: SESv2Client | undefined;

/** The DynamoDB document client (plain JS values in and out; `undefined` fields dropped): lib/dynamodb.ts. */
export function ddb(): DocumentClient {
  const e = env();
  ddbClient ??= new DocumentClient({
    region: e.AWS_REGION,
    endpoint: e.DYNAMODB_ENDPOINT,
    credentials: {
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
      sessionToken: e.AWS_SESSION_TOKEN,
    },
  });
  return ddbClient;
}

export function cognito(): CognitoIdentityProviderClient {
  const e = env();
  cognitoClient ??= new CognitoIdentityProviderClient({
    region: e.AWS_REGION,
    endpoint: e.COGNITO_ENDPOINT,
  });
  return cognitoClient;
}

export function ses(): SESv2Client {
  const e = env();
  sesClient ??= new SESv2Client({ region: e.AWS_REGION, endpoint: e.SES_ENDPOINT });
  return sesClient;
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
