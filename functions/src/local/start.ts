// `npm start`: the whole platform on this machine. DynamoDB Local (data under .local/),
// cognito-local, aws-ses-v2-local, the API on Node and the web app on Vite, with demo data.
// Ctrl-C stops every child, the Java process included.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { apiEnv, DEMO_USERS, ensureTable, ensureUser, ensureUserPool } from './bootstrap.js';
import {
  assertJava,
  portInUse,
  type Running,
  startCognito,
  startDynamoDb,
  startSes,
  stopChild,
  waitForPort,
} from './stack.js';

const root = resolve(import.meta.dirname, '../../..');
const local = resolve(root, '.local');

const ports = {
  dynamodb: Number(process.env.PORT_DYNAMODB ?? 8000),
  cognito: Number(process.env.PORT_COGNITO ?? 9229),
  ses: Number(process.env.PORT_SES ?? 8005),
  api: Number(process.env.PORT_API ?? 8787),
  web: Number(process.env.PORT_WEB ?? 5173),
};
const names: Record<keyof typeof ports, string> = {
  dynamodb: 'DynamoDB Local',
  cognito: 'cognito-local',
  ses: 'aws-ses-v2-local',
  api: 'API',
  web: 'web app',
};

const running: Running[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await Promise.allSettled(running.reverse().map((r) => r.stop()));
  }
  process.exit(code);
}

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const started = Date.now();
  await assertJava();
  for (const [key, port] of Object.entries(ports) as [keyof typeof ports, number][]) {
    if (await portInUse(port)) {
      throw new Error(
        `Port ${port} (${names[key]}) is already in use: is another \`npm start\` running? ` +
          `Stop it, or choose another port with PORT_${key.toUpperCase()}=...`,
      );
    }
  }

  const [dynamo, cognito, ses] = await Promise.all([
    startDynamoDb({ port: ports.dynamodb, dbPath: resolve(local, 'dynamodb') }),
    startCognito({ port: ports.cognito, dataDir: resolve(local, 'cognito') }),
    startSes({ port: ports.ses }),
  ]);
  running.push(dynamo, cognito, ses);
  cognito.forwardCodesTo(ses.url);

  const tableName = 'data';
  await ensureTable(dynamo.url, tableName);
  const pool = await ensureUserPool(cognito.url, 'results-learning-local');
  for (const user of DEMO_USERS) await ensureUser(cognito.url, pool.userPoolId, user);

  const webUrl = `http://localhost:${ports.web}`;
  Object.assign(
    process.env,
    apiEnv({
      tableName,
      dynamodbEndpoint: dynamo.url,
      cognitoEndpoint: cognito.url,
      sesEndpoint: ses.url,
      pool,
      publicBaseUrl: webUrl,
    }),
  );
  process.env.LOG_LEVEL ??= 'warn';

  // The roll-up consumer on the table's stream, as the Lambda event source runs it in AWS.
  const { startLocalRollups } = await import('./stream-poller.js');
  const rollups = await startLocalRollups({ endpoint: dynamo.url, tableName });
  running.push({ name: 'roll-ups', url: '', stop: () => rollups.stop() });

  // Imported only now: the API reads its environment once, when first used.
  // The staff API and the export API behind one address, as CloudFront routes them in AWS.
  const { localFetch } = await import('./mount.js');
  const { runScheduledSending } = await import('../invitations/send.js');
  const { seedDemoActivities } = await import('../activities/demo.js');
  const { seedDefaultFramework } = await import('../framework/seed.js');
  await seedDefaultFramework();
  // Tables written before invitation tokens were hashed: keep only the hashes.
  await (await import('../invitations/store.js')).hashStoredTokens();
  await seedDemoActivities();
  const { seedDemoSurveys } = await import('../surveys/demo.js');
  const demoSurveys = await seedDemoSurveys();
  const { seedDemoIndicators } = await import('../indicators/demo.js');
  await seedDemoIndicators();
  const { dropLegacyAggregatesOnce, buildMissingRollups } = await import('../results/rebuild.js');
  await dropLegacyAggregatesOnce();
  // A database from before roll-ups: once the consumer has folded what the stream holds, the
  // roll-ups are rebuilt from the raw responses (nothing else writes yet).
  try {
    await rollups.settled(120_000);
    await buildMissingRollups();
  } catch (err) {
    console.warn(
      `  Roll-ups not checked at start (${(err as Error).message}); views may lag until the consumer catches up.`,
    );
  }
  const api = serve({ fetch: localFetch, port: ports.api, hostname: '127.0.0.1' });
  running.push({
    name: 'API',
    url: `http://127.0.0.1:${ports.api}`,
    stop: () => new Promise<void>((r) => api.close(() => r())),
  });

  // Vite runs in its own process from web/, where SvelteKit looks for its config.
  const vite = spawn(
    process.execPath,
    [
      resolve(root, 'node_modules/vite/bin/vite.js'),
      'dev',
      '--port',
      String(ports.web),
      '--strictPort',
      '--host',
      'localhost',
    ],
    {
      cwd: resolve(root, 'web'),
      env: { ...process.env, API_URL: `http://127.0.0.1:${ports.api}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  running.push({ name: 'web', url: webUrl, stop: () => stopChild(vite) });
  await waitForPort('Vite', ports.web, vite);
  vite.stdout?.resume();

  // The scheduled job, as EventBridge runs it in AWS (there every 5 minutes, here every minute).
  const timer = setInterval(() => {
    runScheduledSending(new Date()).catch((err: Error) =>
      console.error(`scheduled sending failed: ${err.message}`),
    );
  }, 60_000);
  running.push({ name: 'schedule', url: '', stop: async () => clearInterval(timer) });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  Results and learning tool is running (started in ${seconds} s). Ctrl-C stops everything.

    Web app        ${webUrl}
    API            ${webUrl}/api   (direct: http://127.0.0.1:${ports.api}/api)
    API reference  ${webUrl}/api-docs
    E-mail inbox   ${ses.url}   (every e-mail the platform sends, e.g. invitations)
    DynamoDB Local ${dynamo.url}   (data kept in .local/dynamodb)
    cognito-local  ${cognito.url}

  Try a survey as a participant (no sign-in needed):
${demoSurveys
  .filter((s) => s.open)
  .map((s) => `    ${webUrl}/s/${s.code}   ${s.title}`)
  .join('\n')}

  Demo logins (local only):
${DEMO_USERS.map((u) => `    ${u.role.padEnd(10)} ${u.email.padEnd(24)} ${u.password}`).join('\n')}
`);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

main().catch(async (err: Error) => {
  console.error(`\n  Could not start: ${err.message}\n`);
  await stopAll(1);
});
