import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import {
  ConditionalCheckFailedException,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '../lib/dynamodb.js';
import { hashToken, newId, newToken } from '../lib/ids.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';
import type { SummarySnapshot } from './summary.js';

// Read-only share links to a survey's feedback summary (docs/data-model.md, pattern 23). A link's
// token (128 random bits) is given once, in the answer that creates it; only its SHA-256 is kept,
// as for invitation tokens. The summary is computed when the link is made and kept on the link,
// so a public view is one query and one read, whoever calls it and however often.

export interface FeedbackLink {
  id: string;
  surveyId: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  snapshot: SummarySnapshot;
}

const fromItem = (i: Record<string, unknown>): FeedbackLink => ({
  id: String(i.id),
  surveyId: String(i.surveyId),
  createdAt: String(i.createdAt),
  createdBy: String(i.createdBy),
  revokedAt: (i.revokedAt as string | undefined) ?? null,
  snapshot: i.snapshot as SummarySnapshot,
});

/** Makes a share link; returns it with its token (never stored). Audited. */
export async function createLink(
  surveyId: string,
  snapshot: SummarySnapshot,
  actor: string,
): Promise<FeedbackLink & { token: string }> {
  const token = newToken();
  const tokenHash = hashToken(token);
  const link: FeedbackLink = {
    id: newId(),
    surveyId,
    createdAt: new Date().toISOString(),
    createdBy: actor,
    revokedAt: null,
    snapshot,
  };
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.feedbackLink(surveyId, link.id),
              ...keys.feedbackLinkToken(tokenHash),
              type: 'feedback-link',
              // No `revokedAt` until revoked: the revocation sets it only where absent.
              ...Object.fromEntries(Object.entries(link).filter(([k]) => k !== 'revokedAt')),
              tokenHash,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditEntry({
          entity: 'survey',
          entityId: surveyId,
          action: 'feedback.link.create',
          actor,
          changes: { linkId: link.id, respondents: snapshot.summary.respondents },
        }),
      ],
    }),
  );
  return { ...link, token };
}

/** The share links of a survey, newest first (pattern 23). */
export async function listLinks(surveyId: string): Promise<FeedbackLink[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.feedback(surveyId).pk, ':sk': 'LINK#' },
  });
  return items.map(fromItem).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Revokes a link for good: its page answers 410 from then on. Audited; 404 for an unknown link. */
export async function revokeLink(surveyId: string, linkId: string, actor: string): Promise<string> {
  const at = new Date().toISOString();
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.feedbackLink(surveyId, linkId),
              UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':at': at },
            },
          },
          auditEntry({
            entity: 'survey',
            entityId: surveyId,
            action: 'feedback.link.revoke',
            actor,
            changes: { linkId },
          }),
        ],
      }),
    );
  } catch (err) {
    const reasons =
      err instanceof Error && 'CancellationReasons' in err
        ? ((err as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [])
        : [];
    if (err instanceof ConditionalCheckFailedException || reasons[0]?.Code === 'ConditionalCheckFailed')
      throw new ProblemError(404, 'link-not-found', `This survey has no share link ${linkId}.`);
    throw err;
  }
  return at;
}

/** The link a token opens, if any (pattern 23: gsi2 by the token's hash). */
export async function findLinkByToken(token: string): Promise<FeedbackLink | null> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.feedbackLinkToken(hashToken(token)).gsi2pk },
      Limit: 1,
    }),
  );
  const found = out.Items?.[0];
  if (!found) return null;
  // The index is eventually consistent: the link itself is read consistently, so a revocation
  // holds from the moment it is answered.
  const item = await ddb().send(
    new GetCommand({ TableName: tableName(), Key: { pk: found.pk, sk: found.sk }, ConsistentRead: true }),
  );
  return item.Item ? fromItem(item.Item) : null;
}
