import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoActivities } from '../../functions/src/activities/demo.js';
import { app } from '../../functions/src/app.js';
import { activateFramework } from '../../functions/src/framework/store.js';
import { seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { DEFAULT_FRAMEWORK_ID } from '../../shared/src/framework/seed-id.js';
import { signIn } from '../support/auth.js';
import { desktop, launch, phone, shot, signInAs as signInAsOn } from '../support/browser.js';
import { postEventAnswers, putActivity } from '../support/fixtures.js';

/*
 * A living plan, end to end: an administrator starts the 2025-2029 plan from the active one with
 * a new goal and action point, carries two indicators over and activates it; a 2026 activity's
 * survey responses appear in the 2026 value of a carried-over indicator; the evaluator sees
 * 2019-2024 and 2025-2029 side by side. Also: the implementation plan view and the project form.
 */

const web = inject('webUrl');
const [admin, evaluator] = DEMO_USERS;
const phone390 = { ...phone, viewport: { width: 390, height: 844 } };
const PROJECT = `e2e-plan-${randomUUID().slice(0, 8)}`;
let browser: Browser;

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const signInAs = (user: { email: string; password: string }, next: string, device: BrowserContextOptions) =>
  signInAsOn(browser, web, user, next, device);

beforeAll(async () => {
  await seedDemoIndicators();
  await seedDemoActivities();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  // Other test files read the default framework as the active one.
  await activateFramework(DEFAULT_FRAMEWORK_ID, 'e2e-plan').catch(() => undefined);
});

/** A 2026 training in its own project with a post-event survey and six answers (satisfaction 5,4,4,5,5,4). */
async function activity2026(): Promise<string> {
  const token = (await signIn(admin.email, admin.password)).accessToken;
  const id = await putActivity({
    title: 'National training on labour migration 2026',
    startsAt: '2026-11-12T09:00:00Z',
    endsAt: '2026-11-12T17:00:00Z',
    gsi1sk: `2026-11-12T09:00:00Z#${randomUUID()}`,
    projectId: PROJECT,
    pillar: 'dialogue',
    actionPointCodes: ['7.1'],
    priorityGoals: [7],
  });
  const now = Date.now();
  const res = await app.request(`/api/activities/${id}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      templateId: 'post_event_feedback',
      kind: 'post_event',
      opensAt: new Date(now - 3_600_000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    }),
  });
  expect(res.status).toBe(201);
  const { code } = (await res.json()) as { code: string };
  for (const s of [5, 4, 4, 5, 5, 4]) {
    const at = new Date().toISOString();
    const r = await app.request(`/api/public/surveys/${code}/responses`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `198.51.100.${Math.floor(Math.random() * 250)}`,
      },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: { ...postEventAnswers, satisfaction: s },
        startedAt: at,
        submittedAt: at,
      }),
    });
    expect([200, 201]).toContain(r.status);
  }
  return id;
}

let copyOfSatisfaction = '';

async function carriedId(page: Page, code: string): Promise<string> {
  const href = await page
    .getByRole('listitem')
    .filter({ hasText: code })
    .getByRole('link', { name: 'open the copy' })
    .first()
    .getAttribute('href');
  return (href ?? '').split('/').pop() ?? '';
}

describe('a living plan', () => {
  it('an administrator creates the 2025-2029 plan with a new goal and action point, carries two indicators over and activates it', async () => {
    const { context, page } = await signInAs(admin, '/framework', desktop);
    page.on('dialog', (d) => void d.accept());
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Call for Action 2019-2024');
    await page.getByRole('button', { name: 'Start a new plan' }).click();
    await poll(() => page.getByLabel('Name', { exact: true }).inputValue()).toBe('Call for Action 2025-2029');
    expect(await page.getByLabel('Starts').inputValue()).toBe('2025-01-01');
    expect(await page.getByLabel('Ends').inputValue()).toBe('2029-12-31');
    await page.getByRole('button', { name: 'Create draft plan' }).click();
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Call for Action 2025-2029');
    await poll(() => page.getByText('six priority goals and a cross-cutting group (7.1–7.11)').count()).toBe(
      1,
    );

    // A new goal, PG8, placed first.
    const goals = page.getByRole('region', { name: 'Priority goals' });
    await goals.getByRole('button', { name: 'Add a goal' }).click();
    await goals.getByLabel('Title', { exact: true }).last().fill('Labour migration and skills partnerships');
    await goals.getByLabel('Short title (charts)').last().fill('Labour migration');
    for (let i = 0; i < 7; i++) await goals.getByRole('button', { name: 'Move PG8 up' }).click();
    await goals.getByRole('button', { name: 'Save goals' }).click();
    await poll(() => page.getByText('Priority goals saved.').count()).toBe(1);
    await poll(() =>
      page.getByText('seven priority goals and a cross-cutting group (7.1–7.11)').count(),
    ).toBe(1);

    // A new action point 8.1 under it.
    const aps = page.getByRole('region', { name: 'Action points', exact: true });
    await aps.getByLabel('Or add one under').selectOption({ label: 'PG8 Labour migration' });
    await aps.getByRole('button', { name: 'New' }).click();
    await poll(() => aps.getByLabel('Code').inputValue()).toBe('8.1');
    await aps.getByLabel('Timeline').fill('2026-2027');
    await aps
      .getByLabel('Action', { exact: true })
      .fill('Pilot skills partnerships between two partner countries');
    await aps.getByLabel('Pillar').selectOption('operational_cooperation');
    await aps.getByRole('button', { name: 'Save action point 8.1' }).click();
    await poll(() => page.getByText('Action point 8.1 saved.').count()).toBe(1);
    const goal8 = page.getByRole('region', { name: /Priority goal 8/ });
    await poll(() => goal8.getByText('Pilot skills partnerships between two partner countries').count()).toBe(
      1,
    );
    await shot(page, 'plan-new-goal-desktop');

    // Carry two indicators over, with a 2029 target for the satisfaction share.
    const carry = page.getByRole('region', { name: 'Carry indicators over' });
    await poll(() => carry.getByRole('checkbox').count()).toBeGreaterThan(2);
    const satisfied = carry.getByRole('listitem').filter({ hasText: 'PG7-DI-03' });
    await satisfied.getByRole('checkbox').check();
    await poll(() => satisfied.getByText(/outside 2025-2029/).count()).toBe(1);
    await satisfied.getByLabel('Target for 2029 (optional)').fill('85');
    await carry.getByRole('listitem').filter({ hasText: 'PG7-DI-01' }).getByRole('checkbox').check();
    await carry.getByRole('button', { name: 'Carry 2 indicators over' }).click();
    await poll(() => carry.getByText(/2 indicators carried over: 1 active, 1 draft/).count()).toBe(1);
    copyOfSatisfaction = await carriedId(page, 'PG7-DI-03');
    expect(copyOfSatisfaction).toMatch(/^[0-9a-z]{10,40}$/);
    await shot(page, 'plan-carry-over-desktop');

    await page.getByRole('button', { name: 'Activate' }).click();
    await poll(() => page.getByText('Version 1 is now active.').count()).toBe(1);
    await context.close();

    // The same plan on a phone: the goal count and the new goal.
    const small = await signInAs(admin, '/framework', phone390);
    await poll(() => small.page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Call for Action 2025-2029',
    );
    await poll(() => small.page.getByRole('region', { name: /Priority goal 8/ }).count()).toBe(1);
    const width = await small.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(small.page, 'plan-framework-phone');
    await small.context.close();
  });

  it("a 2026 activity's survey responses appear in the 2026 value; the evaluator sees both plans side by side", async () => {
    await activity2026();
    for (const [device, name] of [
      [desktop, 'desktop'],
      [phone390, 'phone'],
    ] as const) {
      const { context, page } = await signInAs(evaluator, `/indicators/${copyOfSatisfaction}`, device);
      const across = page.getByTestId('across-versions');
      await poll(() => across.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
        'Call for Action 2019-2024 (2019–2024)',
        'Call for Action 2025-2029 (2025–2029)',
      ]);
      const newer = across.getByRole('table').nth(1);
      const row2026 = newer.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2026' }) });
      // Six answers, satisfaction 4 or 5: every one satisfied.
      await poll(() => row2026.getByRole('cell').first().textContent()).toMatch(/100/);
      expect(await row2026.getByRole('cell').nth(1).textContent()).toBe('6');
      expect(await row2026.getByRole('cell').nth(2).textContent()).toContain('2025–2029 · v1');
      const older = across.getByRole('table').first();
      expect(await older.getByRole('rowheader').allTextContents()).toContain('2024');
      expect(await older.getByRole('rowheader').allTextContents()).not.toContain('2026');
      await across.scrollIntoViewIfNeeded();
      await shot(page, `plan-across-versions-${name}`);
      if (name === 'phone')
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await context.close();
    }
  });

  it('the implementation plan shows every action point of the active plan with the 2026 activity placed on 7.1', async () => {
    const { context, page } = await signInAs(evaluator, '/plan?year=2026', phone390);
    const ap71 = page.locator('[data-code="7.1"]');
    await poll(() =>
      ap71.getByRole('link', { name: 'National training on labour migration 2026' }).count(),
    ).toBe(1);
    expect(await page.locator('[data-code]').count()).toBe(40);
    await poll(() => page.getByRole('heading', { name: 'Gaps in 2026' }).count()).toBe(1);
    await ap71.scrollIntoViewIfNeeded();
    await shot(page, 'plan-implementation-phone');
    await context.close();

    const wide = await signInAs(evaluator, `/plan?framework=${DEFAULT_FRAMEWORK_ID}`, desktop);
    await poll(() => wide.page.locator('[data-code]').count()).toBe(39);
    await poll(() =>
      wide.page
        .locator('[data-code="7.10"]')
        .getByRole('link', { name: /Joint Working Groups Meeting/ })
        .count(),
    ).toBe(1);
    await shot(wide.page, 'plan-implementation-desktop');
    await wide.context.close();
  });

  it('the project form keeps countries chosen under a filter, each box next to its label', async () => {
    const { context, page } = await signInAs(admin, '/projects/new', phone390);
    await page.getByLabel('Name', { exact: true }).fill(`Filter test ${PROJECT}`);
    const find = page.getByLabel('Find a country');
    const picks: [string, string][] = [
      ['Pak', 'Pakistan'],
      ['Ira', 'Iraq'],
      ['Ser', 'Serbia'],
    ];
    for (const [typed, country] of picks) {
      await find.fill(typed);
      await page.getByRole('checkbox', { name: country, exact: true }).check();
    }
    await poll(() => page.getByText('Chosen: Pakistan, Iraq, Serbia').count()).toBe(1);
    const box = await page.getByRole('checkbox', { name: 'Serbia', exact: true }).boundingBox();
    const label = await page.getByText('Serbia', { exact: true }).last().boundingBox();
    expect(box && label ? label.x - (box.x + box.width) : 999).toBeLessThan(24);
    await find.fill('');
    await page.getByRole('button', { name: 'Create project' }).click();
    await poll(() => page.url()).toMatch(/\/projects(\?|$|#)/);
    const card = page.getByRole('listitem').filter({ hasText: `Filter test ${PROJECT}` });
    await poll(() => card.getByText('Iraq, Pakistan, Serbia').count()).toBe(1);
    await context.close();
  });
});
