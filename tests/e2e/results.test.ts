import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoActivities } from '../../functions/src/activities/demo.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { seedDemoSurveys } from '../../functions/src/surveys/demo.js';
import type { GoalOverview, IndicatorResult } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { desktop, launch, phone, shot, signInAs as signInAsOn } from '../support/browser.js';

const web = inject('webUrl');
const evaluator = DEMO_USERS.find((u) => u.role === 'evaluator') ?? DEMO_USERS[1];
let browser: Browser;
/** The indicator to drill into: one with a value and at least one contributing activity. */
let target: { indicatorId: string; code: string; activityId: string; activityTitle: string };

/** Polls long enough for the dev server to compile a page on its first visit. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

beforeAll(async () => {
  await seedDefaultFramework();
  await seedDemoActivities();
  await seedDemoSurveys();
  await seedDemoIndicators();

  // Ask the results API which indicator has activities behind it, so the drill-down has somewhere to go.
  const { accessToken } = await signIn(evaluator.email, evaluator.password);
  const get = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${web}/api${path}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const overview = await get<GoalOverview>('/results/overview');
  for (const v of overview.goals.flatMap((g) => g.indicators)) {
    if (v.value === null) continue;
    const r = await get<IndicatorResult>(`/results/indicators/${v.indicatorId}`);
    const a = r.activities.find((x) => (x.n ?? 0) > 0) ?? r.activities[0];
    if (a) {
      target = { indicatorId: v.indicatorId, code: v.code, activityId: a.activityId, activityTitle: a.title };
      if (v.unit !== 'count') break; // prefer a survey-based indicator: its activities have learning data
    }
  }
  if (!target)
    throw new Error('no active indicator with a value and a contributing activity in the demo data');
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

const signInAs = (user: { email: string; password: string }, next: string, device: BrowserContextOptions) =>
  signInAsOn(browser, web, user, next, device);

describe.each([
  ['phone', phone],
  ['desktop', desktop],
] as const)('results on a %s', (name, device) => {
  it('an evaluator opens the goal overview, drills into an indicator and then an activity', async () => {
    const { context, page } = await signInAs(evaluator, '/results', device);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // Goal cards, at least one indicator with a value, its version, n, status and progress.
    await poll(() => page.getByTestId('goal-card').count()).toBeGreaterThan(0);
    const values = page.getByTestId('indicator-value');
    await poll(async () => (await values.allTextContents()).some((t) => /\d/.test(t))).toBe(true);
    const card = page.getByTestId('indicator').filter({ hasText: target.code });
    expect(await card.textContent()).toMatch(/v\d+/);
    expect(await card.textContent()).toMatch(/n = \d/);
    expect(await card.getByTestId('result-status').count()).toBe(1);
    // The sparklines are drawn as SVG: the overview loads no chart library.
    await poll(() => page.locator('.spark svg path[d^="M"]').count()).toBeGreaterThan(0);
    expect(await page.locator('canvas').count()).toBe(0);

    // The filters live in the URL.
    await page.getByLabel('Period').selectOption({ index: 1 });
    await poll(() => new URL(page.url()).searchParams.get('year')).toMatch(/^\d{4}$/);
    await page.getByLabel('Region').selectOption({ label: 'Silk Routes Region' });
    await poll(() => new URL(page.url()).searchParams.get('region')).toBe('silk-routes');
    await poll(() => page.getByTestId('summary').textContent()).toMatch(/filtered/);
    // An indicator opened from a filtered overview shows the same scope, and says so.
    await page.getByTestId('indicator').first().getByRole('link').first().click();
    await poll(() => new URL(page.url()).searchParams.get('region')).toBe('silk-routes');
    await poll(() => page.getByTestId('scope').textContent()).toContain('Region: Silk Routes Region');
    await shot(page, `results-indicator-filtered-${name}`);
    await page.getByRole('link', { name: '← Results by priority goal' }).click();
    await poll(() => new URL(page.url()).searchParams.get('region')).toBe('silk-routes');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await poll(() => new URL(page.url()).search).toBe('');
    await poll(() => page.getByTestId('summary').textContent()).toMatch(/active indicator/);
    await poll(() => page.getByTestId('goal-card').count()).toBeGreaterThan(0);
    await shot(page, `results-overview-${name}`);

    // Drill into the indicator.
    await page.getByTestId('indicator').filter({ hasText: target.code }).getByRole('link').first().click();
    await page.waitForURL(new RegExp(`/results/indicators/${target.indicatorId}`));
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(target.code);
    expect(await page.getByText(/Definition \(version \d+\)/).count()).toBe(1);
    await poll(() => page.getByRole('heading', { name: 'Value over time' }).count()).toBe(1);
    await poll(() => page.locator('canvas').count()).toBeGreaterThan(0);
    const activityLink = page.getByRole('link', { name: target.activityTitle, exact: true });
    await poll(() => activityLink.count()).toBe(1);
    await page.waitForTimeout(300);
    await shot(page, `results-indicator-${name}`);

    // Drill into the activity's learning picture.
    await activityLink.click();
    await page.waitForURL(new RegExp(`/results/activities/${target.activityId}`));
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(target.activityTitle);
    await poll(() => page.getByRole('heading', { name: /Change of the same respondents/ }).count()).toBe(1);
    expect(await page.getByText('self-rated, after the event').count()).toBeGreaterThan(0);
    await poll(() => page.getByRole('heading', { name: 'By training-evaluation level' }).count()).toBe(1);
    await page.waitForTimeout(300);
    await shot(page, `results-activity-${name}`);

    expect(errors).toEqual([]);
    await context.close();
  });
});
