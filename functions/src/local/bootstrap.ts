import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { Role } from '../../../shared/src/users/schema.js';
import { table } from '../lib/table.js';

// Idempotent creation of what the CDK stacks create in AWS: the table, the user pool with its
// groups and app client, and the demo users. Safe to run on every `npm start`.

/** Credentials and region used for every emulator, so DynamoDB Local sees one database. */
export const LOCAL_AWS = { region: 'eu-central-1', accessKeyId: 'local', secretAccessKey: 'local' } as const;

const credentials = { accessKeyId: LOCAL_AWS.accessKeyId, secretAccessKey: LOCAL_AWS.secretAccessKey };

/**
 * Creates the table from the same definition the CDK data stack uses, unless it exists; turns on
 * its stream (the roll-up consumer reads it) on a table created before it had one.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_AWS.region, credentials });
  const stream = { StreamEnabled: true, StreamViewType: table.streamViewType };
  try {
    const found = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!found.Table?.StreamSpecification?.StreamEnabled)
      await client.send(new UpdateTableCommand({ TableName: tableName, StreamSpecification: stream }));
    client.destroy();
    return;
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
  }
  const keys = new Set<string>([table.partitionKey, table.sortKey]);
  for (const g of table.globalIndexes) keys.add(g.partitionKey).add(g.sortKey);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: stream,
      AttributeDefinitions: [...keys].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: table.partitionKey, KeyType: 'HASH' },
        { AttributeName: table.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: table.globalIndexes.map((g) => ({
        IndexName: g.indexName,
        KeySchema: [
          { AttributeName: g.partitionKey, KeyType: 'HASH' },
          { AttributeName: g.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: table.timeToLiveAttribute, Enabled: true },
    }),
  );
  client.destroy();
}

export interface PoolIds {
  userPoolId: string;
  clientId: string;
}

/** Finds the pool by name or creates it, with the role groups, optional TOTP and a public app client. */
export async function ensureUserPool(endpoint: string, poolName: string): Promise<PoolIds> {
  const client = new CognitoIdentityProviderClient({ endpoint, region: LOCAL_AWS.region, credentials });
  const pools = await client.send(new ListUserPoolsCommand({ MaxResults: 60 }));
  let userPoolId = pools.UserPools?.find((p) => p.Name === poolName)?.Id;
  if (!userPoolId) {
    const created = await client.send(
      new CreateUserPoolCommand({ PoolName: poolName, UsernameAttributes: ['email'] }),
    );
    userPoolId = created.UserPool?.Id;
    if (!userPoolId) throw new Error('cognito-local returned no pool id');
    for (const role of Role.options) {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: role }));
    }
  }
  // As in AWS (infra/lib/auth.ts): an authenticator app (TOTP) is optional, asked at sign-in once added.
  await client.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: userPoolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const clients = await client.send(
    new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60 }),
  );
  let clientId = clients.UserPoolClients?.find((c) => c.ClientName === 'web')?.ClientId;
  if (!clientId) {
    const created = await client.send(
      new CreateUserPoolClientCommand({
        UserPoolId: userPoolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    clientId = created.UserPoolClient?.ClientId;
    if (!clientId) throw new Error('cognito-local returned no client id');
  }
  client.destroy();
  return { userPoolId, clientId };
}

/** Creates a confirmed user with a permanent password and optional role, unless it exists. */
export async function ensureUser(
  endpoint: string,
  userPoolId: string,
  user: { email: string; password: string; role: Role | null },
): Promise<void> {
  const client = new CognitoIdentityProviderClient({ endpoint, region: LOCAL_AWS.region, credentials });
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: user.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  } catch (err) {
    if ((err as Error).name !== 'UsernameExistsException') throw err;
    client.destroy();
    return;
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: userPoolId,
      Username: user.email,
      Password: user.password,
      Permanent: true,
    }),
  );
  if (user.role) {
    await client.send(
      new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.email, GroupName: user.role }),
    );
  }
  client.destroy();
}

/** Demo logins printed by `npm start`; they exist only on the local stack, never in AWS. */
export const DEMO_USERS = [
  { email: 'admin@example.org', password: 'Demo-admin-2026', role: 'admin' },
  { email: 'evaluator@example.org', password: 'Demo-evaluator-2026', role: 'evaluator' },
] as const satisfies readonly { email: string; password: string; role: Role }[];

export interface LocalStackConfig {
  tableName: string;
  dynamodbEndpoint: string;
  cognitoEndpoint: string;
  sesEndpoint: string;
  pool: PoolIds;
  publicBaseUrl: string;
}

/** The API's environment for a local stack. */
export function apiEnv(cfg: LocalStackConfig): Record<string, string> {
  return {
    AWS_REGION: LOCAL_AWS.region,
    AWS_ACCESS_KEY_ID: LOCAL_AWS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_AWS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    TABLE_NAME: cfg.tableName,
    DYNAMODB_ENDPOINT: cfg.dynamodbEndpoint,
    COGNITO_ENDPOINT: cfg.cognitoEndpoint,
    COGNITO_USER_POOL_ID: cfg.pool.userPoolId,
    COGNITO_CLIENT_ID: cfg.pool.clientId,
    COGNITO_ISSUER: `${cfg.cognitoEndpoint}/${cfg.pool.userPoolId}`,
    SES_ENDPOINT: cfg.sesEndpoint,
    MAIL_FROM: 'no-reply@example.org',
    PUBLIC_BASE_URL: cfg.publicBaseUrl,
  };
}
