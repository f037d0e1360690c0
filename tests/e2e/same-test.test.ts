import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

// One knowledge test, two moments (issue 13): the administrator attaches the pre-test, gives the
// same test after the event with one button, edits the questions once on the post-test's page,
// and participants see the same items before and after, with the options in their own order.

const web = inject('webUrl');
const [admin] = DEMO_USERS;
const wait = { timeout: 20_000 };
const DAY = 86_400_000;
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The questions a participant sees, in order: each knowledge item's text and its option labels. */
async function itemsSeen(p: Page, code: string): Promise<{ question: string; options: string[] }[]> {
  await p.goto(`${web}/s/${code}`);
  await p.getByRole('button', { name: 'Start', exact: true }).click();
  const seen: { question: string; options: string[] }[] = [];
  for (;;) {
    const group = p.locator('form fieldset').first();
    const legend = (await group.locator('legend').first().textContent())?.trim() ?? '';
    if (/gender|country/i.test(legend)) break;
    const options = await group
      .getByRole('radio')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).labels?.[0]?.textContent?.trim() ?? ''));
    seen.push({ question: legend, options });
    await group.locator('label').first().click();
    await p.getByRole('button', { name: 'Next', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await p.locator('form fieldset').first().locator('legend').first().textContent())?.trim(),
        wait,
      )
      .not.toBe(legend);
  }
  return seen;
}

describe('one knowledge test given before and after', () => {
  it('is attached twice from one definition, edited once, and shuffled per participant', async () => {
    const start = Date.now() + 3 * DAY;
    const activityId = await putActivity({
      title: 'Training on document fraud',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + DAY).toISOString(),
    });
    const context = await browser.newContext({ ...phone });
    const page = await signInPage(context, web, admin, `/activities/${activityId}/surveys`);
    await page.getByRole('radio', { name: /Knowledge test: start of the training/ }).check();
    await page.getByLabel('Kind').selectOption('pre_test');
    await page.getByRole('button', { name: 'Attach survey' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('Attached');
    await page.getByRole('button', { name: 'Give the same test after the event' }).click();
    await expect.poll(() => page.getByText('its questions are edited together').count(), wait).toBe(2);
    await shot(page, 'same-test-attached-phone');

    // A survey attached by mistake is detached from its page (nobody answered it).
    await page.getByRole('radio', { name: /Three months later/ }).check();
    await page.getByRole('button', { name: 'Attach survey' }).click();
    await page
      .getByRole('link', { name: /Three months later/ })
      .first()
      .click();
    await page.waitForURL(/\/surveys\/[0-9a-z]+$/, wait);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Detach this survey' }).click();
    await page.waitForURL(/\/surveys$/, wait);
    await expect
      .poll(() => page.getByRole('link', { name: 'Link, QR code and details' }).count(), wait)
      .toBe(2);

    // Edit once, on the post-test's page: the last knowledge item is removed.
    await page.getByRole('link', { name: 'Knowledge test: end of the training' }).first().click();
    await page.waitForURL(/\/surveys\/[0-9a-z]+$/, wait);
    const postCode = (await page.getByLabel('Link for participants').inputValue()).split('/').pop()!;
    await expect
      .poll(() => page.getByText('questions and translations saved here change both').count(), wait)
      .toBe(1);
    await page.getByRole('button', { name: 'Edit questions' }).click();
    await page.getByRole('button', { name: 'Remove question 5' }).click();
    await page.getByRole('button', { name: 'Save questions' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), wait)
      .toContain('Questions saved');
    // The post-test's page links to the other moment of the same test: the pre-test.
    const postUrl = page.url();
    await page.getByRole('link', { name: 'the other survey' }).click();
    await page.waitForURL((u) => /\/surveys\/[0-9a-z]+$/.test(u.pathname) && u.href !== postUrl, wait);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent(), wait)
      .toContain('start of the training');
    const preCode = (await page.getByLabel('Link for participants').inputValue()).split('/').pop()!;
    await context.close();

    // Two participants, each before and after, on their own phones.
    const orders: string[][] = [];
    for (const name of ['first', 'second']) {
      const participant = await browser.newContext({ ...phone, locale: 'en-GB' });
      const p = await participant.newPage();
      const before = await itemsSeen(p, preCode);
      const after = await itemsSeen(p, postCode);
      if (name === 'first') await shot(p, 'same-test-post-item-phone');
      expect(before.map((i) => i.question)).toEqual(after.map((i) => i.question));
      expect(before).toHaveLength(4);
      for (const [i, item] of before.entries())
        expect([...item.options].sort()).toEqual([...after[i]!.options].sort());
      orders.push(...before.map((i) => i.options), ...after.map((i) => i.options));
      await participant.close();
    }
    // Options are shuffled per respondent: across 16 items seen, not every list is in one order.
    const byQuestion = new Map<string, Set<string>>();
    orders.forEach((o, i) => {
      const key = [...o].sort().join('|');
      byQuestion.set(key, (byQuestion.get(key) ?? new Set()).add(o.join('|')));
      void i;
    });
    expect([...byQuestion.values()].some((set) => set.size > 1)).toBe(true);
  });
});
