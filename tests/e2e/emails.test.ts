import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runQueuedJob } from '../../functions/src/invitations/send.js';
import { listDueJobs } from '../../functions/src/invitations/store.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { ARTIFACTS, launch, phone, shot, signInPage } from '../support/browser.js';
import { putActivity } from '../support/fixtures.js';

// E-mails that fit, on phones: an attendance list with a language column, the Arabic text previewed,
// "send now" queued and followed, an Arabic invitation and two reminders in the local inbox (the
// schedule driven by the test: the sending queue's consumer run at chosen times), and a personal
// link reopened after it was answered saying so.

const web = inject('webUrl');
const env = inject('stackEnv');
const DAY = 86_400_000;
const wait = { timeout: 30_000 };
let browser: Browser;
let token = '';

beforeAll(async () => {
  browser = await launch();
  token = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});
afterAll(async () => {
  await browser?.close();
});

type Mail = { subject: string; destination: { to: string[] }; body: { text: string; html?: string } };
const inbox = async (to: string): Promise<Mail[]> => {
  const store = (await (await fetch(`${env.SES_ENDPOINT}/store`)).json()) as { emails: Mail[] };
  return store.emails.filter((m) => m.destination.to.includes(to));
};
const personalLink = (text: string) =>
  /https?:\/\/\S+\/s\/[0-9a-z]{12}\?i=[\w-]+(&lang=\w+)?/.exec(text)?.[0];

