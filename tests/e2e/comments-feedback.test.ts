import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot, signInAs } from '../support/browser.js';
import { postEventAnswers, putActivity } from '../support/fixtures.js';
import { type StaticSite, serveStaticSite } from '../support/static-site.js';

// Issue 12, parts 5 and 6 on a phone: an evaluator reads a survey's comments, adds a theme and
// tags an answer; then the survey closes, an administrator shares its summary, and a participant
// opens the link in Arabic from the production participant build (served as CloudFront serves it).

const root = resolve(import.meta.dirname, '../..');
const web = inject('webUrl');
const [admin, evaluator] = DEMO_USERS;
let browser: Browser;
let site: StaticSite;
let token = '';

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${web}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.participant.config.ts'],
    { cwd: resolve(root, 'web'), stdio: 'ignore' },
  );
  site = await serveStaticSite(resolve(root, 'web/build'), web);
  browser = await launch();
  token = (await signIn(admin.email, admin.password)).accessToken;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A post-event survey answered by six people (two in Arabic), in a fresh activity of its own. */
async function answeredSurvey() {
  const title = `Training on visa facilitation ${randomUUID().slice(0, 6)}`;
  const activityId = await putActivity({ title });
  const res = await api(`/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', sendInvitationsAt: null }),
  });
  expect(res.status).toBe(201);
  const survey = (await res.json()) as { id: string; code: string };
  const texts: [string, string][] = [
    ['en', 'The exchange on visa procedures with colleagues from the region'],
    ['ar', 'تبادل الخبرات حول إجراءات التأشيرة مع الزملاء'],
    ['ar', 'كانت الجلسة الثانية مفيدة جداً'],
    ['ru', 'Обмен опытом по визовым процедурам'],
    ['en', 'Practical exercises'],
    ['en', 'More time for questions, please'],
  ];
  for (const [language, text] of texts) {
    const now = new Date().toISOString();
    const r = await fetch(`${web}/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language,
        answers: { ...postEventAnswers, satisfaction: 5, most_useful: text },
        startedAt: now,
        submittedAt: now,
      }),
    });
    expect(r.status).toBe(201);
  }
  return { activityId, survey, title };
}

describe('comments and feedback on a phone', () => {
  it('an evaluator tags an answer with a theme; a participant reads the shared summary in Arabic', async () => {
    const { activityId, survey, title } = await answeredSurvey();
    const path = `/activities/${activityId}/surveys/${survey.id}/comments`;
    const { context, page } = await signInAs(browser, web, evaluator, path, phone);

    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Comments');
    await expect.poll(() => page.locator('ol.comments > li.comment').count()).toBe(6);
    // Right-to-left answers are laid out by their own direction.
    const arabic = page.locator('blockquote', { hasText: 'تبادل الخبرات' });
    expect(await arabic.getAttribute('dir')).toBe('auto');
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');

    await page.getByLabel('New theme').fill('Visa procedures');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await expect.poll(() => page.locator('.theme-list').textContent()).toContain('Visa procedures');
    // Search, then tag the two answers found at once.
    await page.getByLabel('Search').fill('visa');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.locator('ol.comments > li.comment').count()).toBe(1);
    await page.getByLabel('Search').fill('');
    await page.getByLabel('Language answered').selectOption('ar');
    await expect.poll(() => page.locator('ol.comments > li.comment').count()).toBe(2);
    await page.getByLabel('Select all on this page').check();
    await page.locator('#bulk-theme').selectOption({ label: 'Visa procedures' });
    await page.getByRole('button', { name: 'Tag selected' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Tagged 2 answers');
    await expect.poll(() => page.locator('li.comment .chip', { hasText: 'Visa procedures' }).count()).toBe(2);
    await page.getByLabel('Language answered').selectOption('');
    await expect.poll(() => page.locator('ol.comments > li.comment').count()).toBe(6);
    await expect.poll(() => page.locator('table').textContent()).toContain('Visa procedures');
    await shot(page, 'comments-phone-theme');
    // No respondent detail on the page: no pairing code, no time of day.
    const body = (await page.locator('main').textContent()) ?? '';
    expect(body).not.toMatch(/\d{2}:\d{2}/);
    await context.close();

    // The survey closes; the administrator makes a share link.
    const closed = await api(`/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({
        opensAt: new Date(Date.now() - 7_200_000).toISOString(),
        closesAt: new Date(Date.now() - 1_000).toISOString(),
        sendInvitationsAt: null,
        reminderAt: null,
      }),
    });
    expect(closed.status).toBe(204);
    const adminSide = await signInAs(
      browser,
      web,
      admin,
      `/activities/${activityId}/surveys/${survey.id}/feedback`,
      phone,
    );
    await adminSide.page.getByRole('button', { name: 'Make a share link' }).click();
    const link = adminSide.page.getByLabel('New link (shown once)');
    await expect.poll(() => link.inputValue()).toMatch(/\/s\/summary\/[\w-]{22}$/);
    const url = new URL(await link.inputValue());
    await shot(adminSide.page, 'feedback-admin-phone');
    await adminSide.context.close();

    // A participant opens it on a phone set to Arabic, from the production participant build.
    const participant = await browser.newContext({ ...phone, locale: 'ar' });
    const p = await participant.newPage();
    const from = site.log.length;
    await p.goto(`${site.url}${url.pathname}`);
    await expect
      .poll(() => p.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 })
      .toBe('ما قاله المشاركون');
    expect(await p.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    const lines = (await p.getByTestId('summary-lines').textContent()) ?? '';
    expect(lines).toContain('أجاب على الاستبيان');
    expect(lines).toContain('كانوا راضين عن الفعالية');
    expect(await p.locator('main').textContent()).toContain(title);
    await shot(p, 'feedback-summary-phone-ar');
    // The reader may switch language: the text and its direction follow.
    await p.getByRole('button', { name: 'English', exact: true }).click();
    await expect
      .poll(() => p.getByRole('heading', { level: 1 }).textContent())
      .toBe('What participants told us');
    expect(await p.evaluate(() => document.documentElement.dir)).toBe('ltr');
    expect(await p.getByTestId('summary-lines').textContent()).toContain('6 people answered the survey.');
    // Nothing of the staff app was fetched: the participant build and the public API only.
    const fetched = site.log.slice(from).map((r) => r.path);
    expect(
      fetched.filter((x) => !(x.startsWith('/s/') || x.startsWith('/api/public/') || x === '/favicon.svg')),
    ).toEqual([]);
    expect(fetched.some((x) => x.startsWith('/_app/'))).toBe(false);
    await participant.close();
  });
});
