import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoActivities } from '../../functions/src/activities/demo.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { seedDemoSurveys } from '../../functions/src/surveys/demo.js';
import type { GoalOverview } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { launch, phone, shot, signInAs } from '../support/browser.js';

const web = inject('webUrl');
const evaluator = DEMO_USERS.find((u) => u.role === 'evaluator') ?? DEMO_USERS[1];
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });
let browser: Browser;
/** A figure of the overview with a decimal point as the server writes it ("72.4"), and its indicator. */
let decimal: string;
let indicator: { id: string; from: string };

beforeAll(async () => {
  await seedDefaultFramework();
  await seedDemoActivities();
  await seedDemoSurveys();
  await seedDemoIndicators();
  const { accessToken } = await signIn(evaluator.email, evaluator.password);
  const res = await fetch(`${web}/api/results/overview`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const overview = (await res.json()) as GoalOverview;
  const found = overview.goals.flatMap((g) => g.indicators).find((v) => /\d+\.\d+/.test(v.display));
  if (!found) throw new Error('no indicator value with a decimal in the demo data');
  decimal = /\d+\.\d+/.exec(found.display)?.[0] ?? '';
  indicator = { id: found.indicatorId, from: found.period.from };
  browser = await launch();
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).first().textContent();
const values = (page: Page) => page.getByTestId('indicator-value').allTextContents();
/** Nothing wider than the phone's screen (long Russian words wrap instead). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function choose(page: Page, lang: string) {
  await page.getByRole('button', { name: /^(Menu|Меню)$/ }).click();
  await page.getByTestId('language').selectOption(lang);
}

describe('staff interface in English, French and Russian on a phone', () => {
  it('switches the results page to French, keeps it after a reload, then to Russian', async () => {
    // A browser in German: English is the default (not offered languages fall back to it).
    const { context, page } = await signInAs(browser, web, evaluator, '/results', {
      ...phone,
      locale: 'de-DE',
    });
    await poll(() => h1(page)).toBe('Results by priority goal');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await poll(async () => (await values(page)).join(' ')).toContain(decimal);

    await choose(page, 'fr');
    await poll(() => h1(page)).toBe('Résultats par objectif prioritaire');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // The menu is still open: its links are in French.
    expect(
      await page.getByRole('link', { name: 'Résultats', exact: true }).getAttribute('aria-current'),
    ).toBe('page');
    await expect(page.getByRole('link', { name: 'Indicateurs' }).isVisible()).resolves.toBe(true);
    await shot(page, 'staff-language-menu-fr-phone');
    // Figures with the French decimal comma.
    await poll(async () => (await values(page)).join(' ')).toContain(decimal.replace('.', ','));
    expect(await page.getByLabel('Période').isVisible()).toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Fermer le menu' }).click();
    await shot(page, 'staff-language-results-fr-phone');

    // The choice is remembered in this browser.
    await page.reload();
    await poll(() => h1(page)).toBe('Résultats par objectif prioritaire');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');

    await choose(page, 'ru');
    await poll(() => h1(page)).toBe('Результаты по приоритетным целям');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await expect(page.getByRole('link', { name: 'Результаты', exact: true }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Выйти' }).isVisible()).resolves.toBe(true);
    await shot(page, 'staff-language-menu-ru-phone');
    await poll(async () => (await values(page)).join(' ')).toContain(decimal.replace('.', ','));
    await page.getByRole('button', { name: 'Закрыть меню' }).click();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'staff-language-results-ru-phone');
    await page.reload();
    await poll(() => h1(page)).toBe('Результаты по приоритетным целям');

    // A date in Russian on the indicator's page (the period's first day).
    const russianDay = new Intl.DateTimeFormat('ru-RU', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(indicator.from));
    await page.goto(`${web}/results/indicators/${indicator.id}`);
    await poll(() => page.locator('main').textContent()).toContain(russianDay);
    await poll(() => page.getByRole('heading', { level: 2, name: 'Значение во времени' }).count()).toBe(1);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'staff-language-indicator-ru-phone');

    // Other translated pages in Russian on the phone: their heading, and nothing wider than the screen.
    for (const [path, heading] of [
      ['/activities', 'Мероприятия'],
      ['/plan', 'План реализации'],
      ['/report', 'Отчёт о результатах'],
      ['/lessons', 'Уроки и практики'],
      ['/', 'Добро пожаловать, оценщик'],
    ] as const) {
      await page.goto(`${web}${path}`);
      await poll(() => h1(page)).toBe(heading);
      await page.waitForLoadState('networkidle');
      expect(await overflow(page), path).toBeLessThanOrEqual(0);
      await shot(page, `staff-language-ru${path === '/' ? '-home' : path.replaceAll('/', '-')}-phone`);
    }
    await context.close();
  });

  it('starts in the browser’s language when it is one of the three', async () => {
    const context = await browser.newContext({ ...phone, locale: 'ru-RU' });
    const page = await context.newPage();
    await page.goto(`${web}/signin`);
    await poll(() => h1(page)).toBe('Вход');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await expect(page.getByLabel('Пароль').isVisible()).resolves.toBe(true);
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, 'staff-language-signin-ru-phone');
    // Switching back to English on the sign-in page itself.
    await page.getByTestId('language').selectOption('en');
    await poll(() => h1(page)).toBe('Sign in');
    await context.close();
  });
});
