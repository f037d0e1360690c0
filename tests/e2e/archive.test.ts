import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { attachFeedbackSurvey, putActivity, submitFeedback } from '../support/fixtures.js';

// Archive several activities from the list (issue 13, bulk action), find them again, and delete one
// nobody answered from its page after seeing what depends on it. Archive an answered survey from its
// page: its link closes, it leaves the survey list, and it comes back.

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

describe('archiving and deleting activities', () => {
  it('archives two from the list, shows them on request, and deletes an unanswered one', async () => {
    const word = `Zeta${randomUUID().slice(0, 6)}`;
    const ids = [
      await putActivity({ title: `${word} workshop on visas` }),
      await putActivity({ title: `${word} meeting on returns` }),
    ];
    const context = await browser.newContext({ ...phone });
    const page = await signInPage(context, web, admin, `/activities?q=${word}`);
    const cards = page.locator('ul.list li.card');
    await expect.poll(() => cards.count(), wait).toBe(2);
    for (const box of await page.getByRole('checkbox', { name: /Select/ }).all()) await box.check();
    await page.getByRole('button', { name: 'Archive selected' }).click();
    await expect
      .poll(() => page.locator('.bulk [role=status]').textContent(), wait)
      .toMatch(/Archived: 2 activities/);
    await expect.poll(() => cards.count(), wait).toBe(0);

    await page.getByLabel('Archived').selectOption('include');
    await expect.poll(() => cards.count(), wait).toBe(2);
    expect(await cards.first().textContent()).toContain('Archived');
    await shot(page, 'archive-phone-list');

    await page.goto(`${web}/activities/${ids[0]}`);
    await expect.poll(() => page.getByTestId('archived-note').count(), wait).toBe(1);
    await page.getByRole('button', { name: 'Bring back from the archive' }).click();
    await page.getByRole('button', { name: /See what depends on it/ }).click();
    await expect.poll(() => page.getByText(/0 surveys, 0 responses/).count(), wait).toBe(1);
    await shot(page, 'archive-phone-delete');
    await page.getByRole('button', { name: 'Delete this activity' }).click();
    await page.waitForURL(`${web}/activities`, wait);
    const res = await page.request.get(`${web}/api/activities/${ids[0]}`);
    expect([401, 404]).toContain(res.status());
    await context.close();
  }, 120_000);
});

describe('archiving a survey with responses', () => {
  it('closes its link, leaves it out of the survey list until asked for, and brings it back', async () => {
    const word = `Eta${randomUUID().slice(0, 6)}`;
    const activityId = await putActivity({ title: `${word} training on data protection` });
    const { accessToken } = await signIn(admin.email, admin.password);
    const survey = await attachFeedbackSurvey(web, accessToken, activityId);
    expect((await submitFeedback(web, survey.code)).status).toBe(201);

    const context = await browser.newContext({ ...phone });
    const page = await signInPage(context, web, admin, `/activities/${activityId}/surveys/${survey.id}`);
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Archive this survey' }).click();
    await expect.poll(() => page.getByText(/^Archived on /).count(), wait).toBe(1);
    await expect.poll(() => page.locator('.meta .status.archived').count(), wait).toBe(1);
    await page.getByRole('heading', { name: 'Detach or archive' }).scrollIntoViewIfNeeded();
    await shot(page, 'archive-phone-survey');

    // The public API keeps a survey for up to 5 s (PUBLIC_SURVEY_TTL_MS) in another process.
    const publicStatus = async () =>
      ((await (await fetch(`${web}/api/public/surveys/${survey.code}`)).json()) as { status: string }).status;
    await expect.poll(publicStatus, wait).toBe('closed');

    await page.goto(`${web}/surveys?q=${word}`);
    const cards = page.locator('ul.list li.card');
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toMatch(/^0 surveys/);
    await page.getByLabel('Archived').selectOption('only');
    await expect.poll(() => cards.count(), wait).toBe(1);
    expect(await cards.first().textContent()).toContain('Archived');

    await page.goto(`${web}/activities/${activityId}/surveys/${survey.id}`);
    await page.getByRole('button', { name: 'Bring back from the archive' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Archive this survey' }).count(), wait).toBe(1);
    await expect.poll(publicStatus, wait).toBe('open');
    await context.close();
  }, 120_000);
});
