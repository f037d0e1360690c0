import { createHash } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { KnowledgeScore } from '../../../shared/src/responses/rules.js';
import type { Answers, ResponseSubmission } from '../../../shared/src/responses/schema.js';
import { ddb, tableName } from '../lib/aws.js';
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
  /** The submission as sent, to tell an identical resend (200) from a conflicting one (409). */
  submission: ResponseSubmission;
}

export type SubmitOutcome = 'created' | 'duplicate' | 'conflict';

/** SHA-256 of an invitation token: the only form in which tokens are stored. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The invitation a personal link's token belongs to, if any (pattern 14). */
export async function findInvitation(
  token: string,
): Promise<{ pk: string; sk: string; respondedAt?: string } | null> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.invitationToken(tokenHash(token)).gsi2pk },
      Limit: 1,
    }),
  );
  const item = out.Items?.[0];
  return item
    ? { pk: item.pk as string, sk: item.sk as string, respondedAt: item.respondedAt as string | undefined }
    : null;
}

function cancelledBy(err: unknown): string[] {
  if (!(err instanceof TransactionCanceledException)) return [];
  return (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/**
 * Writes a response exactly once (pattern 10): the put is conditional on the client's response id
 * being new, and the survey's counters move in the same transaction. A resend finds the stored
 * response and compares submissions: identical is a duplicate, anything else a conflict.
 * `same` decides whether two submissions are the same (ignoring e.g. the device's resend time).
 */
export async function submitResponse(
  record: ResponseRecord,
  invitation: { pk: string; sk: string } | null,
  same: (a: ResponseSubmission, b: ResponseSubmission) => boolean,
  attempt = 1,
): Promise<SubmitOutcome> {
  const items = [
    {
      Put: {
        TableName: tableName(),
        Item: { ...keys.response(record.surveyId, record.responseId), type: 'response', ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName(),
        Key: keys.survey(record.surveyId),
        UpdateExpression: invitation
          ? 'ADD responseCount :one, respondedCount :one'
          : 'ADD responseCount :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    },
    ...(invitation
      ? [
          {
            Update: {
              TableName: tableName(),
              Key: { pk: invitation.pk, sk: invitation.sk },
              // Answered once counts once for the response rate, however many times the link is used.
              UpdateExpression: 'SET respondedAt = :now REMOVE gsi1pk, gsi1sk',
              ConditionExpression: 'attribute_not_exists(respondedAt)',
              ExpressionAttributeValues: { ':now': record.receivedAt },
            },
          },
        ]
      : []),
  ];
  try {
    await ddb().send(new TransactWriteCommand({ TransactItems: items }));
    return 'created';
  } catch (err) {
    const reasons = cancelledBy(err);
    if (reasons[0] === 'ConditionalCheckFailed') {
      const existing = await getResponse(record.surveyId, record.responseId);
      if (!existing) throw err;
      return same(existing.submission, record.submission) ? 'duplicate' : 'conflict';
    }
    if (invitation && reasons[2] === 'ConditionalCheckFailed') {
      // The invitation was already answered (a second response from the same link): keep the
      // response, count it, but not again in the response rate.
      return submitResponse(record, null, same, attempt);
    }
    if (reasons.includes('TransactionConflict') && attempt < 8) {
      // Another transaction touched the survey item at the same moment: retrying is safe, the
      // response put is still conditional on the id being new. Jittered backoff spreads a burst.
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      return submitResponse(record, invitation, same, attempt + 1);
    }
    throw err;
  }
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
export async function listResponses(surveyId: string): Promise<ResponseRecord[]> {
  const all: ResponseRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.responses(surveyId).pk },
        ExclusiveStartKey: start,
      }),
    );
    all.push(...((out.Items ?? []) as ResponseRecord[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return all;
}
