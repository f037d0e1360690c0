import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../../functions/src/lib/aws.js';
import { newId } from '../../functions/src/lib/ids.js';
import { keys } from '../../functions/src/lib/keys.js';

/** Writes an activity straight into the real table, for tests of features that hang off one. */
export async function putActivity(overrides: Record<string, unknown> = {}): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const startsAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const endsAt = new Date(Date.now() - 86_400_000).toISOString();
  await ddb().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.activity(id),
        gsi1pk: keys.activityList().gsi1pk,
        gsi1sk: `${startsAt}#${id}`,
        type: 'activity',
        id,
        title: 'Regional training on integrated border management',
        activityType: 'training',
        startsAt,
        endsAt,
        format: 'in_person',
        place: { city: 'Sofia', country: 'BG' },
        expectedParticipants: 30,
        actionPointCodes: [],
        priorityGoals: [],
        pillar: null,
        projectId: null,
        attendance: null,
        attendeeCount: 0,
        createdAt: now,
        updatedAt: now,
        version: 1,
        ...overrides,
      },
    }),
  );
  return id;
}

/** A complete, valid set of answers to the post-event feedback template. */
export const postEventAnswers = {
  satisfaction: 5,
  relevance: 4,
  intent_to_apply: 4,
  self_rated_knowledge: { before: 2, after: 4 },
  recommend: 9,
  most_useful: 'The exchange with colleagues from the border police.',
  gender: 'female',
  country: 'AF',
};
