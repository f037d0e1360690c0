import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleLambda } from '../../infra/lib/bundling.js';
import { AppFunction } from '../../infra/lib/function.js';

// The staff API as deployed (infra/lib/bundling.ts: index.mjs plus chunks), run in a fresh Node
// process: a request that needs no route group, one that loads a group's chunk, and the API
// reference, which loads them all.

const dir = mkdtempSync(join(tmpdir(), 'rlt-bundle-'));
let files: string[] = [];

beforeAll(async () => {
  await bundleLambda(resolve(import.meta.dirname, '../../functions/src/handlers/api.ts'), dir);
  files = readdirSync(dir, { recursive: true }).map(String);
}, 60_000);
const cdkOut = mkdtempSync(join(tmpdir(), 'rlt-cdk-out-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cdkOut, { recursive: true, force: true });
});

/** Status and content type of one GET through the Lambda handler of the bundle, in a new process. */
function invoke(path: string): { status: number; type: string } {
  const script = `
    const { handler } = await import(${JSON.stringify(join(dir, 'index.mjs'))});
    const res = await handler({ version: '2.0', routeKey: '$default', rawPath: ${JSON.stringify(path)},
      rawQueryString: '', headers: { host: 'example.org' }, isBase64Encoded: false,
      requestContext: { http: { method: 'GET', path: ${JSON.stringify(path)}, protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.9' }, requestId: 't', routeKey: '$default', stage: '$default', timeEpoch: 0 } }, {});
    process.stdout.write(JSON.stringify({ status: res.statusCode, type: res.headers['content-type'] }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'silent',
      TABLE_NAME: 'table',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'key',
      AWS_SECRET_ACCESS_KEY: 'secret',
      COGNITO_USER_POOL_ID: 'eu-west-1_abc',
      COGNITO_CLIENT_ID: 'client',
    },
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { status: number; type: string };
}

describe('the staff API bundle, split at its route groups', () => {
  it('is index.mjs and chunk files, each with its source map', () => {
    const code = files.filter((f) => f.endsWith('.mjs'));
    expect(code).toContain('index.mjs');
    expect(code.filter((f) => f.startsWith('chunks')).length).toBeGreaterThan(10);
    for (const f of code) expect(files).toContain(`${f}.map`);
  });

  it('keeps the texts in nine languages as UTF-8, not as \\u escapes three times their size', () => {
    const code = files.filter((f) => f.endsWith('.mjs')).map((f) => readFileSync(join(dir, f), 'utf8'));
    // A built-in template's answer option (shared/src/surveys/templates.ts), as written in the source.
    expect(code.some((c) => c.includes('أوافق بشدة'))).toBe(true);
    expect(code.some((c) => c.includes('\\u0623\\u0648\\u0627\\u0641\\u0642'))).toBe(false);
  });

  it('answers the health check, a route whose group it loads, and the reference that loads all', () => {
    expect(invoke('/api/health')).toEqual({ status: 200, type: 'application/json' });
    expect(invoke('/api/surveys/abcdefghij/results')).toMatchObject({ status: 401 });
    expect(invoke('/api/surveys/abcdefghij/results').type).toContain('application/problem+json');
    expect(invoke('/api/openapi.json')).toEqual({ status: 200, type: 'application/json' });
  });
});

describe('functions synthesised with their bundles', () => {
  it('gives each function its own bundle (bundled for real, not skipped as in the other tests)', () => {
    const app = new App({ outdir: cdkOut });
    const stack = new Stack(app, 'Bundles', { env: { account: '123456789012', region: 'eu-west-1' } });
    const table = dynamodb.TableV2.fromTableName(stack, 'Table', 'rlt-table');
    new AppFunction(stack, 'Public', { entry: 'functions/src/handlers/public.ts', description: 'p', table });
    new AppFunction(stack, 'Api', { entry: 'functions/src/handlers/api.ts', description: 'a', table });
    const functions = Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function')) as {
      Properties: { Code: { S3Key: string } };
    }[];
    const assets = functions.map((f) => f.Properties.Code.S3Key.replace(/\.zip$/, ''));
    expect(new Set(assets).size).toBe(2);
    const chunks = assets.map((hash) => {
      const staged = join(cdkOut, `asset.${hash}`);
      expect(existsSync(join(staged, 'index.mjs'))).toBe(true);
      return existsSync(join(staged, 'chunks')) ? readdirSync(join(staged, 'chunks')).length : 0;
    });
    // The participants' Lambda has no dynamic import; the staff API is split at its route groups.
    expect(chunks.sort((a, b) => a - b)[0]).toBe(0);
    expect(chunks[1]).toBeGreaterThan(10);
  }, 120_000);
});
