import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { listProjects } from '../../functions/src/framework/store.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { desktop, launch, phone, shot, signInAs as signInAsOn } from '../support/browser.js';

const web = inject('webUrl');
/** Every country a default project names: each is shaded on the map. */
/** The countries of the stored projects (other e2e files add projects to the shared stack). */
async function storedProjectCountries() {
  const projects = await listProjects();
  return {
    countries: new Set(projects.flatMap((p) => p.countries)),
    inPakistan: projects.filter((p) => p.countries.includes('PK')).length,
  };
}
const [admin, evaluator] = DEMO_USERS;
let browser: Browser;

/** Polls long enough for the dev server to compile a page on its first visit. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

beforeAll(async () => {
  // The e2e stack starts empty: the default framework and its projects, as `npm start` seeds them.
  await seedDefaultFramework();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signInAs = (user: { email: string; password: string }, next: string, device: BrowserContextOptions) =>
  signInAsOn(browser, web, user, next, device);

describe('results framework and project map', () => {
  it('an evaluator on a phone reads goal 1 with its action points', async () => {
    const { context, page } = await signInAs(evaluator, '/framework', phone);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Call for Action 2019-2024');
    const goal1 = page.getByRole('region', { name: /Priority goal 1/ });
    await poll(() => goal1.count()).toBe(1);
    const aps = goal1.getByRole('list', { name: 'Action points of PG1' }).getByRole('listitem');
    expect(await aps.count()).toBe(8);
    expect(await aps.first().textContent()).toContain(
      'Thematic meeting on sustainable return and reintegration',
    );
    expect(await page.getByText('Active', { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Create next revision' }).count()).toBe(0);
    await shot(page, 'framework-phone');
    await context.close();
  });

  it('an admin on a phone drafts the next revision and moves three countries into a new region', async () => {
    const { context, page } = await signInAs(admin, '/framework', phone);
    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Create next revision' }).click();
    await poll(() => page.getByText('Draft version 2 created.').count()).toBe(1);
    await page.getByRole('button', { name: 'Edit regions' }).click();
    await page.getByRole('button', { name: 'Add a region' }).click();
    await page.getByRole('textbox', { name: 'Name' }).last().fill('South Caucasus');
    await page.getByRole('textbox', { name: 'Countries' }).last().fill('am, AZ GE');
    await page.getByRole('button', { name: 'Save regions' }).click();
    // Armenia is still in the Black Sea Region: refused on the field, nothing saved.
    await poll(() => page.locator('.field-error').filter({ hasText: 'already in the region' }).count()).toBe(
      1,
    );
    await shot(page, 'framework-regions-error-phone');
    const blackSea = page
      .getByRole('group', { name: 'Black Sea Region' })
      .getByRole('textbox', { name: 'Countries' });
    expect(await blackSea.inputValue()).toContain('AM');
    await blackSea.fill('MD, RU, TR, UA');
    await page.getByRole('button', { name: 'Save regions' }).click();
    await poll(() => page.getByText('Regions saved.').count()).toBe(1);
    const caucasus = page.locator('.regions li').filter({ hasText: 'South Caucasus' });
    expect(await caucasus.textContent()).toContain('Armenia, Azerbaijan, Georgia');
    await shot(page, 'framework-regions-phone');
    await context.close();
  });

  it('an evaluator on a phone sees the projects on a map with shaded countries and a table', async () => {
    const { context, page } = await signInAs(evaluator, '/projects', phone);
    const { countries, inPakistan } = await storedProjectCountries();
    const map = page.getByRole('img', { name: /World map/ });
    await poll(() => map.locator('path.has').count()).toBe(countries.size);
    expect(
      await page
        .getByRole('heading', { name: 'Improving Migration Management in the Silk Routes Region' })
        .count(),
    ).toBe(1);
    expect(await page.getByText('€12,000,000').count()).toBeGreaterThan(0);
    const pakistan = page.getByRole('row', { name: /Pakistan/ });
    expect(await pakistan.getByRole('cell').first().textContent()).toBe(String(inPakistan));
    // Viewport-wide: no sideways scrolling on a 393 px phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      phone.viewport.width,
    );
    await shot(page, 'projects-map-phone');

    await page.getByLabel('Funder').selectOption({ label: 'Hungary' });
    await poll(() => page.getByRole('status').first().textContent()).toContain('1 project');
    await context.close();
  });

  it('the project map on a desktop', async () => {
    const { context, page } = await signInAs(evaluator, '/projects', desktop);
    const { countries } = await storedProjectCountries();
    await poll(() =>
      page
        .getByRole('img', { name: /World map/ })
        .locator('path.has')
        .count(),
    ).toBe(countries.size);
    await shot(page, 'projects-map-desktop');
    await context.close();
  });
});
