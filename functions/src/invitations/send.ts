import { getActivity, listAttendees } from '../activities/store.js';
import { env } from '../lib/env.js';
import { newToken } from '../lib/ids.js';
import { log } from '../lib/log.js';
import { sendMail } from '../lib/mail.js';
import type { SurveyRecord } from '../surveys/store.js';
import { getSurvey } from '../surveys/store.js';
import * as invitations from './store.js';

export interface RunReport {
  jobs: number;
  invited: number;
  reminded: number;
  failed: number;
  /** Jobs left for a later run: e-mails failed (retried with backoff) or the time ran out. */
  unfinished: number;
}

/** How a run sends: at most `ratePerSecond` e-mails a second (the SES quota), until `deadline`. */
export interface SendOptions {
  ratePerSecond?: number;
  /** Epoch ms after which no new e-mail is started (the Lambda's remaining time, with a margin). */
  deadline?: number;
}

const emptyReport = (): RunReport => ({ jobs: 0, invited: 0, reminded: 0, failed: 0, unfinished: 0 });

/** Waits between e-mails so a run stays within the SES sending rate. */
function pacer(ratePerSecond = 0): () => Promise<void> {
  const gap = ratePerSecond > 0 ? 1000 / ratePerSecond : 0;
  let next = 0;
  return async () => {
    const wait = next - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    next = Math.max(Date.now(), next) + gap;
  };
}

/** The personal link of an invitation. */
export const personalLink = (code: string, token: string) =>
  `${env().PUBLIC_BASE_URL}/s/${code}?i=${encodeURIComponent(token)}`;

function mailFor(
  kind: invitations.JobKind,
  survey: SurveyRecord,
  activityTitle: string,
  name: string,
  link: string,
) {
  const title = survey.title.en ?? Object.values(survey.title)[0] ?? 'Survey';
  const others = survey.languages.filter((l) => l !== 'en' && survey.title[l]).map((l) => survey.title[l]);
  const subject =
    kind === 'invite' ? `Your feedback: ${activityTitle}` : `Reminder: your feedback on ${activityTitle}`;
  const text = [
    `Dear ${name},`,
    '',
    kind === 'invite'
      ? `Thank you for taking part in "${activityTitle}". Please answer a short survey: ${title}.`
      : `A few days ago we asked for your feedback on "${activityTitle}". If you have a few minutes, please answer now.`,
    ...(others.length ? ['', ...others] : []),
    '',
    link,
    '',
    'Your answers are anonymous: they are not linked to your name or e-mail address.',
    `The survey is available in: ${survey.languages.join(', ')}.`,
  ].join('\n');
  return { subject, text };
}

/**
 * Sends what one job asks for. Each e-mail is claimed before it is sent, so a job can run again after
 * a crash, a timeout or a failure and sends only what is still due; a failed e-mail is released and
 * retried by the next run. Returns whether the job is done (nothing failed, nothing left).
 */
