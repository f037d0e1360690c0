import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import type { TestProject } from 'vitest/node';
import { freePort, stopChild, waitForPort } from '../../functions/src/local/stack.js';
import { startLocalRollups } from '../../functions/src/local/stream-poller.js';
import { startTestStack } from '../support/emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}

const root = resolve(import.meta.dirname, '../..');

/** The whole platform for the browser tests: emulators, the API on Node, the web app on Vite. */
export default async function setup(project: TestProject) {
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const webUrl = `http://localhost:${webPort}`;
  const stack = await startTestStack(webUrl);
  Object.assign(process.env, stack.env);
  // As `npm start` does on a first start: every page reads the saved framework through the API.
  const { seedDefaultFramework } = await import('../../functions/src/framework/seed.js');
  await seedDefaultFramework();
  // The roll-up consumer, as `npm start` runs it: result pages read the roll-ups it keeps.
  const rollups = await startLocalRollups({
    endpoint: stack.config.dynamodbEndpoint,
    tableName: stack.config.tableName,
  });
  const { localFetch } = await import('../../functions/src/local/mount.js');
  const api = serve({ fetch: localFetch, port: apiPort, hostname: '127.0.0.1' });
  const vite = spawn(
    process.execPath,
    [
      resolve(root, 'node_modules/vite/bin/vite.js'),
      'dev',
      '--port',
      String(webPort),
      '--strictPort',
      '--host',
      'localhost',
    ],
    {
      cwd: resolve(root, 'web'),
      env: { ...process.env, API_URL: `http://127.0.0.1:${apiPort}` },
      stdio: 'ignore',
    },
  );
  await waitForPort('Vite', webPort, vite);
  // Warm the dev server once so the first test does not pay for compiling every module.
  await fetch(`${webUrl}/signin`).then((r) => r.text());
  project.provide('stackEnv', stack.env);
  project.provide('webUrl', webUrl);
  return async () => {
    await stopChild(vite);
    await new Promise<void>((r) => api.close(() => r()));
    await rollups.stop();
    await stack.stop();
  };
}
