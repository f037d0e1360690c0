import { inject } from 'vitest';

// Runs in each test worker before the test files: the API reads its environment from process.env.
Object.assign(process.env, inject('stackEnv'));
