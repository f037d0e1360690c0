import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoActivities } from '../../functions/src/activities/demo.js';
import { seedDefaultFramework } from '../../functions/src/framework/seed.js';
import { seedDemoIndicators } from '../../functions/src/indicators/demo.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { seedDemoSurveys } from '../../functions/src/surveys/demo.js';
import type { GoalOverview, IndicatorResult } from '../../shared/src/results/contract.js';
import { signIn } from '../support/auth.js';
import { ARTIFACTS, desktop, launch, phone, shot, signInAs } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

const web = inject('webUrl');
const admin = DEMO_USERS[0];
let browser: Browser;
let token = '';
let survey = { id: '', code: '' };
let activityId = '';
/** An indicator with values per year: its page draws the chart to download. */
let chartIndicator = '';

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000 });

const api = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${web}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res;
};

/** Clicks and returns the file the browser downloaded. */
async function downloadOf(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

beforeAll(async () => {
  await seedDefaultFramework();
  await seedDemoActivities();
  await seedDemoSurveys();
  await seedDemoIndicators();
  token = (await signIn(admin.email, admin.password)).accessToken;
  activityId = await putActivity({ title: `Export e2e ${randomUUID().slice(0, 6)}` });
  const now = Date.now();
  survey = (await (
    await api(`/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({
        templateId: 'follow_up_3_months',
        kind: 'follow_up',
        opensAt: new Date(now - 3_600_000).toISOString(),
        closesAt: new Date(now + 86_400_000).toISOString(),
      }),
    })
  ).json()) as { id: string; code: string };
  for (let i = 0; i < 6; i++) {
    const at = new Date().toISOString();
    await api(`/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: {
          applied: 'yes',
          how_applied: i === 0 ? '=1+1' : `In case ${i}`,
          obstacles: ['no_support'],
        },
        startedAt: at,
        submittedAt: at,
      }),
    });
  }
  const overview = (await (await api('/results/overview')).json()) as GoalOverview;
  for (const v of overview.goals.flatMap((g) => g.indicators)) {
    const r = (await (await api(`/results/indicators/${v.indicatorId}`)).json()) as IndicatorResult;
    if (r.byYear.length > 0) {
      chartIndicator = v.indicatorId;
      break;
    }
  }
  if (!chartIndicator) throw new Error('no demo indicator with values per year');
  browser = await launch();
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('exports in the browser', () => {
  it('an administrator downloads the per-respondent XLSX of a survey on a phone', async () => {
    const { context, page } = await signInAs(
      browser,
      web,
      admin,
      `/activities/${activityId}/surveys/${survey.id}/results`,
      phone,
    );
    const group = page.getByRole('group', { name: 'Responses, one row per respondent' });
    await poll(() => group.count()).toBe(1);
    await shot(page, 'exports-survey-results-phone');
    await group.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/exports-survey-respondents-phone.png` });
    const file = await downloadOf(page, () => group.getByRole('button', { name: 'XLSX' }).click());
    expect(file.name).toBe(`responses-${survey.code}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('responses') as ExcelJS.Worksheet;
    expect(ws.rowCount).toBe(2 + 6);
    const codes = (ws.getRow(1).values as unknown[]).slice(1);
    expect(codes).toContain('obstacles/no_support');
    const how = codes.indexOf('how_applied') + 1;
    const answers = Array.from({ length: 6 }, (_, i) => ws.getRow(3 + i).getCell(how).value);
    expect(answers).toContain("'=1+1");
    await poll(() => group.getByRole('status').textContent()).toMatch(/XLSX downloaded/);
    await context.close();
  });

  it('an evaluator-level view offers indicator values and a chart as PNG, SVG and CSV', async () => {
    const { context, page } = await signInAs(
      browser,
      web,
      admin,
      `/results/indicators/${chartIndicator}`,
      desktop,
    );
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const charts = page.getByRole('group', { name: 'Download the chart' });
    await poll(() => charts.getByRole('button', { name: 'PNG' }).isEnabled()).toBe(true);

    const png = await downloadOf(page, () => charts.getByRole('button', { name: 'PNG' }).click());
    expect(png.name).toMatch(/^indicator-.*-per-year\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.length).toBeGreaterThan(2000);

    const svg = await downloadOf(page, () => charts.getByRole('button', { name: 'SVG' }).click());
    expect(svg.name).toMatch(/\.svg$/);
    const text = svg.bytes.toString('utf8');
    expect(text).toMatch(/^<svg[\s>]/);
    expect(text).toMatch(/<path|<rect/);
    // The axis labels are real text in the SVG (years of the chart).
    expect(text).toMatch(/<text[^>]*>[^<]*20\d\d/);

    const data = await downloadOf(page, () => charts.getByRole('button', { name: 'Data (CSV)' }).click());
    const csv = data.bytes.toString('utf8').replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toMatch(/^"label",/);
    expect(csv).toMatch(/\r\n"20\d\d",/);

    const values = page.getByRole('group', { name: 'All indicator values' });
    const file = await downloadOf(page, () => values.getByRole('button', { name: 'CSV' }).click());
    expect(file.name).toMatch(/^indicator-values-.*\.csv$/);
    expect(file.bytes.toString('utf8')).toContain('"definition_version"');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the activity list offers its export on a phone', async () => {
    const { context, page } = await signInAs(browser, web, admin, '/activities', phone);
    const group = page.getByRole('group', { name: 'Activities with attendance' });
    await poll(() => group.count()).toBe(1);
    await shot(page, 'exports-activities-phone');
    const file = await downloadOf(page, () => group.getByRole('button', { name: 'CSV' }).click());
    expect(file.bytes.toString('utf8')).toContain('"participants"');
    await context.close();
  });
});
