import type { KnowledgeScore } from '../../../shared/src/responses/rules.js';
import type { Answers, ResponseSubmission } from '../../../shared/src/responses/schema.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import {
  ConditionalCheckFailedException,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteCommand,
} from '../lib/dynamodb.js';
import { hashToken } from '../lib/ids.js';
import { keys } from '../lib/keys.js';

/** A stored response: normalised answers, never the invitation token or the client's address. */
export interface ResponseRecord {
  surveyId: string;
  activityId: string;
  responseId: string;
  surveyVersion: number;
  language: string;
  answers: Answers;
  pairingCode?: string;
  score?: Pick<KnowledgeScore, 'points' | 'maxPoints' | 'percent'>;
  startedAt: string;
  submittedAt: string;
  receivedAt: string;
  /**
   * False for a repeat attempt: the same pairing code already answered this survey. Kept as raw
   * data; it adds no aggregate delta and counts in no figure about people (absent means true).
   */
  counted?: boolean;
  /** The submission as sent, to tell an identical resend (200) from a conflicting one (409). */
  submission: ResponseSubmission;
  /** Set when an administrator excluded it (a test or duplicate); `counted` is then false. */
  excluded?: Exclusion;
  /** Answered through a personal link (which one is not kept): it counts for the response rate. */
  personalLink?: true;
  /**
   * Set on every response written since the stream consumer keeps the survey's counters: the
   * consumer counts only these, so a response whose submission still moved the counter itself
   * (written by the previous code while a deployment rolls out) is never counted twice.
   */
  tally?: 'stream';
}

/**
 * `answered`: the personal link (invitation) was already used for another response; `gone`: the
 * survey was deleted meanwhile. Nothing is written in either case.
 */
export type SubmitOutcome = 'created' | 'duplicate' | 'conflict' | 'answered' | 'gone';

/**
 * The invitation a personal link's token belongs to, if any (pattern 14): found by the token's hash.
 * A reminder's token has its own lookup item that names the invitation (`invitationSk`).
 */
export async function findInvitation(
  token: string,
): Promise<{ pk: string; sk: string; respondedAt?: string } | null> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.invitationToken(hashToken(token)).gsi2pk },
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  if (!item) return null;
  if (typeof item.invitationSk === 'string') return { pk: item.pk as string, sk: item.invitationSk };
  return {
    pk: item.pk as string,
    sk: item.sk as string,
    respondedAt: item.respondedAt as string | undefined,
  };
}

function cancelledBy(err: unknown): string[] {
  if (!(err instanceof TransactionCanceledException)) return [];
  return (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/**
 * Writes a response exactly once (pattern 10): the put is conditional on the client's response id
 * being new. A resend finds the stored response and compares submissions: identical is a duplicate,
 * anything else a conflict. `same` decides whether two submissions are the same (ignoring e.g. the
 * device's resend time).
 *
 * One conditional put in the common case, a transaction only where another item must move with the
 * response: the survey's `answered` flag while the caller's copy of the survey does not show it set
 * (`surveyAnswered`; the first responses of a survey: it guards editing in place and deleting,
 * functions/src/surveys/store.ts), a personal link's invitation (answered once), a pairing code's
 * first attempt (a later one of the same device is a repeat). No figure and no counter is written
 * here: the stream consumer folds each response into its activity's roll-up and its survey's
 * counter, exactly once (functions/src/rollups/consume.ts), off the participant's round trip.
 */
export async function submitResponse(
  record: ResponseRecord,
  invitation: { pk: string; sk: string } | null,
  same: (a: ResponseSubmission, b: ResponseSubmission) => boolean,
  surveyAnswered: boolean,
  attempt = 1,
): Promise<SubmitOutcome> {
  // The first response of a pairing code claims the code for this survey; a repeat finds the claim.
  const claim = record.pairingCode && record.counted !== false;
  const put = {
    TableName: tableName(),
    Item: {
      ...keys.response(record.surveyId, record.responseId),
      type: 'response',
      ...record,
      ...(invitation ? { personalLink: true } : {}),
      tally: 'stream',
    },
    ConditionExpression: 'attribute_not_exists(pk)',
  };
  const others: { what: 'survey' | 'invitation' | 'claim'; item: Record<string, unknown> }[] = [];
  if (!surveyAnswered)
    others.push({
      what: 'survey',
      item: {
        Update: {
          TableName: tableName(),
          Key: keys.survey(record.surveyId),
          UpdateExpression: 'SET answered = :yes',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':yes': true },
        },
      },
    });
  if (invitation)
    others.push({
      what: 'invitation',
      item: {
        Update: {
          TableName: tableName(),
          Key: { pk: invitation.pk, sk: invitation.sk },
          // Answered once counts once for the response rate, however many times the link is used.
          UpdateExpression: 'SET respondedAt = :now',
          ConditionExpression: 'attribute_not_exists(respondedAt)',
          ExpressionAttributeValues: { ':now': record.receivedAt },
        },
      },
    });
  if (claim)
    others.push({
      what: 'claim',
      item: {
        Put: {
          TableName: tableName(),
          Item: {
            ...keys.firstAttempt(record.surveyId, record.pairingCode as string),
            type: 'first-attempt',
            responseId: record.responseId,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    });
  const existingOutcome = async (err: unknown) => {
    const existing = await getResponse(record.surveyId, record.responseId);
    if (!existing) throw err;
    return same(existing.submission, record.submission) ? 'duplicate' : 'conflict';
  };
  if (others.length === 0) {
    try {
      await ddb().send(new PutCommand(put));
      return 'created';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return existingOutcome(err);
      throw err;
    }
  }
  try {
    await ddb().send(
      new TransactWriteCommand({ TransactItems: [{ Put: put }, ...others.map((o) => o.item)] as never }),
    );
    return 'created';
  } catch (err) {
    const reasons = cancelledBy(err);
    if (reasons[0] === 'ConditionalCheckFailed') return existingOutcome(err);
    const failed = (what: string) =>
      reasons[1 + others.findIndex((o) => o.what === what)] === 'ConditionalCheckFailed';
    if (failed('survey')) return 'gone';
    if (failed('invitation')) {
      // The invitation was already answered with another response id: a personal link answers once.
      return 'answered';
    }
    if (failed('claim')) {
      // A repeat attempt of the same device: stored, counted nowhere (no aggregate delta).
      return submitResponse({ ...record, counted: false }, invitation, same, surveyAnswered, attempt);
    }
    if (reasons.includes('TransactionConflict') && attempt < 8) {
      // Another transaction touched the same item at the same moment (the survey's, in a room's
      // burst of first responses): retrying is safe, the response put is still conditional on the
      // id being new. Once one of them has set the flag the others need not: they become one put.
      // Jittered backoff spreads a burst.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      const answered = surveyAnswered || (await surveyIsAnswered(record.surveyId));
      return submitResponse(record, invitation, same, answered, attempt + 1);
    }
    throw err;
  }
}

/** Whether a survey's `answered` flag is set, read consistently (its META item, one attribute). */
async function surveyIsAnswered(surveyId: string): Promise<boolean> {
  const out = await ddb().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.survey(surveyId),
      ConsistentRead: true,
      ProjectionExpression: 'answered',
    }),
  );
  return out.Item?.answered === true;
}

/** One stored response (pattern 11). */
export async function getResponse(surveyId: string, responseId: string): Promise<ResponseRecord | null> {
  const out = await ddb().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.response(surveyId, responseId),
      ConsistentRead: true,
    }),
  );
  return (out.Item as ResponseRecord | undefined) ?? null;
}