async function runJob(
  job: invitations.Job,
  now: Date,
  report: RunReport,
  options: SendOptions = {},
): Promise<boolean> {
  const pace = pacer(options.ratePerSecond);
  const outOfTime = () => options.deadline !== undefined && Date.now() >= options.deadline;
  const failedBefore = report.failed;
  const survey = await getSurvey(job.surveyId);
  const activity = survey ? await getActivity(survey.activityId) : null;
  if (!survey || !activity) {
    await invitations.finishJob(job);
    return true;
  }
  if (Date.parse(survey.closesAt) <= now.getTime()) {
    // Nobody should be invited to, or reminded of, a survey that no longer takes answers.
    await invitations.finishJob(job);
    return true;
  }
  let stopped = false;
  if (job.kind === 'invite') {
    for (const attendee of await listAttendees(survey.activityId)) {
      if (!attendee.email) continue;
      if (outOfTime()) {
        stopped = true;
        break;
      }
      const token = newToken();
      const claimed = await invitations.claimInvitation(
        { surveyId: survey.id, attendeeId: attendee.id, name: attendee.name, email: attendee.email, token },
        now.toISOString(),
      );
      if (!claimed) continue;
      await pace();
      try {
        const mail = mailFor(
          'invite',
          survey,
          activity.title,
          attendee.name,
          personalLink(survey.code, token),
        );
        await sendMail({ to: attendee.email, ...mail });
        await invitations.markInvitation(survey.id, attendee.id, {
          status: 'sent',
          at: new Date().toISOString(),
        });
        report.invited++;
      } catch (err) {
        await invitations.markInvitation(survey.id, attendee.id, {
          status: 'failed',
          error: (err as Error).message,
        });
        report.failed++;
        log.warn('invitation failed', {
          surveyId: survey.id,
          attendeeId: attendee.id,
          error: (err as Error).message,
        });
      }
    }
  } else {
    for (const invitation of await invitations.listInvitations(survey.id)) {
      if (invitation.status !== 'sent' || invitation.respondedAt || invitation.remindedAt) continue;
      if (outOfTime()) {
        stopped = true;
        break;
      }
      if (!(await invitations.claimReminder(survey.id, invitation.attendeeId, now.toISOString()))) continue;
      await pace();
      try {
        // Only the first token's hash is stored: the reminder carries a new token of its own.
        const token = newToken();
        await invitations.addReminderToken(survey.id, invitation.attendeeId, token);
        const link = personalLink(survey.code, token);
        await sendMail({
          to: invitation.email,
          ...mailFor('remind', survey, activity.title, invitation.name, link),
        });
        report.reminded++;
      } catch (err) {
        // Released, so the retry of this job sends it.
        await invitations.releaseReminder(survey.id, invitation.attendeeId);
        report.failed++;
        log.warn('reminder failed', {
          surveyId: survey.id,
          attendeeId: invitation.attendeeId,
          error: (err as Error).message,
        });
      }
    }
  }
  if (stopped || report.failed > failedBefore) {
    report.unfinished++;
    return false;
  }
  await invitations.finishJob(job);
  return true;
}

/**
 * One run of the scheduled sending: every job due by `now` (locally, and wherever no queue is
 * configured). Safe to run concurrently or again after a crash: each e-mail is claimed before it is
 * sent. A job with failed e-mails stays due, so the next run retries them.
 */
export async function runScheduledSending(now = new Date(), options: SendOptions = {}): Promise<RunReport> {
  const report = emptyReport();
  for (const job of await invitations.listDueJobs(now.toISOString())) {
    report.jobs++;
    await runJob(job, now, report, options);
  }
  return report;
}

/** How long a queued job is left to the queue before the dispatcher queues it again. */
export const REQUEUE_AFTER_MS = 60 * 60_000;

/**
 * In AWS, the scheduled run only puts each due job on the sending queue (SQS), once per
 * REQUEUE_AFTER_MS; the queue's consumer sends (`runQueuedJob`), paced to the SES quota, and SQS
 * retries a failed job with backoff, then moves it to the dead-letter queue.
 */
export async function dispatchDueJobs(
  now: Date,
  enqueue: (job: invitations.Job) => Promise<void>,
): Promise<number> {
  let queued = 0;
  for (const job of await invitations.listDueJobs(now.toISOString())) {
    if (!(await invitations.markQueued(job, now.getTime(), REQUEUE_AFTER_MS))) continue;
    await enqueue(job);
    queued++;
  }
  return queued;
}

/** Runs one job taken from the queue; `done` false means the queue should try it again later. */
export async function runQueuedJob(
  job: invitations.Job,
  now: Date,
  options: SendOptions,
): Promise<{ report: RunReport; done: boolean }> {
  const report = emptyReport();
  report.jobs = 1;
  const done = await runJob(job, now, report, options);
  return { report, done };
}

/** Puts a survey's invitation and reminder jobs in the outbox at its scheduled times. */
export async function scheduleJobs(
  survey: Pick<SurveyRecord, 'id' | 'activityId' | 'sendInvitationsAt' | 'reminderAt'>,
) {
  await invitations.scheduleJob({
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'invite',
    dueAt: survey.sendInvitationsAt,
  });
  await invitations.scheduleJob({
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'remind',
    dueAt: survey.reminderAt,
  });
}

/** Sends a survey's invitations now (to attendees not yet invited), as the administrator asks. */
export async function sendInvitationsNow(
  survey: Pick<SurveyRecord, 'id' | 'activityId'>,
  now = new Date(),
  options: SendOptions = {},
): Promise<RunReport> {
  const job: invitations.Job = {
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'invite',
    dueAt: now.toISOString(),
  };
  const report = emptyReport();
  report.jobs = 1;
  // What is not sent within the request (time, or failures) is left to the scheduled sending.
  if (!(await runJob(job, now, report, options))) await invitations.scheduleJob(job);
  return report;
}
