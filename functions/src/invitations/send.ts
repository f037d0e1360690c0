import { languageFor } from '../../../shared/src/invitations/kinds.js';
import { dueReminder, nextReminderAt } from '../../../shared/src/invitations/reminders.js';
import { getActivity, listAttendees } from '../activities/store.js';
import { env } from '../lib/env.js';
import { newToken } from '../lib/ids.js';
import { log } from '../lib/log.js';
import { sendMail } from '../lib/mail.js';
import type { SurveyRecord } from '../surveys/store.js';
import { getSurvey } from '../surveys/store.js';
import { composeEmail } from './compose.js';
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

/** The personal link of an invitation, opening the survey in the invitee's language. */
export const personalLink = (code: string, token: string, lang?: string) =>
  `${env().PUBLIC_BASE_URL}/s/${code}?i=${encodeURIComponent(token)}${lang ? `&lang=${encodeURIComponent(lang)}` : ''}`;

/** The intervals of a survey's reminders, reading surveys stored with one `reminderAt` before. */
export function reminderDaysOf(survey: {
  reminderDays?: number[];
  reminderAt?: string | null;
  sendInvitationsAt?: string | null;
}): number[] {
  if (survey.reminderDays) return survey.reminderDays;
  if (!survey.reminderAt) return [];
  const from = survey.sendInvitationsAt
    ? Date.parse(survey.sendInvitationsAt)
    : Date.parse(survey.reminderAt);
  return [Math.max(1, Math.round((Date.parse(survey.reminderAt) - from) / 86_400_000))];
}

/** SES tags that let a bounce notification find the invitation it is about (handlers/bounces.ts). */
const tagsOf = (surveyId: string, attendeeId: string) => ({ survey: surveyId, attendee: attendeeId });

/**
 * Puts the survey's reminder job at the time the next reminder of any invitation falls due (or
 * removes it when none is left before the survey closes).
 */
export async function scheduleReminders(
  survey: Pick<SurveyRecord, 'id' | 'activityId' | 'closesAt'> & {
    reminderDays?: number[];
    reminderAt?: string | null;
    sendInvitationsAt?: string | null;
  },
  now: Date,
): Promise<void> {
  const list = await invitations.listInvitations(survey.id);
  const next = nextReminderAt(
    reminderDaysOf(survey),
    list.map((i) => ({ ...i, remindersSent: invitations.remindersSentOf(i) })),
    now.getTime(),
    survey.closesAt,
  );
  await invitations.scheduleJob({
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'remind',
    dueAt: next === null ? null : new Date(next).toISOString(),
  });
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
  if (survey.archived || Date.parse(survey.closesAt) <= now.getTime()) {
    // Nobody should be invited to, or reminded of, a survey that no longer takes answers.
    await invitations.finishJob(job);
    if (job.kind === 'invite') await invitations.scheduleJob({ ...job, kind: 'remind', dueAt: null });
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
      const language = languageFor(survey, attendee.language);
      const claimed = await invitations.claimInvitation(
        {
          surveyId: survey.id,
          attendeeId: attendee.id,
          name: attendee.name,
          email: attendee.email,
          language,
          token,
        },
        now.toISOString(),
      );
      if (!claimed) continue;
      await pace();
      try {
        const mail = composeEmail(
          survey,
          activity.title,
          attendee,
          'invite',
          language,
          personalLink(survey.code, token, language),
        );
        const messageId = await sendMail({
          to: attendee.email,
          ...mail,
          tags: tagsOf(survey.id, attendee.id),
        });
        await invitations.markInvitation(survey.id, attendee.id, {
          status: 'sent',
          at: new Date().toISOString(),
          messageId,
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
    const days = reminderDaysOf(survey);
    for (const invitation of await invitations.listInvitations(survey.id)) {
      const sent = invitations.remindersSentOf(invitation);
      const n = dueReminder(days, { ...invitation, remindersSent: sent }, now.getTime(), survey.closesAt);
      if (n === null) continue;
      if (outOfTime()) {
        stopped = true;
        break;
      }
      // Reminder n goes once: the claim moves the invitation's count from n to n + 1.
      if (!(await invitations.claimReminder(survey.id, invitation.attendeeId, now.toISOString(), n)))
        continue;
      await pace();
      try {
        // Only the first token's hash is stored: each reminder carries a new token of its own.
        const token = newToken();
        await invitations.addReminderToken(survey.id, invitation.attendeeId, token, n);
        const language = invitation.language ?? languageFor(survey);
        const mail = composeEmail(
          survey,
          activity.title,
          invitation,
          'remind',
          language,
          personalLink(survey.code, token, language),
        );
        await sendMail({ to: invitation.email, ...mail, tags: tagsOf(survey.id, invitation.attendeeId) });
        report.reminded++;
      } catch (err) {
        // Released, so the retry of this job sends it.
        await invitations.releaseReminder(survey.id, invitation.attendeeId, n);
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
  if (job.kind === 'invite') {
    await invitations.finishJob(job);
  }
  // The reminder job moves on to the next reminder due (after invitations: their first one).
  await scheduleReminders(survey, now);
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

/** Puts a survey's invitation job in the outbox at its scheduled time, and its reminder job when due. */
export async function scheduleJobs(
  survey: Pick<SurveyRecord, 'id' | 'activityId' | 'sendInvitationsAt' | 'closesAt'> & {
    reminderDays?: number[];
  },
  now = new Date(),
) {
  await invitations.scheduleJob({
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'invite',
    dueAt: survey.sendInvitationsAt,
  });
  await scheduleReminders(survey, now);
}

/**
 * Sends a survey's invitations now (to attendees not invited yet), as the administrator asks: the
 * job is put in the outbox, due now, and on the sending queue; the request does not wait for the
 * e-mails. Returns how many people it will reach.
 */
export async function enqueueInvitationsNow(
  survey: Pick<SurveyRecord, 'id' | 'activityId'>,
  enqueue: (job: invitations.Job) => Promise<void>,
  now = new Date(),
): Promise<{ queued: number }> {
  const [attendees, invited] = await Promise.all([
    listAttendees(survey.activityId),
    invitations.listInvitations(survey.id),
  ]);
  const done = new Set(invited.filter((i) => i.status !== 'failed').map((i) => i.attendeeId));
  const queued = attendees.filter((a) => a.email && !done.has(a.id)).length;
  const job: invitations.Job = {
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'invite',
    dueAt: now.toISOString(),
  };
  await invitations.scheduleJob(job);
  await enqueue(job);
  return { queued };
}
