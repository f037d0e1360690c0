import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

// Archive several activities from the list (issue 13, bulk action), find them again, and delete one
// nobody answered from its page after seeing what depends on it.

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
