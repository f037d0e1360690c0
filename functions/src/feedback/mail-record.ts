import { ddb, tableName } from '../lib/aws.js';
import { GetCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';

// The record alone, apart from the sending (./mail.ts) and its texts in every language: reading
// a survey's feedback page needs only this.

/** The record of a survey's feedback e-mail: at most one sending round unless resent on purpose. */
export interface FeedbackMailRecord {
  round: number;
  startedAt: string;
  startedBy: string;
  recipients: number;
  sent: number;
  failed: number;
  finishedAt: string | null;
}

export async function getMailRecord(surveyId: string): Promise<FeedbackMailRecord | null> {
  const out = await ddb().send(
    new GetCommand({ TableName: tableName(), Key: keys.feedbackMail(surveyId), ConsistentRead: true }),
  );
  if (!out.Item) return null;
  const { pk, sk, type, ...rest } = out.Item;
  return { finishedAt: null, ...rest } as FeedbackMailRecord;
}
