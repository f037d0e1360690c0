import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { ARTIFACTS, desktop, launch, phone, shot, signInPage } from '../support/browser.js';
import { postEventAnswers, putActivity } from '../support/fixtures.js';

const web = inject('webUrl');
const [admin, evaluator] = DEMO_USERS;
let browser: Browser;
/** The dev server compiles pages on first use: give the browser time. */
const wait = { timeout: 20_000 };

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const signIn = (
  context: BrowserContext,
  user: { email: string; password: string },
  next: string,
): Promise<Page> => signInPage(context, web, user, next);

async function respond(code: string, answers: Record<string, unknown>, language: string) {
  const now = new Date().toISOString();
  const res = await fetch(`${web}/api/public/surveys/${code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      responseId: randomUUID(),
      surveyVersion: 1,
      language,
      answers,
      startedAt: now,
      submittedAt: now,
    }),
  });
  expect(res.status).toBe(201);
}

describe('surveys of an activity, for administrators and evaluators', () => {
  it('attaches the post-event survey, shares its link and QR code, and shows its results', async () => {
    const activityId = await putActivity({ title: 'Workshop on return and reintegration' });
    const surveysPath = `/activities/${activityId}/surveys`;

    // The administrator, on a phone, attaches the post-event feedback survey.
    const adminContext = await browser.newContext({ ...phone });
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web });
    const page = await signIn(adminContext, admin, surveysPath);
    await expect.poll(() => page.getByText('No survey is attached').count(), wait).toBe(1);
    await page.getByRole('radio', { name: /Your feedback on the event/ }).check();
    await expect.poll(() => page.getByLabel('Kind').inputValue(), wait).toBe('post_event');
    expect(await page.getByRole('checkbox', { name: /Arabic \(ar\)/ }).isChecked()).toBe(true);
    await expect.poll(() => page.getByText('right to left').count(), wait).toBeGreaterThan(0);
    await shot(page, 'surveys-attach-form-phone');
    await page.getByRole('button', { name: 'Attach survey' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('Attached');
    await expect
      .poll(() => page.getByRole('listitem').filter({ hasText: 'Post-event' }).count(), wait)
      .toBe(1);
    expect(await page.locator('.status').textContent()).toBe('Open');
    await shot(page, 'surveys-attached-phone');

    // Its page: the public link, copied, and the QR code.
    await page.getByRole('link', { name: 'Your feedback on the event' }).click();
    await page.waitForURL(/\/surveys\/[0-9a-z]+$/);
    const link = await page.getByLabel('Link for participants').inputValue();
    expect(link).toMatch(/\/s\/[0-9a-z]{12}$/);
    const code = link.split('/').pop()!;
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const qr = page.getByRole('img', { name: /QR code for/ });
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.naturalWidth), wait)
      .toBeGreaterThan(0);
    const pngLink = page.getByRole('link', { name: 'Download PNG' });
    expect(await pngLink.getAttribute('download')).toBe(`survey-${code}.png`);
    // Drawn in the browser from the link: a 1024 px PNG.
    const png = await pngLink.evaluate(async (a: HTMLAnchorElement) => {
      const blob = await (await fetch(a.href)).blob();
      return { type: blob.type, width: (await createImageBitmap(blob)).width };
    });
    expect(png).toEqual({ type: 'image/png', width: 1024 });
    expect(await page.getByRole('cell', { name: /Arabic/ }).count()).toBe(0); // row headers, not cells
    expect(await page.getByRole('rowheader', { name: /Arabic \(ar\)/ }).count()).toBe(1);
    await shot(page, 'surveys-detail-phone');

    // The preview in Arabic reads right to left.
    await page.getByLabel('Language', { exact: true }).selectOption('ar');
    expect(await page.locator('.preview').getAttribute('dir')).toBe('rtl');
    await shot(page, 'surveys-preview-rtl-phone');

    // Printing shows only the title, a big QR code and the link.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Copy link' }).isVisible()).toBe(false);
    await shot(page, 'surveys-print-phone');
    await page.emulateMedia({ media: 'screen' });

    // Texts can be corrected; with no response yet the version stays 1.
    await page.getByRole('button', { name: 'Edit texts' }).click();
    await page.locator('#edit-lang').selectOption('ru');
    const ruText = page.locator('#edit-satisfaction-text');
    expect(await ruText.inputValue()).toBe('Насколько в целом вы довольны мероприятием?');
    await ruText.fill('Насколько в целом вы довольны этим мероприятием?');
    // The source language is shown beside every text, scale points and options included.
    const point = page.locator('#edit-satisfaction-points-5');
    const source = page.locator('.translation').filter({ has: point }).locator('.source');
    expect(await source.textContent()).toContain('Very satisfied');
    expect(await source.getAttribute('lang')).toBe('en');
    await point.fill('Очень доволен (а)');
    await expect.poll(() => page.getByText(/ of \d+ texts in Russian/).count(), wait).toBe(1);
    await point.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/surveys-translate-phone.png` });
    await page.getByRole('button', { name: 'Save texts' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent(), wait)
      .toContain('Texts saved (version 1)');
    await adminContext.close();

    // Two participants answer through the public API.
    await respond(code, postEventAnswers, 'ar');
    await respond(code, { ...postEventAnswers, satisfaction: 4, gender: 'male', country: 'PK' }, 'ru');

    // The evaluator reads the results on a phone.
    const evalContext = await browser.newContext({ ...phone });
    const surveyUrl = new URL(page.url()).pathname;
    const results = await signIn(evalContext, evaluator, `${surveyUrl}/results`);
    await expect.poll(() => results.locator('.summary-line').textContent(), wait).toContain('n = 2');
    expect(await results.getByText('Fewer than 5 responses').count()).toBe(1);
    const satisfaction = results.getByRole('listitem').filter({
      has: results.getByRole('heading', { name: /how satisfied are you with the event/ }),
    });
    expect(await satisfaction.getByText(/^n = 2\b/).count()).toBe(1);
    const bars = satisfaction.getByRole('list', { name: /count and percent of n = 2/ });
    expect(await bars.getByRole('listitem').filter({ hasText: 'Very satisfied' }).textContent()).toContain(
      '1 (50%)',
    );
    expect(
      await bars
        .getByRole('listitem')
        .filter({ hasText: /^4 · Satisfied/ })
        .textContent(),
    ).toContain('1 (50%)');
    await shot(results, 'surveys-results-phone');

    // The summary exports as CSV, built in the browser.
    const [file] = await Promise.all([
      results.waitForEvent('download'),
      results.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe(`results-${code}.csv`);
    const csv = readFileSync((await file.path())!, 'utf8');
    // A byte-order mark, then every text cell quoted (shared/src/exports/cells.ts), numbers bare.
    expect(csv.split('\r\n')[0]).toBe(
      '\uFEFF"question_id","question","type","measure","part","option_id","option","count","percent_of_n","n","mean","median","text"',
    );
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toContainEqual([
      'satisfaction',
      'Overall, how satisfied are you with the event?',
      'likert',
      'satisfaction',
      '',
      '5',
      '5 · Very satisfied',
      '1',
      '50',
      '2',
      '4.5',
      '4.5',
      '',
    ]);

    // Filtering by gender reloads the figures; one woman of two respondents is fewer than 5 people,
    // so the filtered figures are withheld (disclosure control), not shown.
    await results.getByLabel('Gender').selectOption('female');
    await expect.poll(() => results.locator('.summary-line').textContent(), wait).toContain('withheld');
    await shot(results, 'surveys-results-filtered-phone');
    // An evaluator reads but does not act: no schedule form or text editing on the survey page.
    await results.goto(`${web}${surveyUrl}`);
    await expect.poll(() => results.getByRole('heading', { name: 'Schedule' }).count(), wait).toBe(1);
    expect(await results.getByRole('button', { name: 'Save schedule' }).count()).toBe(0);
    expect(await results.getByRole('button', { name: 'Edit texts' }).count()).toBe(0);
    await evalContext.close();

    // The same results on a desktop screen.
    const wide = await browser.newContext({ ...desktop });
    const desk = await signIn(wide, evaluator, `${surveyUrl}/results`);
    await expect.poll(() => desk.locator('.summary-line').textContent(), wait).toContain('n = 2');
    await shot(desk, 'surveys-results-desktop');
    await wide.close();
  });
});
