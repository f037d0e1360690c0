import { ddb, queryAll, tableName } from '../lib/aws.js';
import {
  ConditionalCheckFailedException,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '../lib/dynamodb.js';
import { hashToken } from '../lib/ids.js';
import { keys } from '../lib/keys.js';

// Invitations and their schedule. A survey has up to two jobs in the outbox (send invitations,
// send the reminders due), each an item sorted by due time on gsi1 `OUTBOX`. Each e-mail is claimed
// with a conditional write before it goes out, so overlapping or retried runs never send twice:
// an invitation once, and each reminder `n` of an invitation once (`remindersSent` moves n -> n+1).

export type JobKind = 'invite' | 'remind';

export interface Job {
  surveyId: string;
  activityId: string;
  kind: JobKind;
  dueAt: string;
}

/** `queued` is never stored: the list shows it for people a pending invitation job will reach. */
export type InvitationStatus = 'sending' | 'sent' | 'failed' | 'bounced';

export interface InvitationRecord {
  surveyId: string;
  attendeeId: string;
  name: string;
  email: string;
  /** The language the e-mails were written in (the attendee's, else the survey's default). */
  language?: string;
  /** SHA-256 of the personal link's token; the token itself is only in the e-mail (docs/data-model.md). */
  tokenHash: string;
  status: InvitationStatus;
  claimedAt: string;
  sentAt?: string;
  /** When the latest reminder was claimed. */
  remindedAt?: string;
  /** How many reminders were claimed (each sent once; absent with `remindedAt`: one, from before). */
  remindersSent?: number;
  respondedAt?: string;
  /** SES message id of the latest e-mail. */
  messageId?: string;
  bouncedAt?: string;
  bounceType?: string;
  error?: string;
}

/** Reminders an invitation has had, reading items written before several reminders existed. */
export const remindersSentOf = (i: Pick<InvitationRecord, 'remindersSent' | 'remindedAt'>) =>
  i.remindersSent ?? (i.remindedAt ? 1 : 0);

const jobKey = (surveyId: string, kind: JobKind) => ({ pk: `SURVEY#${surveyId}`, sk: `JOB#${kind}` });

/** Puts (or moves, or removes when `dueAt` is null) a survey's job in the outbox. */
export async function scheduleJob(job: Omit<Job, 'dueAt'> & { dueAt: string | null }): Promise<void> {
  if (job.dueAt === null) {
    await ddb().send(new DeleteCommand({ TableName: tableName(), Key: jobKey(job.surveyId, job.kind) }));
    return;
  }
  await ddb().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...jobKey(job.surveyId, job.kind),
        ...keys.outbox(),
        gsi1sk: `${job.dueAt}#${job.surveyId}#${job.kind}`,
        type: 'job',
        ...job,
      },
    }),
  );
}

/** A survey's pending job of one kind, or null. */
export async function getJob(surveyId: string, kind: JobKind): Promise<Job | null> {
  const out = await ddb().send(new GetCommand({ TableName: tableName(), Key: jobKey(surveyId, kind) }));
  const i = out.Item;
  return i
    ? { surveyId: i.surveyId as string, activityId: i.activityId as string, kind, dueAt: i.dueAt as string }
    : null;
}

/** Jobs due at `now` or earlier, oldest first (pattern 13). */
export async function listDueJobs(now: string): Promise<Job[]> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': keys.outbox().gsi1pk, ':now': `${now}~` },
    }),
  );
  return (out.Items ?? []).map((i) => ({
    surveyId: i.surveyId as string,
    activityId: i.activityId as string,
    kind: i.kind as JobKind,
    dueAt: i.dueAt as string,
  }));
}

/** Removes a finished job, unless it was rescheduled meanwhile (then its due time changed). */
export async function finishJob(job: Job): Promise<void> {
  try {
    await ddb().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: jobKey(job.surveyId, job.kind),
        ConditionExpression: 'dueAt = :due',
        ExpressionAttributeValues: { ':due': job.dueAt },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/** The invitations of a survey (for the response rate and the admin's list). */
export function listInvitations(surveyId: string): Promise<InvitationRecord[]> {
  return queryAll<InvitationRecord>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.survey(surveyId).pk, ':sk': 'INVITE#' },
  });
}

/**
 * Claims the invitation of one attendee: succeeds only for the first caller, ever. The claim is
 * written before the e-mail is sent, so a crash after it leaves the invitation `sending` (shown to
 * the administrator) rather than risking a second e-mail. Counts the invitation on the survey.
 */
export async function claimInvitation(
  { token, ...invitation }: Omit<InvitationRecord, 'status' | 'claimedAt' | 'tokenHash'> & { token: string },
  now: string,
): Promise<boolean> {
  const tokenHash = hashToken(token);
  let retry = false;
  try {
    await ddb()
      .send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...keys.invitation(invitation.surveyId, invitation.attendeeId),
            ...keys.invitationToken(tokenHash),
            type: 'invitation',
            ...invitation,
            tokenHash,
            status: 'sending',
            claimedAt: now,
          },
          // A first claim, or a new try after a failed send (with a new token: the old one went nowhere).
          ConditionExpression: 'attribute_not_exists(pk) OR #s = :failed',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed' },
          ReturnValues: 'ALL_OLD',
        }),
      )
      .then((out) => {
        retry = out.Attributes !== undefined;
      });
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
  if (retry) return true; // counted at the first claim
  await ddb().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.survey(invitation.surveyId),
      UpdateExpression: 'ADD invitedCount :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
  return true;
}

