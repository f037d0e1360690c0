import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

const web = inject('webUrl');
const [admin, evaluator] = DEMO_USERS;
let browser: Browser;
let survey: { id: string; code: string };
let evaluatorToken = '';

/** Calls the real API over HTTP, through the web app's origin as the browser does. */
async function api(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${web}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  browser = await launch();
  const adminToken = (await signIn(admin.email, admin.password)).accessToken;
  evaluatorToken = (await signIn(evaluator.email, evaluator.password)).accessToken;
  // No activity routes yet: the activity goes straight into the table, the survey through the API.
  const activityId = await putActivity({ title: 'Regional training on document fraud' });
  const attached = await api(adminToken, `/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event' }),
  });
  expect(attached.status).toBe(201);
  survey = attached.body as unknown as { id: string; code: string };
});
afterAll(async () => {
  await browser?.close();
});

const next = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();
const progress = (page: Page) => page.locator('#progress-label').textContent();

describe('the participant page on a phone', () => {
  it('shows the survey in English first, one question per screen with progress', async () => {
    const context = await browser.newContext({ ...phone, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${web}/s/${survey.code}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Your feedback on the event');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'en',
      'ltr',
    ]);
    await shot(page, 'participant-welcome-en');
    await next(page, 'Start');
    await expect.poll(() => progress(page)).toBe('Question 1 of 14');
    await shot(page, 'participant-question-en');
    // A required question cannot be skipped.
    await next(page, 'Next');
    await expect
      .poll(() => page.getByRole('alert').first().textContent())
      .toBe('Please answer this question.');
    await shot(page, 'participant-required-en');
    await context.close();
  });

  it('is answered in Arabic, survives a reload, keeps the answers offline and sends them once', async () => {
    const context = await browser.newContext({ ...phone, locale: 'en-GB' });
    const page = await context.newPage();
    const posted: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/api/public/surveys/${survey.code}/responses`))
        posted.push(JSON.parse(r.postData() ?? '{}').responseId);
    });
    await page.goto(`${web}/s/${survey.code}`);
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('رأيك في الفعالية');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    expect(await page.locator('html[dir=rtl][lang=ar]').count()).toBe(1);
    await shot(page, 'participant-welcome-ar');

    await next(page, 'ابدأ');
    await page.getByRole('radio', { name: 'راضٍ جداً', exact: true }).check();
    await shot(page, 'participant-question-ar');
    await next(page, 'التالي');
    await page.getByRole('radio', { name: 'أوافق', exact: true }).check();
    await next(page, 'التالي');
    for (let i = 0; i < 3; i++) await next(page, 'التالي'); // three optional questions
    await page.getByRole('radio', { name: 'أوافق بشدة', exact: true }).check();
    const before = await progress(page);

    // Reload mid-way: same question, same answer.
    await page.reload();
    await expect.poll(() => progress(page)).toBe(before);
    expect(await page.getByRole('radio', { name: 'أوافق بشدة', exact: true }).isChecked()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shot(page, 'participant-restored-ar');

    await next(page, 'التالي');
    await page.getByRole('group', { name: 'قبل الفعالية' }).getByRole('radio').nth(1).check();
    await page.getByRole('group', { name: 'الآن' }).getByRole('radio').nth(3).check();
    await shot(page, 'participant-self-rating-ar');
    await next(page, 'التالي');
    await page.getByRole('radio').nth(9).check();
    await shot(page, 'participant-rating-ar');
    await next(page, 'التالي');
    await page.getByRole('textbox').fill('تبادل الخبرات مع زملاء من شرطة الحدود.');
    await next(page, 'التالي');
    await next(page, 'التالي'); // suggestions: optional
    await page.getByRole('radio', { name: 'أنثى', exact: true }).check();
    await next(page, 'التالي');
    await page.getByRole('searchbox').fill('أفغان');
    await page.getByRole('radio', { name: 'أفغانستان' }).check();
    await shot(page, 'participant-country-ar');
    await next(page, 'التالي');
    await next(page, 'التالي'); // organisation type: optional
    expect(await progress(page)).toMatch(/^السؤال (14|١٤) من (14|١٤)$/); // digits as Intl gives them

    // The connection drops as the participant sends.
    await context.setOffline(true);
    await next(page, 'إرسال إجاباتي');
    // Kept on the device, and said so as a status (not an error), under "saved on this device".
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'إجاباتك محفوظة وسيتم إرسالها' }).textContent())
      .toContain('أنت غير متصل بالإنترنت — إجاباتك محفوظة وسيتم إرسالها عند عودة الاتصال.');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('محفوظة على هذا الجهاز');
    await shot(page, 'participant-offline-ar');
    const kept = await page.evaluate(() =>
      localStorage.getItem(`rlt.participant.pending.${location.pathname.slice(3)}`),
    );
    const pendingBody = JSON.parse(kept ?? '{}').body as {
      responseId: string;
      answers: Record<string, unknown>;
    };
    expect(pendingBody.answers).toMatchObject({
      satisfaction: 5,
      relevance: 4,
      intent_to_apply: 5,
      self_rated_knowledge: { before: 2, after: 4 },
      recommend: 9,
      gender: 'female',
      country: 'AF',
    });

    // Back online: sent by itself, once, with the same response id every time.
    await context.setOffline(false);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 20_000 })
      .toBe('شكراً لك!');
    expect(await page.getByText('تم تسجيل إجاباتك').count()).toBe(1);
    await shot(page, 'participant-sent-ar');
    expect(new Set(posted)).toEqual(new Set([pendingBody.responseId]));
    const results = await api(evaluatorToken, `/surveys/${survey.id}/results`);
    expect((results.body.summary as { total: number }).total).toBe(1);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.includes('draft') || k.includes('pending')),
      ),
    ).toEqual([]);
    await context.close();
  });

  it('shows an unknown code as not found, in the participant’s language', async () => {
    const context = await browser.newContext({ ...phone, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${web}/s/zzzzzzzzzzzz`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Опрос не найден');
    await shot(page, 'participant-not-found-ru');
    await page.getByRole('button', { name: 'العربية' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('الاستبيان غير موجود');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shot(page, 'participant-not-found-ar');
    await context.close();
  });
});