/** Every response of a survey (pattern 12), in pages of up to 1 MB. */
export function listResponses(surveyId: string): Promise<ResponseRecord[]> {
  return queryAll<ResponseRecord>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.responses(surveyId).pk },
  });
}

/** A survey's response counters, summed over their shards (one query of at most 16 small items). */
export async function countResponses(surveyId: string): Promise<{ responses: number; responded: number }> {
  const k = keys.counterShards(surveyId);
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
      ConsistentRead: true,
    }),
  );
  let responses = 0;
  let responded = 0;
  for (const item of out.Items ?? []) {
    responses += Number(item.responses ?? 0);
    responded += Number(item.responded ?? 0);
  }
  return { responses, responded };
}

/** Why and by whom a response was excluded (test or duplicate); it stays stored, counted nowhere. */
export interface Exclusion {
  by: string;
  at: string;
  reason: string;
  /** Whether it counted before (false: a repeat attempt); undo restores exactly this. */
  wasCounted: boolean;
}

/**
 * Excludes a response (exclude) or undoes its exclusion (restore), exactly once, in one transaction
 * with its audit entry: excluding sets `excluded` and `counted: false`; undoing removes `excluded`
 * and restores `counted` to what it was. The roll-up consumer sees one MODIFY that flips `counted`
 * and moves the response's contribution out of (or back into) the figures. The pairing code's
 * `ATTEMPT#` claim is left alone: a later attempt of that device stays a repeat. 'unchanged' when
 * it was already so.
 */
export async function setExclusion(
  record: ResponseRecord,
  action:
    | { exclude: true; by: string; at: string; reason: string }
    | { exclude: false; by: string; at: string; reason?: string },
  audit: { Put: Record<string, unknown> },
): Promise<'changed' | 'unchanged'> {
  const key = keys.response(record.surveyId, record.responseId);
  let change: Record<string, unknown>;
  if (action.exclude) {
    if (record.excluded) return 'unchanged';
    const wasCounted = record.counted !== false;
    const excluded: Exclusion = { by: action.by, at: action.at, reason: action.reason, wasCounted };
    change = {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET excluded = :ex, counted = :no',
      ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(excluded)',
      ExpressionAttributeValues: { ':ex': excluded, ':no': false },
    };
  } else {
    if (!record.excluded) return 'unchanged';
    change = {
      TableName: tableName(),
      Key: key,
      UpdateExpression: 'SET counted = :c REMOVE excluded',
      ConditionExpression: 'excluded.#at = :at',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':c': record.excluded.wasCounted, ':at': record.excluded.at },
    };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb().send(new TransactWriteCommand({ TransactItems: [{ Update: change }, audit] as never }));
      return 'changed';
    } catch (err) {
      const reasons = cancelledBy(err);
      // Excluded (or restored) meanwhile by another request: nothing more to do.
      if (reasons[0] === 'ConditionalCheckFailed') return 'unchanged';
      if (reasons.includes('TransactionConflict') && attempt < 8) {
        await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
        continue;
      }
      throw err;
    }
  }
}
