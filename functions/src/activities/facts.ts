import type { Activity } from '../../../shared/src/activities/schema.js';
import { ddb, tableName } from '../lib/aws.js';
import { GetCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';

/** What the participant page shows of a survey's activity. */
export type ActivityFacts = Pick<Activity, 'title' | 'startsAt' | 'endsAt' | 'place'>;

/**
 * The title, dates and place of an activity (pattern 6, projected), or null: what opening a survey
 * shows. Read as stored, without the activity's schema (store.ts parses whole activities), so the
 * participants' Lambda loads neither (public-app.ts).
 */
export async function activityFacts(activityId: string): Promise<ActivityFacts | null> {
  const res = await ddb().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.activity(activityId),
      ProjectionExpression: '#title, startsAt, endsAt, #place',
      ExpressionAttributeNames: { '#title': 'title', '#place': 'place' },
    }),
  );
  const i = res.Item;
  return i ? { title: i.title, startsAt: i.startsAt, endsAt: i.endsAt, place: i.place ?? null } : null;
}
