import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';
import { type StaticSite, serveStaticSite } from '../support/static-site.js';

// The standalone participant build (what CloudFront serves at /s/<code>), served the way S3 and
// CloudFront do (tests/support/static-site.ts: the distribution's own rewrite function, files from
// web/build, /api to the API), so what a participant's browser fetches is what it fetches in AWS.

const root = resolve(import.meta.dirname, '../..');
const web = inject('webUrl');
let site: StaticSite;
let browser: Browser;
let token = '';

async function newSurvey(title: string) {
  const activityId = await putActivity({ title });
  const res = await fetch(`${web}/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', sendInvitationsAt: null }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; code: string };
}

async function countedResponses(surveyId: string) {
  const results = await fetch(`${web}/api/surveys/${surveyId}/results`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await results.json()) as { summary: { total: number } }).summary.total;
}

/** A fresh phone context with the browser's HTTP cache off, as a first-time participant. */
async function freshPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...phone, locale: 'en-GB' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page };
}

const next = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const progress = (page: Page) => page.locator('#progress-label').textContent();
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

/** From question 3 (after satisfaction and relevance) to the last one, as the participant answers. */
async function answerTheRest(page: Page) {
  for (let i = 0; i < 3; i++) await next(page, 'Next');
  await page.getByRole('radio', { name: 'Strongly agree', exact: true }).check();
  await next(page, 'Next');
  await page.getByRole('group', { name: 'Before the event', exact: true }).getByRole('radio').nth(1).check();
  await page.getByRole('group', { name: 'Now', exact: true }).getByRole('radio').nth(3).check();
  for (let i = 0; i < 7; i++) await next(page, 'Next');
  expect(await progress(page)).toBe('Question 14 of 14');
}

/** Paths a participant may fetch: the participant build, the public API and the site icon. */
const participantPath = (path: string) =>
  path.startsWith('/s/') || path.startsWith('/api/public/') || path === '/favicon.svg';

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.participant.config.ts'],
    { cwd: resolve(root, 'web'), stdio: 'ignore' },
  );
  site = await serveStaticSite(resolve(root, 'web/build'), web);
  browser = await launch();
  token = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the standalone participant page (production build, served like CloudFront)', () => {
  it('loads without the SvelteKit app, fetches nothing of the staff app, and records an answer once', async () => {
    const survey = await newSurvey('Expert meeting on labour migration');
    const { context, page } = await freshPage();
    const from = site.log.length;
    await page.goto(`${site.url}/s/${survey.code}`);
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Your feedback on the event');
    // The participant worker is installed and in control: its precache fetches are done.
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL), { timeout: 15_000 })
      .toBe(`${site.url}/s/sw.js`);
    expect(await page.evaluate(() => caches.keys())).toEqual(
      expect.arrayContaining(['participant-surveys', expect.stringMatching(/^participant-[0-9a-f]{12}$/)]),
    );
    await shot(page, 'participant-standalone-welcome');

    await next(page, 'Start');
    await page.getByRole('radio', { name: 'Very satisfied', exact: true }).check();
    await next(page, 'Next');
    await page.getByRole('radio', { name: 'Agree', exact: true }).check();
    await next(page, 'Next');
    await answerTheRest(page);
    await next(page, 'Send my answers');
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe('Thank you!');
    await shot(page, 'participant-standalone-sent');
    expect(await countedResponses(survey.id)).toBe(1);

    // Everything the visit fetched, the worker's own fetches included, as the server saw it.
    const visit = site.log.slice(from);
    expect(visit.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        `/s/${survey.code}`,
        '/s/sw.js',
        '/s/index.html',
        `/api/public/surveys/${survey.code}`,
      ]),
    );
    expect(visit.filter((r) => !participantPath(r.path))).toEqual([]);
    expect(visit.some((r) => r.path.startsWith('/_app/') || r.path === '/service-worker.js')).toBe(false);
    await context.close();
  });

  it('resumes offline after a reload and sends the answers once the connection is back', {
    retry: 2,
  }, async () => {
    const survey = await newSurvey('Regional workshop on return and reintegration');
    const { context, page } = await freshPage();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/public/surveys/${survey.code}/responses`))
        posted.push(JSON.parse(r.postData() ?? '{}').responseId);
    });
    await page.goto(`${site.url}/s/${survey.code}`);
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('Your feedback on the event');
    await page.evaluate(() => navigator.serviceWorker.ready);
    await expect
      .poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 15_000 })
      .toBe(true);

    await next(page, 'Start');
    await page.getByRole('radio', { name: 'Very satisfied', exact: true }).check();
    await next(page, 'Next');
    await page.getByRole('radio', { name: 'Agree', exact: true }).check();

    // The connection drops: the page says so while the participant answers on.
    const banner = page.getByText(
      'You are offline. You can keep answering: your answers are saved on this device.',
    );
    // Offline as a phone is: the browser says so and the site cannot be reached at all (the
    // browser's emulation alone lets its own service-worker update check through).
    await context.setOffline(true);
    site.offline = true;
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'participant-standalone-offline-indicator');
    // The participant reloads the page: it comes back from the worker's cache (shell, script,
    // styles and this survey), at the same question with the same answer, still saying offline;
    // the site answers nothing meanwhile, so whatever the page shows came from the worker.
    await page.reload();
    await expect.poll(() => progress(page), { timeout: 15_000 }).toBe('Question 2 of 14');
    expect(await page.getByRole('radio', { name: 'Agree', exact: true }).isChecked()).toBe(true);
    await expect.poll(() => banner.isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'participant-standalone-offline-resumed');

    // Answered to the end and sent while still offline: kept on the device, shown as saved (a
    // status, not an error alert), and it stays so across a reload while offline.
    await next(page, 'Next');
    await answerTheRest(page);
    await next(page, 'Send my answers');
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('✓ Saved on this device');
    expect(
      await page.getByRole('status').filter({ hasText: 'will be sent when you are back online' }).count(),
    ).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot(page, 'participant-standalone-offline-queued');
    await page.reload();
    await expect.poll(() => heading(page), { timeout: 15_000 }).toBe('✓ Saved on this device');
    const pending = await page.evaluate(() =>
      localStorage.getItem(`rlt.participant.pending.${location.pathname.slice(3)}`),
    );
    const responseId = (JSON.parse(pending ?? '{}') as { body?: { responseId?: string } }).body?.responseId;
    expect(responseId).toMatch(/^[0-9a-f-]{36}$/);

    site.offline = false;
    await context.setOffline(false);
    await expect.poll(() => heading(page), { timeout: 30_000 }).toBe('Thank you!');
    expect(new Set(posted)).toEqual(new Set([responseId]));
    expect(await countedResponses(survey.id)).toBe(1);
    await context.close();
  });
});
