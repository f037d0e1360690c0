import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { launch, phone, shot, signInPage } from '../support/browser.js';

// The whole path of issue 3 in one story, through the real pages, API and emulators:
// an administrator registers an activity with its attendance list and attaches the post-event
// survey; the invitation reaches the local inbox; a participant answers in Arabic on a phone,
// loses the connection while sending, retries, and is counted once; an evaluator reads the result.

const web = inject('webUrl');
const env = inject('stackEnv');
const [admin, evaluator] = DEMO_USERS;
const wait = { timeout: 20_000 };
let browser: Browser;

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

const localInput = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

describe('from an activity to a result, on phones', () => {
  it('registers, invites, is answered in Arabic through a dropped connection, and is counted once', async () => {
    const tag = Date.now().toString(36);
    const invitee = `farid.${tag}@example.org`;

    // 1. The administrator registers yesterday's training with its attendance list.
    const adminContext = await browser.newContext({ ...phone });
    await adminContext.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web });
    const page = await signIn(adminContext, admin, '/activities/new');
    const yesterday = new Date(Date.now() - 86_400_000);
    await page.getByLabel('Title', { exact: true }).fill(`Training on identity document examination ${tag}`);
    await page.getByLabel('Type', { exact: true }).selectOption('training');
    await page
      .getByLabel('Starts', { exact: true })
      .fill(localInput(new Date(yesterday.getTime() - 8 * 3_600_000)));
    await page.getByLabel('Ends', { exact: true }).fill(localInput(yesterday));
    await page.getByLabel('City', { exact: true }).fill('Erbil');
    await page.getByLabel('Country', { exact: true }).selectOption('IQ');
    await page.getByRole('button', { name: 'Create activity' }).click();
    await page.waitForURL(/\/activities\/[0-9a-z]{26}$/, wait);
    const activityUrl = page.url();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'attendance.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Name,E-mail,Country,Organisation,Gender\nFarid Hamid,${invitee},IQ,Ministry of Interior,M\n`,
      ),
    });
    await page.getByRole('button', { name: 'Import 1 person' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added 1' }).count(), wait).toBe(1);
    await shot(page, 'journey-1-activity-phone');

    // 2. It attaches the post-event survey and copies the public link.
    await page.goto(`${activityUrl}/surveys`);
    await page.getByRole('radio', { name: /Your feedback on the event/ }).check();
    await page.getByRole('button', { name: 'Attach survey' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), wait).toContain('Attached');
    await page.getByRole('link', { name: 'Your feedback on the event' }).click();
    await page.waitForURL(/\/surveys\/[0-9a-z]+$/, wait);
    const surveyUrl = page.url();
    const link = await page.getByLabel('Link for participants').inputValue();
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), wait).toBe(link);
    await shot(page, 'journey-2-survey-link-phone');

    // 3. The invitations go out; the personal link is in the local SES inbox.
    await page.getByRole('button', { name: 'Send invitations now' }).click();
    // "Send now" only queues; the page follows the queue until the e-mail is sent.
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '1 invitation queued' }).count(), wait)
      .toBe(1);
    // The survey's own count follows (it was stale until a reload).
    await expect.poll(() => page.getByText('1 invited, 0 of them answered').count(), wait).toBe(1);
    await shot(page, 'journey-3-invited-phone');
    const inboxMail = async () => {
      const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as {
        emails: { destination: { to: string[] }; body: { text: string } }[];
      };
      return store.emails.find((m) => m.destination.to.includes(invitee));
    };
    await expect.poll(async () => Boolean(await inboxMail()), wait).toBe(true);
    const mail = await inboxMail();
    const personal = /https?:\/\/\S+\/s\/[0-9a-z]{12}\?i=[\w-]+/.exec(mail?.body.text ?? '')?.[0];
    expect(personal?.startsWith(link)).toBe(true);
    const inbox = await adminContext.newPage();
    await inbox.goto(env.SES_ENDPOINT as string);
    await expect.poll(() => inbox.getByText(invitee).count(), wait).toBeGreaterThan(0);
    await shot(inbox, 'journey-4-inbox');
    await adminContext.close();

    // 4. The participant opens the personal link, answers in Arabic, and the first send is lost.
    const participant = await browser.newContext({ ...phone, locale: 'ar' });
    const p = await participant.newPage();
    const posted: string[] = [];
    let dropped = 0;
    await p.route('**/api/public/surveys/*/responses', async (route) => {
      posted.push(JSON.parse(route.request().postData() ?? '{}').responseId);
      if (dropped === 0) {
        dropped++;
        await route.abort('internetdisconnected');
      } else {
        await route.continue();
      }
    });
    await p.goto(personal as string);
    // The token leaves the address bar once read (it stays in the tab's storage for the answer).
    await expect.poll(() => new URL(p.url()).searchParams.has('i'), wait).toBe(false);
    await expect.poll(() => p.evaluate(() => document.documentElement.dir), wait).toBe('rtl');
    await expect
      .poll(() => p.getByRole('heading', { level: 1 }).textContent(), wait)
      .toBe('رأيك في الفعالية');
    const next = (name: string) => p.getByRole('button', { name, exact: true }).click();
    await next('ابدأ');
    await p.getByRole('radio', { name: 'راضٍ جداً', exact: true }).check();
    await next('التالي');
    await p.getByRole('radio', { name: 'أوافق', exact: true }).check();
    await next('التالي');
    for (let i = 0; i < 3; i++) await next('التالي');
    await p.getByRole('radio', { name: 'أوافق بشدة', exact: true }).check();
    await next('التالي');
    await p.getByRole('group', { name: 'قبل الفعالية' }).getByRole('radio').nth(1).check();
    await p.getByRole('group', { name: 'الآن' }).getByRole('radio').nth(3).check();
    await shot(p, 'journey-5-answering-ar');
    // The rest is optional: go to the end.
    for (let i = 0; i < 7; i++) await next('التالي');
    await next('إرسال إجاباتي');
    // Kept on the device and said so as a status, not an error.
    await expect
      .poll(() => p.getByRole('status').filter({ hasText: 'إجاباتك محفوظة' }).count(), wait)
      .toBe(1);
    await shot(p, 'journey-6-connection-lost-ar');
    // The participant retries (the page also retries by itself): accepted once.
    const retry = p.getByRole('button', { name: 'حاول مجدداً' });
    if (await retry.isVisible()) await retry.click();
    await expect.poll(() => p.getByRole('heading', { level: 1 }).textContent(), wait).toBe('شكراً لك!');
    await shot(p, 'journey-7-sent-ar');
    expect(posted.length).toBeGreaterThanOrEqual(2);
    expect(new Set(posted).size).toBe(1);
    await participant.close();

    // 5. The evaluator sees one response, from one of one invited, in the results.
    const evaluatorContext = await browser.newContext({ ...phone });
    const resultsPath = `${new URL(surveyUrl).pathname}/results`;
    const r = await signIn(evaluatorContext, evaluator, resultsPath);
    await expect.poll(() => r.getByText(/n = 1\b/).count(), wait).toBeGreaterThan(0);
    await shot(r, 'journey-8-results-evaluator-phone');
    await evaluatorContext.close();
  });
});
