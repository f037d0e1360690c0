import { createHash } from 'node:crypto';
import {
  FEEDBACK_MESSAGES,
  feedbackLanguage,
  fillIn,
  isolate,
  summaryLines,
} from '../../../shared/src/feedback/messages.js';
import { listAttendees } from '../activities/store.js';
import * as invitations from '../invitations/store.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, tableName } from '../lib/aws.js';
import {
  ConditionalCheckFailedException,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';
import { log } from '../lib/log.js';
import { sendMail } from '../lib/mail.js';
import { ProblemError } from '../lib/problem.js';
import type { SurveyRecord } from '../surveys/store.js';
import { type FeedbackMailRecord, getMailRecord } from './mail-record.js';
import type { SummarySnapshot } from './summary.js';

/** One e-mail of the summary in one language: subject and plain text. */
export function feedbackMail(snapshot: SummarySnapshot, lang: string): { subject: string; text: string } {
  const m = FEEDBACK_MESSAGES[lang] ?? (FEEDBACK_MESSAGES.en as (typeof FEEDBACK_MESSAGES)[string]);
  const activity = snapshot.activityTitle;
  return {
    subject: fillIn(m.subject, { activity }),
    text: [
      m.title,
      '',
      // The title keeps its own direction inside a right-to-left sentence (first-strong isolate).
      fillIn(m.intro, { activity: isolate(activity) }),
      '',
      ...summaryLines(snapshot.summary, lang).map((l) => `• ${l}`),
      '',
      m.thanks,
    ].join('\n'),
  };
}

interface Recipient {
  id: string;
  email: string;
  lang: string;
}

/**
 * Who gets the summary: every attendee with an e-mail, in their invitation's language when it has
 * one (else the survey's default, else English), and the organisers' addresses the administrator
 * gives (in the survey's default language). One e-mail per address.
 */
async function recipientsOf(survey: SurveyRecord, organisers: readonly string[]): Promise<Recipient[]> {
  const [attendees, invites] = await Promise.all([
    listAttendees(survey.activityId),
    invitations.listInvitations(survey.id),
  ]);
  const invitationLanguage = new Map(
    invites.map((i) => [i.attendeeId, (i as { language?: string }).language ?? null]),
  );
  const out = new Map<string, Recipient>();
  for (const a of attendees) {
    if (!a.email || out.has(a.email)) continue;
    const stored = invitationLanguage.get(a.id) ?? (a as { language?: string }).language ?? null;
    out.set(a.email, { id: a.id, email: a.email, lang: feedbackLanguage(stored, survey.languages[0]) });
  }
  for (const raw of organisers) {
    const email = raw.toLowerCase();
    if (out.has(email)) continue;
    const id = `org-${createHash('sha256').update(email).digest('base64url').slice(0, 22)}`;
    out.set(email, { id, email, lang: feedbackLanguage(survey.languages[0]) });
  }
  return [...out.values()];
}

/**
 * Starts a sending round: the first one only if none was started (409 otherwise, unless `resend`),
 * a resend as round n+1 conditional on round n, so two clicks never start two rounds. Audited.
 */
async function startRound(
  surveyId: string,
  resend: boolean,
  actor: string,
  recipients: number,
): Promise<number> {
  const now = new Date().toISOString();
  const previous = await getMailRecord(surveyId);
  // A round left unfinished (the request ran out of time) is continued, not started again: the
  // recipients already claimed are skipped.
  if (previous && previous.finishedAt === null && !resend) return previous.round;
  if (previous && !resend) {
    throw new ProblemError(
      409,
      'feedback-already-sent',
      `The summary was already sent on ${previous.startedAt.slice(0, 10)}. Choose "send again" to resend it.`,
    );
  }
  const round = (previous?.round ?? 0) + 1;
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.feedbackMail(surveyId),
                type: 'feedback-mail',
                round,
                startedAt: now,
                startedBy: actor,
                recipients,
                sent: 0,
                failed: 0,
                finishedAt: null,
              },
              ConditionExpression: previous ? '#round = :previous' : 'attribute_not_exists(pk)',
              ...(previous
                ? {
                    ExpressionAttributeNames: { '#round': 'round' },
                    ExpressionAttributeValues: { ':previous': previous.round },
                  }
                : {}),
            },
          },
          auditEntry({
            entity: 'survey',
            entityId: surveyId,
            action: resend ? 'feedback.resend' : 'feedback.send',
            actor,
            changes: { round, recipients },
          }),
        ],
      }),
    );
  } catch (err) {
    if ((err as { name?: string }).name === 'TransactionCanceledException')
      throw new ProblemError(
        409,
        'feedback-already-sent',
        'The summary is being sent by someone else right now.',
      );
    throw err;
  }
  return round;
}

/** Claims one recipient's e-mail of a round; false when a run already did (no second e-mail). */
async function claim(surveyId: string, round: number, recipientId: string): Promise<boolean> {
  try {
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.feedbackMailClaim(surveyId, round, recipientId),
          type: 'feedback-mail-claim',
          at: new Date().toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * Sends the summary to those who took part, through the platform's one e-mail path (lib/mail.ts,
 * as invitations). Each e-mail is claimed before it goes out (at most once per round and person).
 */
/** How long one request sends before it leaves the rest to the next call (the API's limit is 29 s). */
export const SEND_BUDGET_MS = 20_000;

export async function sendFeedback(
  survey: SurveyRecord,
  snapshot: SummarySnapshot,
  opts: { resend: boolean; organisers: readonly string[]; actor: string; deadline?: number },
): Promise<FeedbackMailRecord> {
  const deadline = opts.deadline ?? Date.now() + SEND_BUDGET_MS;
  const recipients = await recipientsOf(survey, opts.organisers);
  if (recipients.length === 0)
    throw new ProblemError(
      422,
      'no-recipients',
      'Nobody on the attendance list has an e-mail address, and no organiser was given.',
    );
  const round = await startRound(survey.id, opts.resend, opts.actor, recipients.length);
  let sent = 0;
  let failed = 0;
  let finished = true;
  for (const r of recipients) {
    if (Date.now() >= deadline) {
      finished = false;
      break;
    }
    if (!(await claim(survey.id, round, r.id))) continue;
    try {
      await sendMail({ to: r.email, ...feedbackMail(snapshot, r.lang) });
      sent++;
    } catch (err) {
      failed++;
      log.warn('feedback e-mail failed', { surveyId: survey.id, error: (err as Error).message });
    }
  }
  const out = await ddb()
    .send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.feedbackMail(survey.id),
        // Counts add up over the calls of one round; `finishedAt` stays null until it is done.
        UpdateExpression: `ADD sent :sent, failed :failed SET ${finished ? 'finishedAt = :at' : 'finishedAt = :none'}`,
        ConditionExpression: '#round = :round',
        ExpressionAttributeNames: { '#round': 'round' },
        ExpressionAttributeValues: {
          ':sent': sent,
          ':failed': failed,
          ':round': round,
          ...(finished ? { ':at': new Date().toISOString() } : { ':none': null }),
        },
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch((err) => {
      // Someone resent meanwhile (a new round): this round's counts no longer matter.
      if (err instanceof ConditionalCheckFailedException) return { Attributes: undefined };
      throw err;
    });
  if (!out.Attributes) return (await getMailRecord(survey.id)) as FeedbackMailRecord;
  const { pk, sk, type, ...record } = out.Attributes;
  return record as FeedbackMailRecord;
}
