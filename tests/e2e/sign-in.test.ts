import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { launch, phone, shot } from '../support/browser.js';
import { NO_ROLE_USER } from '../support/emulators.js';

const web = inject('webUrl');
const env = inject('stackEnv');
const [admin, evaluator] = DEMO_USERS;
const wait = { timeout: 20_000 };

/** The newest password reset code in the local inbox for `email` ('' when none yet). */
async function latestCode(email: string): Promise<string> {
  const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as {
    emails: { destination: { to: string[] }; body: { text: string } }[];
  };
  const mail = store.emails.filter((m) => m.destination.to.includes(email)).at(-1);
  return /code to choose a new password: (\S+)/.exec(mail?.body.text ?? '')?.[1] ?? '';
}
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('sign-in on a phone', () => {
  it('sends an anonymous visitor to sign in, then an admin reaches the home page and signs out', async () => {
    const context = await browser.newContext({ ...phone });
    const page = await context.newPage();
    await page.goto(`${web}/admin/users`);
    await page.waitForURL(/\/signin\?next=/);
    await shot(page, 'sign-in-phone');

    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not right');

    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Back where the visitor wanted to go, with the user list from the API.
    await page.waitForURL(/\/admin\/users$/);
    await expect.poll(() => page.getByRole('cell', { name: evaluator.email }).count()).toBe(1);
    await page.goto(`${web}/`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Welcome, administrator');
    // On a phone the menu is folded behind one button: the header takes a small part of the screen.
    const header = await page.locator('header.top').boundingBox();
    expect(header?.height ?? 1000).toBeLessThan((page.viewportSize()?.height ?? 0) * 0.15);
    await shot(page, 'home-admin-phone');
    await page.goto(`${web}/admin/audit`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit trail');
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toMatch(/changes shown|No change/);
    await shot(page, 'audit-admin-phone');

    await page.getByRole('button', { name: 'Menu' }).click();
    expect(await page.getByRole('link', { name: 'Audit' }).getAttribute('aria-current')).toBe('page');
    await shot(page, 'menu-open-admin-phone');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/signin\?signedout=1/);
    expect(await page.getByRole('status').textContent()).toContain('signed out');
    await context.close();
  });

  it('shows an evaluator a friendly page instead of the admin-only users page', async () => {
    const context = await browser.newContext({ ...phone });
    const page = await context.newPage();
    await page.goto(`${web}/signin?next=/admin/users`);
    await page.getByLabel('E-mail').fill(evaluator.email);
    await page.getByLabel('Password').fill(evaluator.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin\/users$/);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe("You don't have access to this page");
    await shot(page, 'forbidden-evaluator-phone');
    await context.close();
  });

  it('sends a user whose session can no longer be refreshed back to sign in, saying why', async () => {
    const context = await browser.newContext({ ...phone });
    const page = await context.newPage();
    await page.goto(`${web}/signin`);
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${web}/`);
    // Spoil both tokens, as if they had expired and the refresh token had been revoked.
    await page.evaluate(() => {
      const s = JSON.parse(localStorage.getItem('session') ?? '{}');
      localStorage.setItem(
        'session',
        JSON.stringify({ ...s, accessToken: 'x.y.z', expiresAt: 0, refreshToken: 'revoked' }),
      );
    });
    await page.goto(`${web}/admin/users`);
    await page.waitForURL(/\/signin\?expired=1/);
    expect(await page.getByRole('status').textContent()).toContain('expired');
    await context.close();
  });

  it('resets a forgotten password with the code e-mailed to the local inbox, then signs in', async () => {
    const context = await browser.newContext({ ...phone });
    const page = await context.newPage();
    await page.goto(`${web}/signin`);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await page.getByLabel('E-mail').fill(NO_ROLE_USER.email);
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), wait)
      .toContain('a code is on its way');
    // cognito-local's e-mail reaches the local SES inbox, as Cognito's own e-mail would in AWS.
    await expect.poll(() => latestCode(NO_ROLE_USER.email), wait).not.toBe('');
    const code = await latestCode(NO_ROLE_USER.email);
    await page.getByLabel('Code from the e-mail').fill('000000');
    await page.getByLabel('New password').fill('Fresh-norole-2026');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), wait)
      .toContain('not right or has expired');
    await page.getByLabel('Code from the e-mail').fill(code);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForURL(`${web}/`, wait);
    await shot(page, 'password-reset-signed-in-phone');
    await context.close();
  });
});
