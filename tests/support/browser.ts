import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  devices,
  type Page,
} from 'playwright-core';

/** Where screenshots are kept as test artifacts. */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-results/screenshots');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this sandbox needs (no network of its own). */
export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const phone = devices['Pixel 5'];
export const desktop = { viewport: { width: 1280, height: 800 } };

/** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = resolve(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface Login {
  email: string;
  password: string;
}

/** Signs in through the web app's sign-in page and waits to land on `next`. */
export async function signInPage(
  context: BrowserContext,
  web: string,
  user: Login,
  next: string,
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${web}/signin?next=${encodeURIComponent(next)}`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${web}${next}`);
  return page;
}

/** A new browser context on `device` (a phone unless told), signed in as `user` on `next`. */
export async function signInAs(
  browser: Browser,
  web: string,
  user: Login,
  next: string,
  device: BrowserContextOptions = phone,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...device });
  return { context, page: await signInPage(context, web, user, next) };
}