/** Records the outcome of sending an invitation. */
export async function markInvitation(
  surveyId: string,
  attendeeId: string,
  outcome: { status: 'sent'; at: string; messageId?: string } | { status: 'failed'; error: string },
): Promise<void> {
  await ddb().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.invitation(surveyId, attendeeId),
      UpdateExpression:
        outcome.status === 'sent'
          ? 'SET #s = :s, sentAt = :at, messageId = :m REMOVE #e'
          : 'SET #s = :s, #e = :e',
      ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
      ExpressionAttributeValues:
        outcome.status === 'sent'
          ? { ':s': 'sent', ':at': outcome.at, ':m': outcome.messageId ?? null }
          : { ':s': 'failed', ':e': outcome.error },
    }),
  );
}

/** Gives reminder `n` back after its sending failed, so the next run sends it. */
export async function releaseReminder(surveyId: string, attendeeId: string, n = 0): Promise<void> {
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.invitation(surveyId, attendeeId),
        UpdateExpression: n === 0 ? 'REMOVE remindedAt, remindersSent' : 'SET remindersSent = :n',
        ConditionExpression: 'remindersSent = :next',
        ExpressionAttributeValues: n === 0 ? { ':next': 1 } : { ':n': n, ':next': n + 1 },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

/**
 * Marks an invitation bounced (SES bounce notification): no reminder goes to it. False when the
 * survey or the invitation is unknown (deleted meanwhile, or not ours).
 */
export async function markBounced(
  surveyId: string,
  attendeeId: string,
  bounce: { at: string; type: string },
): Promise<boolean> {
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.invitation(surveyId, attendeeId),
        UpdateExpression: 'SET #s = :s, bouncedAt = :at, bounceType = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': 'bounced', ':at': bounce.at, ':t': bounce.type },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * Marks a due job as put on the sending queue, unless it was queued less than `afterMs` ago
 * (the queue is still retrying it). False when another run queued it meanwhile.
 */
export async function markQueued(job: Job, now: number, afterMs: number): Promise<boolean> {
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: jobKey(job.surveyId, job.kind),
        UpdateExpression: 'SET queuedAt = :now',
        ConditionExpression: 'dueAt = :due AND (attribute_not_exists(queuedAt) OR queuedAt < :before)',
        ExpressionAttributeValues: { ':now': now, ':due': job.dueAt, ':before': now - afterMs },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * Claims reminder `n` (0-based) of an invitation that is sent and not answered: succeeds once, for
 * the first caller, when the invitation has had exactly `n` reminders; false otherwise.
 */
export async function claimReminder(
  surveyId: string,
  attendeeId: string,
  now: string,
  n = 0,
): Promise<boolean> {
  const had =
    n === 0
      ? 'attribute_not_exists(remindersSent) AND attribute_not_exists(remindedAt)'
      : n === 1
        ? '(remindersSent = :n OR (attribute_not_exists(remindersSent) AND attribute_exists(remindedAt)))'
        : 'remindersSent = :n';
  try {
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.invitation(surveyId, attendeeId),
        UpdateExpression: 'SET remindedAt = :now, remindersSent = :next',
        ConditionExpression: `#s = :sent AND attribute_not_exists(respondedAt) AND ${had}`,
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':now': now,
          ':sent': 'sent',
          ':next': n + 1,
          ...(n === 0 ? {} : { ':n': n }),
        },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * Registers the token of a reminder's link: a new token (the first one is not stored, so it cannot be
 * sent again), looked up like the first through its hash, pointing at the same invitation.
 */
export async function addReminderToken(
  surveyId: string,
  attendeeId: string,
  token: string,
  n = 0,
): Promise<void> {
  await ddb().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.invitationReminderToken(surveyId, attendeeId, n),
        ...keys.invitationToken(hashToken(token)),
        type: 'invitation-token',
        invitationSk: keys.invitation(surveyId, attendeeId).sk,
      },
    }),
  );
}

/**
 * Migration for tables written before tokens were hashed: replaces every stored `token` attribute of
 * an invitation by its hash, in the attribute and in the index key. Idempotent; run by `npm start`.
 */
export async function hashStoredTokens(): Promise<number> {
  let migrated = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: '#type = :invitation AND attribute_exists(#token)',
        ExpressionAttributeNames: { '#type': 'type', '#token': 'token' },
        ExpressionAttributeValues: { ':invitation': 'invitation' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const tokenHash = hashToken(String(item.token));
      await ddb().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: { pk: item.pk, sk: item.sk },
          UpdateExpression: 'SET tokenHash = :hash, gsi2pk = :gsi2pk REMOVE #token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: {
            ':hash': tokenHash,
            ':gsi2pk': keys.invitationToken(tokenHash).gsi2pk,
          },
        }),
      );
      migrated++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return migrated;
}

/** Whether the invitation a token led to was answered (a reminder's token names its invitation). */
export async function invitationAnswered(found: {
  pk: string;
  sk: string;
  respondedAt?: string;
}): Promise<boolean> {
  if (found.respondedAt) return true;
  const out = await ddb().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: found.pk, sk: found.sk },
      ProjectionExpression: 'respondedAt',
    }),
  );
  return Boolean(out.Item?.respondedAt);
}
