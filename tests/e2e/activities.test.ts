import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoActivities } from '../../functions/src/activities/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { launch, shot, signInAs as signInAsOn } from '../support/browser.js';

const web = inject('webUrl');
const [admin, evaluator] = DEMO_USERS;
let browser: Browser;

/** Polls long enough for the dev server to compile a page on its first visit. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

beforeAll(async () => {
  await seedDemoActivities();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const CSV = [
  'Name,E-mail,Country,Organization,Gender',
  'Amina Khan,amina.khan@example.org,Pakistan,Ministry of Interior,F',
  'Ali Rezaei,ali.rezaei@example.org,IR,Border Police,M',
  'Sara Ahmadi,sara.ahmadi@example.org,Afghanistan,IOM,female',
].join('\n');

const signInAs = (user: { email: string; password: string }, next: string) =>
  signInAsOn(browser, web, user, next);

describe('activities on a phone', () => {
  it('an admin creates an activity, imports a 3-row CSV and sees the attendance summary', async () => {
    const { context, page } = await signInAs(admin, '/activities');
    await poll(() => page.getByRole('link', { name: /Joint Working Groups Meeting/ }).count()).toBe(1);
    await page.getByLabel('Search').fill('ohrid');
    await poll(() => page.locator('.count[role="status"]').textContent()).toContain('1 activity');
    await page.getByLabel('Search').fill('');
    await poll(() => page.locator('.count[role="status"]').textContent()).toMatch(/\d+ activities/);
    // Narrowed by a priority goal (through its action points too) and sorted by title, kept in the URL.
    const goalValue = await page.locator('#f-goal option').nth(1).getAttribute('value');
    await page.getByLabel('Priority goal').selectOption(goalValue ?? '');
    await poll(() => page.locator('.count[role="status"]').textContent()).toMatch(/ of \d+/);
    await page.getByLabel('Sort').selectOption('title');
    await poll(() => page.url()).toContain('sort=title');
    const titles = await page.locator('.list .title').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).toEqual([...titles].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    await shot(page, 'activities-list-filtered-phone');
    await page.getByLabel('Priority goal').selectOption('');
    await page.getByLabel('Sort').selectOption('newest');
    await poll(() => page.locator('.count[role="status"]').textContent()).not.toMatch(/ of \d+/);
    await shot(page, 'activities-list-phone');

    await page.getByRole('link', { name: 'New activity' }).click();
    await page.waitForURL(/\/activities\/new$/);
    // Submitting empty shows the schema's messages inline, before any request.
    await page.getByRole('button', { name: 'Create activity' }).click();
    await poll(() => page.locator('#a-title-error').textContent()).not.toBe('');

    await page.getByLabel('Title', { exact: true }).fill('Regional training on document fraud');
    await page.getByLabel('Type', { exact: true }).selectOption('training');
    await page.getByLabel('Expected participants', { exact: true }).fill('20');
    await page.getByLabel('Starts', { exact: true }).fill('2031-03-10T09:00');
    await page.getByLabel('Ends', { exact: true }).fill('2031-03-09T17:00');
    await page.getByLabel('City', { exact: true }).fill('Islamabad');
    await page.getByLabel('Country', { exact: true }).selectOption('PK');
    await page.getByRole('checkbox', { name: /PG1/ }).check();
    await page.getByLabel('Action points', { exact: true }).fill('1.3');
    await page.getByRole('checkbox', { name: /^1\.3/ }).check();
    await page.getByLabel('Pillar', { exact: true }).selectOption('operational_cooperation');
    await page.getByRole('button', { name: 'Create activity' }).click();
    await poll(() => page.locator('#a-end-error').textContent()).toContain('end is before the start');
    await shot(page, 'activities-form-phone');

    await page.getByLabel('Ends', { exact: true }).fill('2031-03-12T17:00');
    await page.getByRole('button', { name: 'Create activity' }).click();
    // 2031 is outside every framework period: said once on save, saved on the second click.
    await poll(() =>
      page.getByText('This activity starts outside every framework period. Save it anyway?').count(),
    ).toBe(1);
    await page.getByRole('button', { name: 'Create activity anyway' }).click();
    await page.waitForURL(/\/activities\/[0-9a-z]{26}$/);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Regional training on document fraud');
    expect(await page.getByRole('link', { name: 'Surveys' }).getAttribute('href')).toMatch(/\/surveys$/);

    // A file with a bad row: the preview names the problem and leaves the row out.
    await page.getByLabel('CSV file').setInputFiles({
      name: 'draft.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${CSV}\nNo Name,,Atlantis,,Q`),
    });
    await poll(() => page.getByText('Unknown country "Atlantis"').count()).toBe(1);
    expect(await page.getByText('1 row has problems').count()).toBe(1);
    await shot(page, 'activities-import-preview-phone');

    await page.getByLabel('CSV file').setInputFiles({
      name: 'attendance.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV),
    });
    await poll(() => page.getByText('3 people ready').count()).toBe(1);
    await page.getByRole('button', { name: 'Import 3 people' }).click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Added 3 people' }).count()).toBe(1);
    const figures = page.getByRole('list', { name: 'Attendance' });
    await poll(() => figures.textContent()).toContain('3 participants');
    expect(await figures.textContent()).toMatch(/3\s*countries.*3\s*organisations.*2\s*women/s);
    expect(await page.getByRole('cell', { name: 'amina.khan@example.org' }).count()).toBe(1);
    await shot(page, 'activities-detail-phone');

    // Editing keeps the framework links chosen at creation and saves with the version read.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    await poll(() => page.getByLabel('Title', { exact: true }).inputValue()).not.toBe('');
    expect(await page.getByRole('checkbox', { name: /PG1/ }).isChecked()).toBe(true);
    await page.getByLabel('Title', { exact: true }).fill('Regional training on document fraud detection');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/activities\/[0-9a-z]{26}$/);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Regional training on document fraud detection',
    );
    await context.close();
  });

  it('an evaluator reads an activity but sees no attendance list and no edit button', async () => {
    const { context, page } = await signInAs(evaluator, '/activities');
    await page.getByRole('link', { name: /Thematic Meeting on Integrated Border Management/ }).click();
    await poll(() => page.getByRole('list', { name: 'Attendance' }).textContent()).toContain('61');
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByLabel('CSV file').count()).toBe(0);
    await shot(page, 'activities-detail-evaluator-phone');
    await context.close();
  });
});