/** The survey's due jobs run by the sending queue's consumer at `at` (other files' jobs left alone). */
async function runJobsAt(surveyId: string, at: Date) {
  for (const job of (await listDueJobs(at.toISOString())).filter((j) => j.surveyId === surveyId))
    await runQueuedJob(job, at, {});
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const next = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

describe('e-mails in the invitee’s language', () => {
  it('sends an Arabic invitee an Arabic invitation and two reminders, and a reopened answered link says so', async () => {
    const tag = Date.now().toString(36);
    const layla = `layla.${tag}@example.org`;
    const john = `john.${tag}@example.org`;
    const activityId = await putActivity({ title: `Workshop on return and reintegration ${tag}` });

    // The administrator imports the list with its language column, on a phone.
    const adminContext = await browser.newContext({ ...phone });
    const page = await signInPage(adminContext, web, DEMO_USERS[0], `/activities/${activityId}`);
    await page.getByLabel('CSV file').setInputFiles({
      name: 'attendance.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `Name,E-mail,Country,Language\nLayla Haddad,${layla},IQ,Arabic\nJohn Smith,${john},GB,en\n`,
      ),
    });
    await page.getByRole('button', { name: 'Import 2 people' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Added 2' }).count(), wait).toBe(1);
    await expect.poll(() => page.getByLabel('E-mail language of Layla Haddad').inputValue(), wait).toBe('ar');
    await shot(page, 'emails-1-attendance-language-phone');

    // A post-event survey with reminders 3 and 7 days after each invitation.
    const attached = await fetch(`${web}/api/activities/${activityId}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        templateId: 'post_event_feedback',
        kind: 'post_event',
        sendInvitationsAt: null,
        reminderDays: [3, 7],
      }),
    });
    expect(attached.status).toBe(201);
    const survey = (await attached.json()) as { id: string; code: string };

    // The Arabic text, previewed as Layla will receive it.
    await page.goto(`${web}/activities/${activityId}/surveys/${survey.id}`);
    await page.locator('#emails-lang').selectOption('ar');
    await expect.poll(() => page.locator('#emails-subject').inputValue(), wait).toBe('رأيك في «{activity}»');
    expect(await page.locator('#emails-subject').getAttribute('dir')).toBe('rtl');
    await page.locator('#emails-preview-for').selectOption({ label: 'Layla Haddad (ar)' });
    await page.getByRole('button', { name: 'Show preview' }).click();
    const frame = page.frameLocator('iframe[title="E-mail as received"]');
    await expect
      .poll(() => frame.locator('body').textContent(), wait)
      .toContain('عزيزي/عزيزتي Layla Haddad،');
    await shot(page, 'emails-2-arabic-preview-phone');
    // The section alone (the full page is long), as the administrator sees it.
    await page
      .locator('section[aria-labelledby="emails-heading"]')
      .screenshot({ path: resolve(ARTIFACTS, 'emails-2b-arabic-preview-section-phone.png') });

    // Send now: queued at once, then followed until sent.
    await page.getByRole('button', { name: 'Send invitations now' }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: '2 invitations queued' }).count(), wait)
      .toBe(1);
    await expect
      .poll(() => page.getByRole('list', { name: 'Invitations by status' }).textContent(), wait)
      .toContain('2 sent');
    await shot(page, 'emails-3-sent-counts-phone');
    await page
      .locator('section[aria-labelledby="invitations-heading"]')
      .screenshot({ path: resolve(ARTIFACTS, 'emails-3b-invitations-section-phone.png') });

    await expect.poll(async () => (await inbox(layla)).length, wait).toBe(1);
    const [invitation] = await inbox(layla);
    expect(invitation?.subject).toBe(`رأيك في «Workshop on return and reintegration ${tag}»`);
    expect(invitation?.body.text).toContain('عزيزي/عزيزتي Layla Haddad،');

    // John answers through his link on his phone, in English.
    const johnLink = personalLink((await inbox(john))[0]?.body.text ?? '') as string;
    expect(johnLink).toContain('&lang=en');
    const johnContext = await browser.newContext({ ...phone, locale: 'en-GB' });
    const johnPage = await johnContext.newPage();
    await johnPage.goto(johnLink);
    await expect.poll(() => heading(johnPage), wait).toBe('Your feedback on the event');
    await next(johnPage, 'Start');
    await johnPage.getByRole('radio', { name: 'Very satisfied', exact: true }).check();
    await next(johnPage, 'Next');
    await johnPage.getByRole('radio', { name: 'Agree', exact: true }).check();
    for (let i = 0; i < 4; i++) await next(johnPage, 'Next');
    await johnPage.getByRole('radio', { name: 'Strongly agree', exact: true }).check();
    await next(johnPage, 'Next');
    await johnPage
      .getByRole('group', { name: 'Before the event', exact: true })
      .getByRole('radio')
      .nth(1)
      .check();
    await johnPage.getByRole('group', { name: 'Now', exact: true }).getByRole('radio').nth(3).check();
    for (let i = 0; i < 7; i++) await next(johnPage, 'Next');
    await next(johnPage, 'Send my answers');
    await expect.poll(() => heading(johnPage), wait).toBe('Thank you!');
    // He opens the e-mailed link again: already answered, not the start screen.
    const again = await johnContext.newPage();
    await again.goto(johnLink);
    await expect.poll(() => heading(again), wait).toBe('You have already answered');
    expect(await again.getByRole('button', { name: 'Start' }).count()).toBe(0);
    await shot(again, 'emails-4-already-answered-phone');
    await johnContext.close();

    // The schedule, driven by the test: each reminder's day, each run twice (a retried run).
    const t0 = Date.now();
    for (const day of [3, 7]) {
      const at = new Date(t0 + day * DAY + 60_000);
      await runJobsAt(survey.id, at);
      await runJobsAt(survey.id, at);
    }
    await runJobsAt(survey.id, new Date(t0 + 20 * DAY));
    const laylaMails = await inbox(layla);
    expect(laylaMails.map((m) => m.subject)).toEqual([
      `رأيك في «Workshop on return and reintegration ${tag}»`,
      `تذكير: رأيك في «Workshop on return and reintegration ${tag}»`,
      `تذكير: رأيك في «Workshop on return and reintegration ${tag}»`,
    ]);
    expect(laylaMails[2]?.body.text).toContain('دعوناك قبل بضعة أيام');
    // John answered: no reminder for him.
    expect(await inbox(john)).toHaveLength(1);

    const inboxPage = await adminContext.newPage();
    await inboxPage.goto(env.SES_ENDPOINT as string);
    await expect.poll(() => inboxPage.getByText(layla).count(), wait).toBeGreaterThanOrEqual(3);
    await inboxPage.getByRole('button', { name: 'Toggle HTML view' }).first().click();
    await shot(inboxPage, 'emails-5-inbox-arabic-invitation-and-reminders');
    await adminContext.close();

    // Layla opens her second reminder on her phone: the survey in Arabic.
    const laylaContext = await browser.newContext({ ...phone, locale: 'en-GB' });
    const laylaPage = await laylaContext.newPage();
    await laylaPage.goto(personalLink(laylaMails[2]?.body.text ?? '') as string);
    await expect.poll(() => laylaPage.evaluate(() => document.documentElement.dir), wait).toBe('rtl');
    expect(await laylaPage.evaluate(() => document.documentElement.lang)).toBe('ar');
    await shot(laylaPage, 'emails-6-arabic-link-phone');
    await laylaContext.close();
  });
});
