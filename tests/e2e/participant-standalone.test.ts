import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { freePort } from '../../functions/src/local/stack.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

// The standalone participant build (what CloudFront serves at /s/<code>), served the way
// CloudFront does: /s/<code> -> /s/index.html, its assets as files, /api to the API.

const root = resolve(import.meta.dirname, '../..');
const out = resolve(root, 'web/build/s');
const web = inject('webUrl');
let server: Server;
let base = '';
let browser: Browser;
let survey: { id: string; code: string };
let token = '';

const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.participant.config.ts'],
    {
      cwd: resolve(root, 'web'),
      stdio: 'ignore',
    },
  );
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', base);
    if (url.pathname.startsWith('/api/')) {
      // Through the dev server's proxy to the API, body and all.
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const upstream = await fetch(`${web}${url.pathname}${url.search}`, {
        method: req.method,
        headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
        body: req.method === 'GET' ? undefined : Buffer.concat(chunks),
      });
      res.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'application/json',
      });
      res.end(Buffer.from(await upstream.arrayBuffer()));
      return;
    }
    const file = url.pathname.startsWith('/s/assets/')
      ? resolve(out, url.pathname.slice(3))
      : resolve(out, 'index.html');
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  browser = await launch();
  token = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  const activityId = await putActivity({ title: 'Expert meeting on labour migration' });
  const res = await fetch(`${web}/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', sendInvitationsAt: null }),
  });
  survey = (await res.json()) as { id: string; code: string };
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('the standalone participant page (production build)', () => {
  it('loads without the SvelteKit app and records an answer once', async () => {
    const context = await browser.newContext({ ...phone, locale: 'en-GB' });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.goto(`${base}/s/${survey.code}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Your feedback on the event');
    expect(scripts.every((s) => s.startsWith('/s/assets/'))).toBe(true);
    expect(scripts.some((s) => s.startsWith('/_app/'))).toBe(false);
    await shot(page, 'participant-standalone-welcome');

    const next = (name: string) => page.getByRole('button', { name, exact: true }).click();
    await next('Start');
    await page.getByRole('radio', { name: 'Very satisfied', exact: true }).check();
    await next('Next');
    await page.getByRole('radio', { name: 'Agree', exact: true }).check();
    await next('Next');
    for (let i = 0; i < 3; i++) await next('Next');
    await page.getByRole('radio', { name: 'Strongly agree', exact: true }).check();
    await next('Next');
    await page
      .getByRole('group', { name: 'Before the event', exact: true })
      .getByRole('radio')
      .nth(1)
      .check();
    await page.getByRole('group', { name: 'Now', exact: true }).getByRole('radio').nth(3).check();
    for (let i = 0; i < 7; i++) await next('Next');
    await next('Send my answers');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('Thank you!');
    await shot(page, 'participant-standalone-sent');
    const results = await fetch(`${web}/api/surveys/${survey.id}/results`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await results.json()) as { summary: { total: number } }).summary.total).toBe(1);
    await context.close();
  });
});
