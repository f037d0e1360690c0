import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Activity } from '../../../shared/src/activities/schema.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import type { Survey } from '../../../shared/src/surveys/survey.js';
import { ddb, tableName } from '../lib/aws.js';
import { keys } from '../lib/keys.js';

/** A survey's META item: the survey plus its current definition, so one read serves a participant. */
export type SurveyRecord = Survey & { definition: SurveyDefinition };

const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, ...rest } = item;
  return rest;
};

/** Creates a survey with version 1 of its definition and its unique public code, in one transaction. */
export async function createSurvey(survey: SurveyRecord, actor: string): Promise<void> {
  const now = survey.createdAt;
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.survey(survey.id),
              ...keys.surveysOfActivity(survey.activityId),
              gsi1sk: `${survey.kind}#${survey.id}`,
              type: 'survey',
              ...survey,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.surveyVersion(survey.id, 1),
              type: 'surveyVersion',
              definition: survey.definition,
              createdAt: now,
              createdBy: actor,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: { ...keys.surveyCode(survey.code), type: 'surveyCode', surveyId: survey.id },
            // 60 random bits make a clash unthinkable; the condition makes it impossible.
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: {
              pk: keys.audit('survey', survey.id).pk,
              sk: `${now}#create`,
              gsi1pk: keys.auditList().gsi1pk,
              gsi1sk: now,
              type: 'audit',
              entity: 'survey',
              entityId: survey.id,
              action: 'create',
              actor,
              at: now,
              summary: `attached ${survey.templateId} as ${survey.kind} to activity ${survey.activityId}`,
            },
          },
        },
      ],
    }),
  );
}

/** One survey with its current definition (pattern: survey by id). */
export async function getSurvey(surveyId: string): Promise<SurveyRecord | null> {
  const out = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.survey(surveyId) }));
  return out.Item ? (strip(out.Item) as SurveyRecord) : null;
}

/** The definition a response answered: the current one, or an older version from its own item. */
export async function getDefinition(survey: SurveyRecord, version: number): Promise<SurveyDefinition | null> {
  if (version === survey.currentVersion) return survey.definition;
  const out = await ddb().send(
    new GetCommand({ TableName: tableName(), Key: keys.surveyVersion(survey.id, version) }),
  );
  return (out.Item?.definition as SurveyDefinition | undefined) ?? null;
}

/** Every version of a survey's definition, oldest first (pattern: survey history). */
export async function listDefinitions(surveyId: string): Promise<SurveyDefinition[]> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
      ExpressionAttributeValues: { ':pk': keys.survey(surveyId).pk, ':v': 'V#' },
    }),
  );
  return (out.Items ?? []).map((i) => i.definition as SurveyDefinition);
}

/** The surveys attached to an activity (pattern 8). */
export async function listSurveysOfActivity(activityId: string): Promise<SurveyRecord[]> {
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.surveysOfActivity(activityId).gsi1pk },
    }),
  );
  return (out.Items ?? []).map((i) => strip(i) as SurveyRecord);
}

/** A survey and its activity by the public code (pattern 9): two round trips, whatever the size. */
export async function getSurveyByCode(
  code: string,
): Promise<{ survey: SurveyRecord; activity: Activity | null } | null> {
  const ref = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.surveyCode(code) }));
  const surveyId = ref.Item?.surveyId as string | undefined;
  if (!surveyId) return null;
  const survey = await getSurvey(surveyId);
  if (!survey) return null;
  const out = await ddb().send(
    new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: [keys.activity(survey.activityId)] } } }),
  );
  const activity = out.Responses?.[tableName()]?.[0];
  return { survey, activity: activity ? (strip(activity) as Activity) : null };
}

/** An activity's META item (read here until the activities feature exposes its own store). */
export async function getActivityItem(activityId: string): Promise<Activity | null> {
  const out = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.activity(activityId) }));
  return out.Item ? (strip(out.Item) as Activity) : null;
}

/**
 * Saves an edited definition. Unanswered surveys are edited in place (same version); once a survey
 * has a response the edit becomes a new version and the old one stays as it was.
 */
export async function saveDefinition(
  survey: SurveyRecord,
  definition: SurveyDefinition,
  actor: string,
  now: string,
): Promise<void> {
  const v = definition.version;
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.survey(survey.id),
            UpdateExpression: 'SET #definition = :d, currentVersion = :v, title = :t, languages = :l',
            // Guards against a concurrent edit or a response arriving between read and write.
            ConditionExpression: 'currentVersion = :old AND responseCount = :count',
            ExpressionAttributeNames: { '#definition': 'definition' },
            ExpressionAttributeValues: {
              ':d': definition,
              ':v': v,
              ':t': definition.title,
              ':l': definition.languages,
              ':old': survey.currentVersion,
              ':count': survey.responseCount,
            },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.surveyVersion(survey.id, v),
              type: 'surveyVersion',
              definition,
              createdAt: now,
              createdBy: actor,
            },
          },
        },
        {
          Put: {
            TableName: tableName(),
            Item: {
              pk: keys.audit('survey', survey.id).pk,
              sk: `${now}#edit-v${v}`,
              gsi1pk: keys.auditList().gsi1pk,
              gsi1sk: now,
              type: 'audit',
              entity: 'survey',
              entityId: survey.id,
              action: v === survey.currentVersion ? 'edit' : 'new-version',
              actor,
              at: now,
              summary: `definition version ${v}`,
            },
          },
        },
      ],
    }),
  );
}

/** Changes the opening window and schedule of a survey. */
export async function updateSchedule(
  surveyId: string,
  schedule: Pick<Survey, 'opensAt' | 'closesAt' | 'sendInvitationsAt' | 'reminderAt'>,
): Promise<void> {
  await ddb().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.survey(surveyId),
      UpdateExpression: 'SET opensAt = :o, closesAt = :c, sendInvitationsAt = :s, reminderAt = :r',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':o': schedule.opensAt,
        ':c': schedule.closesAt,
        ':s': schedule.sendInvitationsAt,
        ':r': schedule.reminderAt,
      },
    }),
  );
}
