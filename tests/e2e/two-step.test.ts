import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureUser } from '../../functions/src/local/bootstrap.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';
import { otherCode, totp } from '../support/totp.js';

// Two-step sign-in: an administrator adds an authenticator app on a phone (QR code and key), and from
// then on signing in asks for its code; a wrong code is refused with a clear message.

const web = inject('webUrl');
const wait = { timeout: 20_000 };
let browser: Browser;
const user = { email: `two-step-${Date.now()}@example.org`, password: 'Two-step-2026!' };

beforeAll(async () => {
  browser = await launch();
  await ensureUser(process.env.COGNITO_ENDPOINT as string, process.env.COGNITO_USER_POOL_ID as string, {
    ...user,
    role: 'admin',
  });
});
afterAll(async () => {
  await browser?.close();
});

describe('two-step sign-in', () => {
  it('adds an authenticator app, then asks for its code at sign-in', async () => {
    const first = await browser.newContext({ ...phone });
    const page = await signInPage(first, web, user, '/account');
    await expect.poll(() => page.getByTestId('two-step-state').textContent(), wait).toMatch(/^Off/);
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const key = page.getByTestId('authenticator-key');
    await expect.poll(() => key.count(), wait).toBe(1);
    expect(
      await page
        .getByRole('img', { name: /QR code/ })
        .locator('svg')
        .count(),
    ).toBe(1);
    const secret = ((await key.textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await shot(page, 'two-step-phone-add');

    await page.getByLabel('Code from the app').fill(otherCode(totp(secret)));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), wait).toMatch(/not right/);
    await page.getByLabel('Code from the app').fill(totp(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId('two-step-state').textContent(), wait).toMatch(/^On/);
    await first.close();

    // A new sign-in: the password, then the app's code.
    const second = await browser.newContext({ ...phone });
    const again = await second.newPage();
    await again.goto(`${web}/signin?next=${encodeURIComponent('/account')}`);
    await again.getByLabel('E-mail').fill(user.email);
    await again.getByLabel('Password').fill(user.password);
    await again.getByRole('button', { name: 'Sign in' }).click();
    const code = again.getByLabel('Code from the authenticator app');
    await expect.poll(() => code.count(), wait).toBe(1);
    await shot(again, 'two-step-phone-code');
    await code.fill(otherCode(totp(secret)));
    await again.getByRole('button', { name: 'Verify and sign in' }).click();
    await expect.poll(() => again.getByRole('alert').textContent(), wait).toMatch(/not right/);
    await code.fill(totp(secret));
    await again.getByRole('button', { name: 'Verify and sign in' }).click();
    await again.waitForURL(`${web}/account`, wait);
    await expect.poll(() => again.getByTestId('two-step-state').textContent(), wait).toMatch(/^On/);
    await second.close();
  }, 120_000);
});
