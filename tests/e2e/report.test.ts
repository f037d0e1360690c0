import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoActivities } from '../../functions/src/activities/demo.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { seedDemoSurveys } from '../../functions/src/surveys/demo.js';
import { defaultFramework } from '../../shared/src/framework/default-framework.js';
import type { ReportDocument } from '../../shared/src/report/model.js';
import { REPORT_SHEETS } from '../../shared/src/report/xlsx.js';
import type { GoalOverview } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { ARTIFACTS, desktop, launch, phone, shot, signInAs } from '../support/browser.js';

/*
 * The evaluator's yearly report: records a lesson quoting a participant's comment, opens the 2023
 * report of the default framework, writes a narrative, issues the report, downloads the workbook
 * (read back here) and prints it to A4 without the navigation. This file alone issues that report.
 */

const web = inject('webUrl');
const evaluator = DEMO_USERS.find((u) => u.role === 'evaluator') ?? DEMO_USERS[1];
const FW = defaultFramework().id;
const RUN = Date.now().toString(36);
const LESSON_TITLE = `Peer exchange at the border (${RUN})`;
const NARRATIVE = `Cooperation on integrated border management deepened in 2023 (${RUN}). تعزيز التعاون`;
const QUOTE = 'تبادل الخبرات حول إدارة الحدود المتكاملة.';
let browser: Browser;
let token = '';
let sofia = '';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });

const get = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${web}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

