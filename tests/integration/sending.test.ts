import { randomUUID } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { backoffSeconds } from '../../functions/src/handlers/send.js';
import { dispatchDueJobs, runQueuedJob, type SendOptions } from '../../functions/src/invitations/send.js';
import { type Job, listDueJobs } from '../../functions/src/invitations/store.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { putActivity, putAttendees, sentMail } from '../support/fixtures.js';

// SES refusing or throttling: e-mails are retried by the next run instead of being marked failed for
// good, nobody gets two, and the counts stay right. SES is reached through a proxy in front of the
// local SES emulator that refuses sends (400 MessageRejected, as SES does) while `refuse` is true.

let refuse = false;
const sesEndpoint = process.env.SES_ENDPOINT as string;
let proxy: Server;
let admin = '';

beforeAll(async () => {
  const target = new URL(process.env.SES_ENDPOINT as string);
  proxy = createServer((req, res) => {
    if (refuse && req.method === 'POST') {
      req.resume();
      res.writeHead(400, { 'content-type': 'application/json', 'x-amzn-errortype': 'MessageRejected' });
      res.end(JSON.stringify({ message: 'Email address is not verified.' }));
      return;
    }
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  // Before this file's first env(): the API and the job send through the proxy.
  process.env.SES_ENDPOINT = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});
afterAll(async () => {
  // The worker process may run other files next: its SES is the emulator again.
  process.env.SES_ENDPOINT = sesEndpoint;
  await new Promise<void>((r) => proxy.close(() => r()));
});

const call = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  });

async function surveyWithAttendees(dueAt: string) {
  const activityId = await putActivity();
  const tag = randomUUID().slice(0, 8);
  const emails = [`a-${tag}@example.org`, `b-${tag}@example.org`, `c-${tag}@example.org`];
  await putAttendees(
    activityId,
    emails.map((email, i) => ({ name: `P${i}`, email })),
  );
  const res = await call(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', sendInvitationsAt: dueAt }),
  });
  return { survey: (await res.json()) as { id: string; code: string }, emails };
}

/** Runs this survey's due job only (other test files' jobs share the table), as the queue's consumer does. */
async function runJobOf(surveyId: string, at: Date, options: SendOptions = {}) {
  const job = (await listDueJobs(at.toISOString())).find((j) => j.surveyId === surveyId);
  if (!job) throw new Error('no due job');
  const { report, done } = await runQueuedJob(job, at, options);
  return { ...report, done };
}

describe('sending when SES refuses', () => {
  it('keeps the job due and retries the failed invitations on the next run, sending each once', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const { survey, emails } = await surveyWithAttendees(soon);
    const later = new Date(Date.now() + 120_000);

    refuse = true;
    const failed = await runJobOf(survey.id, later);
    expect(failed).toMatchObject({ failed: 3, invited: 0, unfinished: 1, done: false });
    expect((await listDueJobs(later.toISOString())).some((j) => j.surveyId === survey.id)).toBe(true);
    const statuses = async () =>
      ((await (await call(`/api/surveys/${survey.id}/invitations`)).json()) as { status: string }[]).map(
        (i) => i.status,
      );
    expect(await statuses()).toEqual(['failed', 'failed', 'failed']);

    refuse = false;
    const retried = await runJobOf(survey.id, later);
    expect(retried).toMatchObject({ failed: 0, invited: 3, unfinished: 0, done: true });
    expect(await statuses()).toEqual(['sent', 'sent', 'sent']);
    for (const email of emails) expect(await sentMail(email)).toHaveLength(1);
    const detail = (await (await call(`/api/surveys/${survey.id}`)).json()) as { invitedCount: number };
    expect(detail.invitedCount).toBe(3);
    expect((await listDueJobs(later.toISOString())).some((j) => j.surveyId === survey.id)).toBe(false);
  });

  it('paces e-mails to the configured rate', async () => {
    const { survey } = await surveyWithAttendees(new Date(Date.now() + 60_000).toISOString());
    const started = Date.now();
    const report = await runJobOf(survey.id, new Date(Date.now() + 120_000), { ratePerSecond: 5 });
    expect(report.invited).toBe(3);
    // Three e-mails at 5 a second: at least two gaps of 200 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });

  it('stops before the deadline and leaves the job due', async () => {
    const { survey } = await surveyWithAttendees(new Date(Date.now() + 60_000).toISOString());
    const later = new Date(Date.now() + 120_000);
    const report = await runJobOf(survey.id, later, { deadline: Date.now() - 1 });
    expect(report).toMatchObject({ unfinished: 1, invited: 0, done: false });
    expect((await listDueJobs(later.toISOString())).some((j) => j.surveyId === survey.id)).toBe(true);
    expect(await runJobOf(survey.id, later)).toMatchObject({ invited: 3, done: true });
  });
});

describe('the sending queue', () => {
  it('queues each due job once until the queue has had it for an hour', async () => {
    const { survey } = await surveyWithAttendees(new Date(Date.now() + 60_000).toISOString());
    const later = new Date(Date.now() + 120_000);
    const queued: Job[] = [];
    await dispatchDueJobs(later, async (job) => void queued.push(job));
    await dispatchDueJobs(later, async (job) => void queued.push(job));
    expect(queued.filter((j) => j.surveyId === survey.id)).toHaveLength(1);
    const muchLater = new Date(later.getTime() + 61 * 60_000);
    await dispatchDueJobs(muchLater, async (job) => void queued.push(job));
    expect(queued.filter((j) => j.surveyId === survey.id)).toHaveLength(2);
    expect(await runJobOf(survey.id, later)).toMatchObject({ invited: 3, done: true });
  });

  it('backs off exponentially, at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 9].map(backoffSeconds)).toEqual([60, 120, 240, 480, 900, 900]);
  });
});
