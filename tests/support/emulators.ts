import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  apiEnv,
  DEMO_USERS,
  ensureTable,
  ensureUser,
  ensureUserPool,
  type LocalStackConfig,
} from '../../functions/src/local/bootstrap.js';
import {
  freePort,
  type Running,
  startCognito,
  startDynamoDb,
  startSes,
} from '../../functions/src/local/stack.js';

/** A user with a valid token but no role: every role route must refuse it with 403. */
export const NO_ROLE_USER = {
  email: 'norole@example.org',
  password: 'Demo-norole-2026',
  role: null,
} as const;

export interface TestStack {
  config: LocalStackConfig;
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** Starts fresh emulators on free ports (DynamoDB in memory) and bootstraps them like `npm start`. */
export async function startTestStack(publicBaseUrl = 'http://localhost:5173'): Promise<TestStack> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const cognitoDir = mkdtempSync(join(tmpdir(), 'cognito-'));
  const running: Running[] = [];
  try {
    const [dynamo, cognito, ses] = await Promise.all([
      freePort().then((port) => startDynamoDb({ port })),
      freePort().then((port) => startCognito({ port, dataDir: cognitoDir })),
      freePort().then((port) => startSes({ port })),
    ]);
    running.push(dynamo, cognito, ses);
    cognito.forwardCodesTo(ses.url);
    const tableName = 'data';
    await ensureTable(dynamo.url, tableName);
    const pool = await ensureUserPool(cognito.url, 'test');
    for (const user of [...DEMO_USERS, NO_ROLE_USER]) await ensureUser(cognito.url, pool.userPoolId, user);
    const config: LocalStackConfig = {
      tableName,
      dynamodbEndpoint: dynamo.url,
      cognitoEndpoint: cognito.url,
      sesEndpoint: ses.url,
      pool,
      publicBaseUrl,
    };
    return {
      config,
      env: { ...apiEnv(config), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' },
      stop: async () => {
        await Promise.all(running.map((r) => r.stop()));
        rmSync(cognitoDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await Promise.all(running.map((r) => r.stop()));
    throw err;
  }
}