beforeAll(async () => {
  await seedDefaultFramework();
  await seedDemoActivities();
  await seedDemoSurveys();
  await seedDemoIndicators();
  token = (await signIn(evaluator.email, evaluator.password)).accessToken;
  // The roll-up consumer folds the demo responses within seconds: wait until 2023 has a value.
  for (let i = 0; ; i++) {
    const o = await get<GoalOverview>(`/results/overview?year=2023&frameworkId=${FW}`);
    if (o.goals.flatMap((g) => g.indicators).some((v) => v.value !== null && v.n !== null)) break;
    if (i > 60) throw new Error('no indicator value for 2023 after 30 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  const acts = await get<{ id: string; title: string; startsAt: string }[]>('/activities');
  const found = acts.find(
    (a) => a.startsAt.startsWith('2023') && a.title.includes('Integrated Border Management'),
  );
  if (!found) throw new Error('the demo activity of Sofia 2023 is missing');
  sofia = found.title;
  browser = await launch();
}, 240_000);
afterAll(async () => {
  await browser?.close();
});

describe('yearly results report', () => {
  it('a lesson recorded with a quoted comment appears in the 2023 report, which the evaluator narrates, issues, downloads and prints', async () => {
    const { context, page } = await signInAs(browser, web, evaluator, '/lessons', {
      ...desktop,
      acceptDownloads: true,
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    // 1. Record a promising practice quoting a participant's comment (Arabic, right to left).
    await page.getByRole('button', { name: 'Record a lesson or practice' }).click();
    await page.getByLabel('Promising practice').check();
    await page.getByLabel('Title').fill(LESSON_TITLE);
    await page
      .getByLabel('What was learned or done')
      .fill('Officers from neighbouring countries learned most from each other.');
    await page.getByLabel("Date (its year puts it in that year's report)").fill('2023-10-06');
    await page.getByLabel('Goal 1', { exact: true }).check();
    await page.locator('#qp-activity').selectOption({ label: sofia });
    await poll(() => page.locator('#qp-survey option').count()).toBeGreaterThan(1);
    await page.locator('#qp-survey').selectOption({ index: 1 });
    await poll(() => page.locator('#qp-question').inputValue()).toBe('most_useful');
    await page.getByLabel('Search the answers').fill('تبادل');
    const answer = page
      .getByRole('list', { name: 'Free-text answers' })
      .getByRole('listitem')
      .filter({ hasText: QUOTE })
      .first();
    await answer.getByRole('button', { name: 'Quote' }).click();
    await poll(() => page.getByTestId('chosen-quotes').textContent()).toContain(QUOTE);
    expect(await page.getByTestId('chosen-quotes').locator('blockquote').getAttribute('dir')).toBe('auto');
    await shot(page, 'lessons-form-desktop');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await poll(() => page.getByTestId('lesson').filter({ hasText: LESSON_TITLE }).count()).toBe(1);
    await page.getByLabel('Search').fill(RUN);
    await page.getByLabel('Search').press('Enter');
    await poll(() => page.getByTestId('lesson').count()).toBe(1);
    await shot(page, 'lessons-desktop');

    // 2. The 2023 report of the default framework, with the lesson and its quote.
    await page.getByRole('link', { name: 'Report', exact: true }).click();
    await page.waitForURL(/\/report/);
    await poll(() => page.locator('#r-framework option').count()).toBeGreaterThan(0);
    await page.getByLabel('Plan').selectOption(FW);
    await poll(() => new URL(page.url()).searchParams.get('framework')).toBe(FW);
    await page.getByLabel('Period').selectOption('2023');
    await poll(() => new URL(page.url()).searchParams.get('period')).toBe('2023');
    await poll(() => page.getByRole('heading', { level: 1, name: 'Results report 2023' }).count()).toBe(1);
    await poll(() => page.getByTestId('report-status').textContent()).toMatch(/Draft/);
    const lessons = page.getByTestId('report-lessons');
    await poll(() => lessons.textContent()).toContain(LESSON_TITLE);
    expect(await lessons.textContent()).toContain(QUOTE);

    // 3. A narrative for priority goal 1, saved on the draft.
    await page.getByLabel('Narrative for priority goal 1').fill(NARRATIVE);
    await page.getByRole('button', { name: 'Save narrative' }).first().click();
    await poll(() => page.getByRole('status').textContent()).toContain('Narrative of goal 1 saved');

    // 4. Issue it.
    await page.getByRole('button', { name: 'Issue report…' }).click();
    await page.getByRole('button', { name: 'Issue now' }).click();
    await poll(() => page.getByTestId('report-status').textContent()).toMatch(
      /Issued .* by evaluator@example\.org/,
    );
    expect(await page.getByLabel('Narrative for priority goal 1').count()).toBe(0);
    const narrative = page.getByTestId('narrative').filter({ hasText: RUN });
    expect(await narrative.getAttribute('dir')).toBe('auto');
    await page.waitForTimeout(200);
    await shot(page, 'report-issued-desktop');

    // 5. The workbook, read back: sheet names, and one indicator's value, n and version as the API has them.
    const issued = await get<ReportDocument>(`/reports/${FW}/2023`);
    expect(issued.status).toBe('issued');
    expect(issued.goals.find((g) => g.number === 1)?.narrative?.text).toBe(NARRATIVE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download XLSX' }).click(),
    ]);
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = resolve(ARTIFACTS, 'results-report-2023.xlsx');
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
    const withValue = issued.goals.flatMap((g) => g.indicators).find((i) => i.value !== null && i.n !== null);
    if (!withValue) throw new Error('no indicator of the 2023 report has a value');
    const sheet = wb.getWorksheet('Goals and indicators');
    if (!sheet) throw new Error('no goals sheet');
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    const row = sheet
      .getRows(2, sheet.rowCount - 1)
      ?.find((r) => r.getCell(col('Code')).value === withValue.code);
    expect(row?.getCell(col('Value')).value).toBeCloseTo(withValue.value as number, 10);
    expect(row?.getCell(col('n')).value).toBe(withValue.n);
    expect(row?.getCell(col('Definition version')).value).toBe(withValue.version);
    const lessonsSheet = wb.getWorksheet('Lessons');
    const lessonRow = lessonsSheet
      ?.getRows(2, lessonsSheet.rowCount - 1)
      ?.find((r) => r.getCell(3).value === LESSON_TITLE);
    expect(String(lessonRow?.getCell(9).value)).toContain(QUOTE);

    // 6. Print to A4: no navigation, filters or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.top').isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    expect(await page.getByLabel('Period').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Download XLSX' }).isVisible()).toBe(false);
    expect(await page.getByTestId('report').isVisible()).toBe(true);
    await shot(page, 'report-print-a4');
    const pdf = await page.pdf({
      path: resolve(ARTIFACTS, 'results-report-2023.pdf'),
      format: 'A4',
      printBackground: true,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads on a phone: the issued report and the lessons log', async () => {
    const { context, page } = await signInAs(
      browser,
      web,
      evaluator,
      `/report?framework=${FW}&period=2023`,
      phone,
    );
    await poll(() => page.getByTestId('report-status').textContent()).toMatch(/Issued/);
    await poll(() => page.getByTestId('report-goal').count()).toBeGreaterThan(0);
    expect(await page.locator('#main-menu').isVisible()).toBe(false);
    await shot(page, 'report-phone');
    // Viewport pictures of the parts a phone user reads (the full page is too tall to look at).
    await page.screenshot({ path: resolve(ARTIFACTS, 'report-phone-top.png') });
    await page.getByRole('heading', { name: /Cross-cutting group/ }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: resolve(ARTIFACTS, 'report-phone-goal.png') });
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Lessons', exact: true }).click();
    await page.waitForURL(/\/lessons/);
    await page.getByLabel('Search').fill(RUN);
    await page.getByLabel('Search').press('Enter');
    await poll(() => page.getByTestId('lesson').count()).toBe(1);
    await shot(page, 'lessons-phone');
    // A report opened from its address (a bookmark), here the whole plan: computed as a draft.
    await page.goto(`${web}/report?framework=${FW}&period=plan`);
    await poll(() => page.getByRole('heading', { level: 1, name: /Results report 2019-2024/ }).count()).toBe(
      1,
    );
    await poll(() => page.getByTestId('report-status').textContent()).toMatch(/Draft/);
    await poll(() => page.getByTestId('report-lessons').textContent()).toContain(LESSON_TITLE);
    await context.close();
  });
});
