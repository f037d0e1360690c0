import type { TestProject } from 'vitest/node';
import { startTestStack } from './emulators.js';

declare module 'vitest' {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
  }
}

/** Starts the emulators once for the integration tests and stops them afterwards. */
export default async function setup(project: TestProject) {
  const stack = await startTestStack();
  project.provide('stackEnv', stack.env);
  return () => stack.stop();
}
