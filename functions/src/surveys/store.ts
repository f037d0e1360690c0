import type { SurveyEmailsInput } from '../../../shared/src/invitations/schema.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import type { Survey } from '../../../shared/src/surveys/survey.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '../lib/dynamodb.js';
import { COUNTER_SHARDS, keys } from '../lib/keys.js';
import { countResponses } from '../responses/store.js';

/** A survey with its current definition, its own e-mail texts and its response counters. */
export type SurveyRecord = Survey & { definition: SurveyDefinition; emails?: SurveyEmailsInput };

/**
 * A survey's META item: the survey plus its current definition, so one read serves a participant.
 * Response counters are not on it (they are sharded, see keys.counterShard).
 */
export type SurveyMeta = Omit<SurveyRecord, 'responseCount' | 'respondedCount'>;

const strip = <T extends Record<string, unknown>>(item: T) => {
  const { pk, sk, gsi1pk, gsi1sk, gsi2pk, gsi2sk, type, ...rest } = item;
  return rest;
};

/**
 * Creates a survey with version 1 of its definition and its unique public code, in one transaction.
 * With `twin` (the survey whose test this one gives again), the twin is linked back in the same
 * transaction, provided it is unchanged since it was read and not linked already.
 */
export async function createSurvey(
  survey: SurveyMeta,
  actor: string,
  twin?: Pick<SurveyMeta, 'id' | 'currentVersion'> | null,
): Promise<void> {
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
        ...(twin
          ? [
              {
                Update: {
                  TableName: tableName(),
                  Key: keys.survey(twin.id),
                  UpdateExpression: 'SET sameTestAs = :id',
                  ConditionExpression:
                    'attribute_exists(pk) AND attribute_not_exists(sameTestAs) AND currentVersion = :v',
                  ExpressionAttributeValues: { ':id': survey.id, ':v': twin.currentVersion },
                },
              },
            ]
          : []),
        auditEntry({
          entity: 'survey',
          entityId: survey.id,
          action: 'create',
          actor,
          at: now,
          changes: {
            templateId: survey.templateId,
            kind: survey.kind,
            activityId: survey.activityId,
            ...(twin ? { sameTestAs: twin.id } : {}),
          },
        }),
      ],
    }),
  );
}

/** One survey's META item (pattern: survey by id). */
export async function getSurveyMeta(surveyId: string): Promise<SurveyMeta | null> {
  const out = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.survey(surveyId) }));
  return out.Item ? (strip(out.Item) as SurveyMeta) : null;
}

/** One survey with its current definition and its counters. */
export async function getSurvey(surveyId: string): Promise<SurveyRecord | null> {
  const [meta, counts] = await Promise.all([getSurveyMeta(surveyId), countResponses(surveyId)]);
  return meta ? { ...meta, responseCount: counts.responses, respondedCount: counts.responded } : null;
}

/** The definition kept on a version's own item. */
async function versionDefinition(surveyId: string, version: number): Promise<SurveyDefinition | null> {
  const out = await ddb().send(
    new GetCommand({ TableName: tableName(), Key: keys.surveyVersion(surveyId, version) }),
  );
  return (out.Item?.definition as SurveyDefinition | undefined) ?? null;
}

/**
 * The definition a response answered: the current one, or an older version from its own item.
 * An older version is one that was answered before an edit (unanswered versions are edited in
 * place), so it never changes and the process keeps it (`answeredDefinition`).
 */
export async function getDefinition(survey: SurveyMeta, version: number): Promise<SurveyDefinition | null> {
  if (version === survey.currentVersion) return survey.definition;
  if (version < survey.currentVersion) return answeredDefinition(survey.id, version);
  return versionDefinition(survey.id, version);
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

/** The surveys attached to an activity, without their counters. */
export async function listSurveyMetasOfActivity(activityId: string): Promise<SurveyMeta[]> {
  // Pattern 8: one query.
  const out = await ddb().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.surveysOfActivity(activityId).gsi1pk },
    }),
  );
  return (out.Items ?? []).map((i) => strip(i) as SurveyMeta);
}

/** The surveys attached to an activity with their response counters (then 16 small items each). */
export async function listSurveysOfActivity(activityId: string): Promise<SurveyRecord[]> {
  return Promise.all(
    (await listSurveyMetasOfActivity(activityId)).map(async (meta) => {
      const counts = await countResponses(meta.id);
      return { ...meta, responseCount: counts.responses, respondedCount: counts.responded };
    }),
  );
}

/** Definitions of versions of answered surveys, by `<surveyId>#<version>`. */
const answeredDefinitions = new Map<string, SurveyDefinition>();

/**
 * The definition of a version of a survey that has responses. Once a survey has a response every
 * edit makes a new version (`saveDefinitions` checks the counters), so such a version never changes
 * and the process keeps it: the indicator engine reads each definition once, not on every view.
 */
