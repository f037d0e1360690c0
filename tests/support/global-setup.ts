import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLocalRollups } from '../../functions/src/local/stream-poller.js';
import { startTestStack } from './emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
  }
}

/**
 * Starts the emulators once for the integration tests, and the roll-up consumer on the table's
 * stream as `npm start` runs it; stops them afterwards. The consumer writes the start time of its
 * latest pass that found nothing new to a file, so a test can wait until every write it made is
 * folded (`rollupsSettled` in tests/support/rollups.ts).
 */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  Object.assign(process.env, stack.env);
  const dir = mkdtempSync(join(tmpdir(), 'rollups-'));
  const idleFile = join(dir, 'idle');
  writeFileSync(idleFile, '0');
  const rollups = await startLocalRollups({
    endpoint: stack.config.dynamodbEndpoint,
    tableName: stack.config.tableName,
    onIdle: (at) => writeFileSync(idleFile, String(at)),
  });
  project.provide('stackEnv', { ...stack.env, ROLLUP_IDLE_FILE: idleFile });
  return async () => {
    await rollups.stop();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
