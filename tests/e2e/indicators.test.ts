import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { desktop, launch, phone, shot, signInAs as signInAsOn } from '../support/browser.js';

const web = inject('webUrl');
const [admin] = DEMO_USERS;
let browser: Browser;

/** Polls long enough for the dev server to compile a page on its first visit. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  await seedDemoIndicators();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signInAs = (user: { email: string; password: string }, next: string, device: BrowserContextOptions) =>
  signInAsOn(browser, web, user, next, device);

describe.each([
  ['phone', phone],
  ['desktop', desktop],
] as const)('indicators on a %s', (name, device) => {
  it('an admin defines an indicator, the SMART check names the missing target, then it is activated', async () => {
    const { context, page } = await signInAs(admin, '/indicators', device);
    // The demo indicators are listed with their SMART badge.
    await poll(() => page.getByRole('link', { name: /PG1-OC-01/ }).count()).toBe(1);
    expect(await page.getByText('missing A').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'New indicator' }).click();
    await page.waitForURL(/\/indicators\/new$/);
    const letter = (l: string) => page.locator(`[data-letter="${l}"]`);
    await poll(() => letter('S').textContent()).toContain('Give the indicator a code');

    const code = `PG7-OC-${name === 'phone' ? 'P' : 'D'}${Date.now().toString(36).toUpperCase()}`;
    await page.locator('#i-code').fill(code);
    await page.locator('#i-unit').selectOption('count');
    await page.locator('#i-name').fill('Officials trained in migration data');
    await page
      .locator('#i-definition')
      .fill('Participants of trainings on migration data, summed over the year.');
    await page.locator('#i-kind').selectOption('sum_participants');
    await page.locator('#i-source').fill('Attendance lists');
    await page.locator('#i-baseline-value').fill('0');
    await page.locator('#i-baseline-date').fill('2019-01-01');
    await page.locator('#i-baseline-source').fill('Start of the action plan');
    await page.locator('#i-goal').selectOption('7');
    await page.locator('#i-result').selectOption('pg7-output-individuals-capacitated');
    await page.locator('#i-frequency').selectOption('annual');

    // Everything but the target: S M A R complete, T names the missing target, Activate disabled.
    for (const l of ['S', 'M', 'A', 'R']) await poll(() => letter(l).textContent()).toContain('complete');
    await poll(() => letter('T').textContent()).toContain('Add at least one target');
    expect(await page.getByText('4/5').count()).toBe(1);
    const activate = page.getByRole('button', { name: 'Activate', exact: true });
    expect(await activate.isDisabled()).toBe(true);
    // The finding's link takes the admin to the field.
    await letter('T').getByRole('link').first().click();
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('i-add-target');
    if (name === 'phone') await shot(page, 'indicator-form-smart-phone');

    await page.getByRole('button', { name: 'Add target' }).click();
    await poll(() => letter('T').textContent()).toContain('Give the date of target 1');
    await page.locator('#i-target-0-period').fill('2024');
    await page.locator('#i-target-0-date').fill('2024-12-31');
    await page.locator('#i-target-0-value').fill('500');
    await poll(() => letter('T').textContent()).toContain('complete');
    expect(await letter('T').textContent()).not.toContain('target');
    expect(await page.getByText('5/5').count()).toBe(1);
    if (name === 'desktop') await shot(page, 'indicator-form-smart-desktop');

    await poll(() => activate.isDisabled()).toBe(false);
    await activate.click();
    await page.waitForURL(/\/indicators\/[0-9a-z]{26}$/);
    await poll(() => page.getByTestId('status').textContent()).toBe('Active');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(code);
    await poll(() => page.getByRole('table').textContent()).toContain('v1 (current)');
    await poll(() => page.getByRole('region', { name: 'History of changes' }).textContent()).toContain(
      'activate',
    );
    await shot(page, `indicator-page-${name}`);
    await context.close();
  });
});