export async function answeredDefinition(
  surveyId: string,
  version: number,
): Promise<SurveyDefinition | null> {
  const key = `${surveyId}#${version}`;
  const known = answeredDefinitions.get(key);
  if (known) return known;
  const definition = await versionDefinition(surveyId, version);
  if (definition) {
    if (answeredDefinitions.size > 5_000) answeredDefinitions.clear();
    answeredDefinitions.set(key, definition);
  }
  return definition;
}

/** Public code -> survey id. A code never changes owner, so a process may remember it for good. */
const surveyIdByCode = new Map<string, string>();

/**
 * How long a process answers participants from its own copy of a survey (the public routes: open
 * a survey, submit). Whether the survey is open is still decided on every request from its window
 * and the clock, so opening and closing on time stay exact; only a staff edit made in another
 * process (the staff Lambda in AWS) reaches the participants' Lambda up to this much later. Edits
 * made in this process (updateSchedule, saveDefinition) are seen at once.
 */
export const PUBLIC_SURVEY_TTL_MS = 5_000;
const publicCopies = new Map<string, { meta: SurveyMeta; readAt: number }>();

/** Drops this process's copy of a survey after an edit, so its next public read is fresh. */
function forgetPublicCopy(surveyId: string): void {
  publicCopies.delete(surveyId);
}

/**
 * A survey by its public code (pattern 9): two reads the first time a process sees the code, then
 * none for `PUBLIC_SURVEY_TTL_MS`, then one.
 */
export async function getSurveyByCode(code: string, now = Date.now()): Promise<SurveyMeta | null> {
  let surveyId = surveyIdByCode.get(code);
  if (!surveyId) {
    const ref = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.surveyCode(code) }));
    surveyId = ref.Item?.surveyId as string | undefined;
    if (!surveyId) return null;
    if (surveyIdByCode.size > 10_000) surveyIdByCode.clear();
    surveyIdByCode.set(code, surveyId);
  }
  const copy = publicCopies.get(surveyId);
  if (copy && now - copy.readAt < PUBLIC_SURVEY_TTL_MS && now >= copy.readAt) return copy.meta;
  const meta = await getSurveyMeta(surveyId);
  if (meta) {
    if (publicCopies.size > 1_000) publicCopies.clear();
    publicCopies.set(surveyId, { meta, readAt: now });
  } else publicCopies.delete(surveyId);
  return meta;
}

/**
 * Notes in this process's copy of a survey that it has a response (its `answered` flag, which the
 * submission set and nothing unsets), so the next submissions need not set it again.
 */
export function rememberAnswered(surveyId: string): void {
  const copy = publicCopies.get(surveyId);
  if (copy) copy.meta = { ...copy.meta, answered: true };
}

/**
 * Saves edited definitions in one transaction: one survey, or the two surveys that give the same
 * test. Unanswered surveys are edited in place (same version); once a survey has a response the
 * edit becomes a new version and the old one stays as it was.
 */
export async function saveDefinitions(
  revisions: readonly { survey: SurveyMeta; definition: SurveyDefinition }[],
  actor: string,
  now: string,
): Promise<void> {
  for (const { survey } of revisions) forgetPublicCopy(survey.id);
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: revisions.flatMap(({ survey, definition }) =>
        definitionItems(survey, definition, actor, now),
      ),
    }),
  );
  // Again: a public read may have copied the old items meanwhile.
  for (const { survey } of revisions) forgetPublicCopy(survey.id);
}

function definitionItems(survey: SurveyMeta, definition: SurveyDefinition, actor: string, now: string) {
  const v = definition.version;
  return [
    {
      Update: {
        TableName: tableName(),
        Key: keys.survey(survey.id),
        UpdateExpression: 'SET #definition = :d, currentVersion = :v, title = :t, languages = :l',
        // Guards against a concurrent edit; an edit in place also against a first response, whose
        // own write sets `answered` on this item (or conflicts with this transaction): 409.
        ConditionExpression:
          v === survey.currentVersion
            ? 'currentVersion = :old AND attribute_not_exists(answered)'
            : 'currentVersion = :old',
        ExpressionAttributeNames: { '#definition': 'definition' },
        ExpressionAttributeValues: {
          ':d': definition,
          ':v': v,
          ':t': definition.title,
          ':l': definition.languages,
          ':old': survey.currentVersion,
        },
      },
    },
    // And the counters are zero: they alone tell for surveys answered before `answered` existed.
    ...(v === survey.currentVersion
      ? Array.from({ length: COUNTER_SHARDS }, (_, shard) => ({
          ConditionCheck: {
            TableName: tableName(),
            Key: keys.counterShard(survey.id, shard),
            ConditionExpression: 'attribute_not_exists(responses) OR responses = :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          },
        }))
      : []),
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
    auditEntry({
      entity: 'survey',
      entityId: survey.id,
      action: v === survey.currentVersion ? 'edit' : 'new-version',
      actor,
      at: now,
      changes: { version: v },
    }),
  ];
}

/** Changes the opening window and schedule of a survey. */
export async function updateSchedule(
  surveyId: string,
  schedule: Pick<Survey, 'opensAt' | 'closesAt' | 'sendInvitationsAt' | 'reminderDays'>,
): Promise<void> {
  forgetPublicCopy(surveyId);
  await ddb().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: keys.survey(surveyId),
      // `reminderAt` is the single reminder of surveys stored before several reminders existed.
      UpdateExpression:
        'SET opensAt = :o, closesAt = :c, sendInvitationsAt = :s, reminderDays = :r REMOVE reminderAt',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':o': schedule.opensAt,
        ':c': schedule.closesAt,
        ':s': schedule.sendInvitationsAt,
        ':r': schedule.reminderDays,
      },
    }),
  );
  forgetPublicCopy(surveyId); // again: a public read may have copied the old item meanwhile
}

