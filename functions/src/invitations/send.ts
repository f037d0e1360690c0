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

async function runJob(job: invitations.Job, now: Date, report: RunReport): Promise<void> {
  const survey = await getSurvey(job.surveyId);
  const activity = survey ? await getActivity(survey.activityId) : null;
  if (!survey || !activity) {
    await invitations.finishJob(job);
    return;
  }
  if (Date.parse(survey.closesAt) <= now.getTime()) {
    // Nobody should be invited to, or reminded of, a survey that no longer takes answers.
    await invitations.finishJob(job);
    return;
  }
  if (job.kind === 'invite') {
    for (const attendee of await listAttendees(survey.activityId)) {
      if (!attendee.email) continue;
      const token = newToken();
      const claimed = await invitations.claimInvitation(
        { surveyId: survey.id, attendeeId: attendee.id, name: attendee.name, email: attendee.email, token },
        now.toISOString(),
      );
      if (!claimed) continue;
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
      if (!(await invitations.claimReminder(survey.id, invitation.attendeeId, now.toISOString()))) continue;
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
        report.failed++;
        log.warn('reminder failed', {
          surveyId: survey.id,
          attendeeId: invitation.attendeeId,
          error: (err as Error).message,
        });
      }
    }
  }
  await invitations.finishJob(job);
}

/**
 * One run of the scheduled sending: every job due by `now`. Safe to run concurrently or again after
 * a crash: each e-mail is claimed before it is sent.
 */
export async function runScheduledSending(now = new Date()): Promise<RunReport> {
  const report: RunReport = { jobs: 0, invited: 0, reminded: 0, failed: 0 };
  for (const job of await invitations.listDueJobs(now.toISOString())) {
    report.jobs++;
    await runJob(job, now, report);
  }
  return report;
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
): Promise<RunReport> {
  const job: invitations.Job = {
    surveyId: survey.id,
    activityId: survey.activityId,
    kind: 'invite',
    dueAt: now.toISOString(),
  };
  const report: RunReport = { jobs: 1, invited: 0, reminded: 0, failed: 0 };
  await runJob(job, now, report);
  return report;
}
