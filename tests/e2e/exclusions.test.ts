import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { attachFeedbackSurvey, putActivity, submitFeedback } from '../support/fixtures.js';

// Clean data (issue 13): an administrator excludes a test response on a phone; it disappears from
// the survey's results and comes back on undo. Six respondents, so the figures are shown (figures on
// 1-4 people are withheld).

const web = inject('webUrl');
const [admin] = DEMO_USERS;
const wait = { timeout: 20_000 };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('excluding a response', () => {
  it('takes it out of the results and puts it back on undo', async () => {
    const activityId = await putActivity({
      title: `Workshop on return counselling ${randomUUID().slice(0, 6)}`,
    });
    const { accessToken } = await signIn(admin.email, admin.password);
    const survey = await attachFeedbackSurvey(web, accessToken, activityId);
    // Five real answers (satisfaction 4) and, last, the trainer's test (satisfaction 1).
    for (let i = 0; i < 6; i++) {
      const res = await submitFeedback(
        web,
        survey.code,
        { satisfaction: i < 5 ? 4 : 1 },
        new Date(Date.now() + i).toISOString(),
      );
      expect(res.status).toBe(201);
      await new Promise((r) => setTimeout(r, 5));
    }

    const context = await browser.newContext({ ...phone });
    const results = `/activities/${activityId}/surveys/${survey.id}/results`;
    const page = await signInPage(context, web, admin, results);
    const satisfaction = page
      .locator('li.question')
      .filter({ hasText: /satisf/i })
      .first();
    await expect.poll(() => page.locator('.summary-line').textContent(), wait).toMatch(/n = 6/);
    await expect.poll(() => satisfaction.textContent(), wait).toMatch(/Mean 3\.5/);

    await page.getByRole('link', { name: /exclude a test or duplicate/ }).click();
    await expect
      .poll(() => page.getByTestId('response-counts').textContent(), wait)
      .toMatch(/6 received · 6 counted · 0 excluded/);
    // The newest response is the test: first in the list.
    await page.locator('ul.responses li').first().getByRole('checkbox').check();
    await page.getByRole('button', { name: /Exclude 1 response/ }).click();
    await expect.poll(() => page.getByText('Say why, in a few words.').count(), wait).toBe(1);
    await page.getByLabel('Reason for excluding').fill('Trainer testing the link before the session');
    await page.getByRole('button', { name: /Exclude 1 response/ }).click();
    await expect
      .poll(() => page.getByTestId('response-counts').textContent(), wait)
      .toMatch(/6 received · 5 counted · 1 excluded/);
    const flagged = page.locator('ul.responses li.excluded');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.textContent()).toContain('Trainer testing the link before the session');
    expect(await flagged.textContent()).toContain(admin.email);
    await shot(page, 'exclusions-phone-list');

    await page.getByRole('link', { name: '← Results' }).click();
    await expect.poll(() => page.locator('.summary-line').textContent(), wait).toMatch(/n = 5/);
    await expect.poll(() => satisfaction.textContent(), wait).toMatch(/Mean 4(?!\.)/);
    await shot(page, 'exclusions-phone-results-excluded');

    // Undo: it counts again.
    await page.getByRole('link', { name: /exclude a test or duplicate/ }).click();
    await page.getByLabel('Show').selectOption('excluded');
    await page.locator('ul.responses li.excluded').getByRole('checkbox').check();
    await page.getByRole('button', { name: /Undo exclusion/ }).click();
    await expect
      .poll(() => page.getByTestId('response-counts').textContent(), wait)
      .toMatch(/6 counted · 0 excluded/);
    await page.getByRole('link', { name: '← Results' }).click();
    await expect.poll(() => page.locator('.summary-line').textContent(), wait).toMatch(/n = 6/);
    await expect.poll(() => satisfaction.textContent(), wait).toMatch(/Mean 3\.5/);
    await shot(page, 'exclusions-phone-results-restored');
    await context.close();
  }, 120_000);
});