/** Saves a survey's own e-mail texts and organiser (what is absent uses the defaults). */
export async function updateEmails(
  surveyId: string,
  emails: SurveyEmailsInput,
  actor: string,
): Promise<void> {
  const now = new Date().toISOString();
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.survey(surveyId),
            UpdateExpression: 'SET emails = :e',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':e': emails },
          },
        },
        auditEntry({
          entity: 'survey',
          entityId: surveyId,
          action: 'emails.update',
          actor,
          at: now,
          changes: { languages: Object.keys(emails.texts), organiser: emails.organiser !== null },
        }),
      ],
    }),
  );
}

/**
 * Archives (closed to answers and e-mails, read-only, out of the list, still counted) or brings
 * back a survey; audited. Returns the survey as saved.
 */
export async function setSurveyArchived(
  survey: SurveyMeta,
  archived: boolean,
  actor: string,
  now: string,
): Promise<SurveyMeta> {
  const value = archived ? { at: now, by: actor } : null;
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.survey(survey.id),
            UpdateExpression: 'SET archived = :a',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':a': value },
          },
        },
        auditEntry({
          entity: 'survey',
          entityId: survey.id,
          action: archived ? 'archive' : 'unarchive',
          actor,
          at: now,
          changes: { kind: survey.kind, activityId: survey.activityId },
        }),
      ],
    }),
  );
  forgetPublicCopy(survey.id);
  return { ...survey, archived: value };
}

/**
 * Detaches a survey that nobody has answered: its META, public code and the other survey's link to
 * it go in one transaction, on condition that no response arrived (no `answered` flag, and the 16
 * counters are zero) and nobody edited it meanwhile; its versions, jobs and invitations are then deleted in batches (an
 * interrupted clean-up leaves only unreachable items). Throws TransactionCanceledException otherwise.
 */
export async function deleteUnansweredSurvey(survey: SurveyMeta, actor: string, now: string): Promise<void> {
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: tableName(),
            Key: keys.survey(survey.id),
            ConditionExpression: 'currentVersion = :v AND attribute_not_exists(answered)',
            ExpressionAttributeValues: { ':v': survey.currentVersion },
          },
        },
        ...Array.from({ length: COUNTER_SHARDS }, (_, shard) => ({
          ConditionCheck: {
            TableName: tableName(),
            Key: keys.counterShard(survey.id, shard),
            ConditionExpression: 'attribute_not_exists(responses) OR responses = :zero',
            ExpressionAttributeValues: { ':zero': 0 },
          },
        })),
        { Delete: { TableName: tableName(), Key: keys.surveyCode(survey.code) } },
        ...(survey.sameTestAs
          ? [
              {
                Update: {
                  TableName: tableName(),
                  Key: keys.survey(survey.sameTestAs),
                  UpdateExpression: 'REMOVE sameTestAs',
                  ConditionExpression: 'attribute_exists(pk)',
                },
              },
            ]
          : []),
        auditEntry({
          entity: 'survey',
          entityId: survey.id,
          action: 'delete',
          actor,
          at: now,
          changes: { kind: survey.kind, activityId: survey.activityId },
        }),
      ],
    }),
  );
  forgetPublicCopy(survey.id);
  const rest = await queryAll<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.survey(survey.id).pk },
    ProjectionExpression: 'pk, sk',
  });
  for (let i = 0; i < rest.length; i += 25) {
    let request: Record<string, unknown[]> | undefined = {
      [tableName()]: rest.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    };
    // Unprocessed items (throttling) are sent again until none is left.
    while (request && Object.keys(request).length > 0) {
      const out = await ddb().send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
}
