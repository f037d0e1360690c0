import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { attachFeedbackSurvey, putActivity } from '../support/fixtures.js';

// Lists that scale (issue 13): the survey list searches and filters like the activity list; the
// indicator list sorts and filters by action point and project.

const web = inject('webUrl');
const [admin, evaluator] = DEMO_USERS;
const wait = { timeout: 20_000 };
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('lists on a phone', () => {
  it('finds a survey by words and narrows it by kind; the indicator list has its sort and filters', async () => {
    const word = `Kappa${randomUUID().slice(0, 6)}`;
    const activityId = await putActivity({
      title: `${word} seminar on labour migration`,
      priorityGoals: [3],
    });
    const { accessToken } = await signIn(admin.email, admin.password);
    await attachFeedbackSurvey(web, accessToken, activityId);

    const context = await browser.newContext({ ...phone });
    const page = await signInPage(context, web, evaluator, `/surveys?q=${word}`);
    const items = page.locator('ul.list li.card');
    await expect.poll(() => items.count(), wait).toBe(1);
    expect(await items.first().textContent()).toContain(word);
    await page.getByLabel('Priority goal').selectOption('3');
    await expect.poll(() => items.count(), wait).toBe(1);
    await shot(page, 'lists-phone-surveys');
    await page.getByLabel('Kind').selectOption('pre_test');
    await expect.poll(() => items.count(), wait).toBe(0);
    await expect.poll(() => new URL(page.url()).searchParams.get('kind'), wait).toBe('pre_test');

    await page.goto(`${web}/indicators`);
    await expect.poll(() => page.getByLabel('Sort').count(), wait).toBe(1);
    await page.getByLabel('Sort').selectOption('name');
    await expect.poll(() => new URL(page.url()).searchParams.get('sort'), wait).toBe('name');
    expect(await page.getByLabel('Action point').count()).toBe(1);
    expect(await page.getByLabel('Project').count()).toBe(1);
    await expect.poll(() => page.locator('p.count').textContent(), wait).toMatch(/\d+ indicators?/);
    await shot(page, 'lists-phone-indicators');
    await context.close();
  }, 90_000);
});
