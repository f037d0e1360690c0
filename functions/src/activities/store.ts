import { attendeeKey, dedupeAttendees } from '../../../shared/src/activities/rules.js';
import {
  Activity,
  type ActivityInput,
  type ActivityQuery,
  Attendee,
  type AttendeeInput,
  type ImportResult,
} from '../../../shared/src/activities/schema.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import {
  BatchWriteCommand,
  GetCommand,
  TransactionCanceledException,
  TransactWriteCommand,
} from '../lib/dynamodb.js';
import { newId, stableId } from '../lib/ids.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';

/*
 * Activities and their attendance lists (docs/data-model.md, patterns 6 and 7). The activity's
 * META item carries `attendeeCount`, moved in the same transaction as the attendee items, and
 * `version`, which an edit must name (optimistic concurrency). Every write adds an audit entry
 * in its own transaction.
 */

const ENTITY = 'activity';
/** Attendee puts per transaction: 100 items at most, minus the META update and the audit entry. */
const CHUNK = 98;

/** The input fields an edit replaces; everything else on META is the store's. */
const EDITABLE = [
  'title',
  'type',
  'startsAt',
  'endsAt',
  'format',
  'place',
  'expectedParticipants',
  'actionPointCodes',
  'priorityGoals',
  'pillar',
  'projectId',
  'workingGroup',
  'chairs',
  'attendance',
] as const satisfies readonly (keyof ActivityInput)[];

/** UTC without milliseconds, so start times sort as text in the gsi1 sort key. */
const utc = (t: string) => new Date(t).toISOString().replace('.000Z', 'Z');

const normalized = (input: ActivityInput): ActivityInput => ({
  ...input,
  startsAt: utc(input.startsAt),
  endsAt: utc(input.endsAt),
});

const listSk = (a: Pick<Activity, 'startsAt' | 'id'>) => `${a.startsAt}#${a.id}`;

// `type` names the entity on every item (data model), so the activity's own type is `activityType`.
function toItem(a: Activity): Record<string, unknown> {
  const { type: activityType, ...rest } = a;
  return {
    ...keys.activity(a.id),
    ...keys.activityList(),
    gsi1sk: listSk(a),
    ...rest,
    type: ENTITY,
    activityType,
  };
}

function fromItem(item: Record<string, unknown>): Activity {
  return Activity.parse({ ...item, type: item.activityType });
}

function notFound(activityId: string): ProblemError {
  return new ProblemError(404, 'not-found', `No activity ${activityId}.`);
}

function canceledBy(err: unknown): (string | undefined)[] | null {
  if (err instanceof TransactionCanceledException) return (err.CancellationReasons ?? []).map((r) => r.Code);
  return null;
}

/** Registers a new activity (an id can be given for demo data; the write fails if it exists). */
export async function createActivity(
  input: ActivityInput,
  actor: string,
  opts: { id?: string; now?: string } = {},
): Promise<Activity> {
  const now = opts.now ?? utc(new Date().toISOString());
  const activity: Activity = {
    ...normalized(input),
    id: opts.id ?? newId(),
    attendeeCount: 0,
    createdAt: now,
    updatedAt: now,
    version: 1,
    archived: null,
  };
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: toItem(activity),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditEntry({
          entity: ENTITY,
          entityId: activity.id,
          action: 'create',
          actor,
          at: now,
          changes: { title: activity.title, startsAt: activity.startsAt },
        }),
      ],
    }),
  );
  return activity;
}

/** Reads one activity, or null (pattern 7 without the list). */
export async function getActivity(activityId: string): Promise<Activity | null> {
  const res = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.activity(activityId) }));
  return res.Item ? fromItem(res.Item) : null;
}

/** Reads an activity with its attendance list in one query, or null (pattern 7). */
export async function getActivityWithAttendees(
  activityId: string,
): Promise<{ activity: Activity; attendees: Attendee[] } | null> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.activity(activityId).pk },
  });
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) return null;
  const attendees = items.filter((i) => String(i.sk).startsWith('ATTENDEE#')).map((i) => Attendee.parse(i));
  return { activity: fromItem(meta), attendees: byName(attendees) };
}

/**
 * Activities starting in a period, newest first (pattern 6: gsi1 `ACTIVITIES` / `<startsAt>#<id>`),
 * then narrowed by type and by words of the title or city.
 */
export async function listActivities(query: ActivityQuery = {}): Promise<Activity[]> {
  const values: Record<string, string> = { ':pk': keys.activityList().gsi1pk };
  let range = '';
  // `to` is a date: every start time on that day sorts below "<date>~".
  if (query.from && query.to) {
    range = ' AND gsi1sk BETWEEN :from AND :to';
    Object.assign(values, { ':from': query.from, ':to': `${query.to}~` });
  } else if (query.from) {
    range = ' AND gsi1sk >= :from';
    values[':from'] = query.from;
  } else if (query.to) {
    range = ' AND gsi1sk <= :to';
    values[':to'] = `${query.to}~`;
  }
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: `gsi1pk = :pk${range}`,
    ExpressionAttributeValues: values,
    ScanIndexForward: false,
  });
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return (
    items
      .map(fromItem)
      .filter((a) => !query.type || a.type === query.type)
      // Every activity unless asked (rebuilds, the plan and results count archived ones too); the
      // list route leaves archived ones out by default.
      .filter((a) =>
        query.archived === 'only' ? a.archived : query.archived === 'exclude' ? !a.archived : true,
      )
      .filter((a) => {
        const text = `${a.title} ${a.place?.city ?? ''} ${a.place?.country ?? ''}`.toLowerCase();
        return words.every((w) => text.includes(w));
      })
  );
}

/**
 * Replaces the editable fields if `version` is still the stored one; 404 for an unknown id,
 * 409 when someone saved in between. Leaves `attendeeCount` to the attendee writes.
 */
export async function updateActivity(
  activityId: string,
  input: ActivityInput,
  version: number,
  actor: string,
): Promise<Activity> {
  const current = await getActivity(activityId);
  if (!current) throw notFound(activityId);
  const stale = () =>
    new ProblemError(
      409,
      'stale-version',
      `The activity was changed by someone else (now version ${current.version}, yours ${version}). Reload it and apply your change again.`,
    );
  if (current.version !== version) throw stale();
  const next = normalized(input);
  const changed = EDITABLE.filter(
    (f) => JSON.stringify(current[f] ?? null) !== JSON.stringify(next[f] ?? null),
  );
  if (changed.length === 0) return current;
  const now = utc(new Date().toISOString());
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = {
    ':expected': version,
    ':one': 1,
    ':now': now,
    ':sk': listSk({ startsAt: next.startsAt, id: activityId }),
  };
  const sets = EDITABLE.map((f) => {
    names[`#${f}`] = f === 'type' ? 'activityType' : f;
    values[`:${f}`] = next[f] ?? null;
    return `#${f} = :${f}`;
  });
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.activity(activityId),
              UpdateExpression: `SET ${sets.join(', ')}, #version = #version + :one, #updatedAt = :now, gsi1sk = :sk`,
              ConditionExpression: 'attribute_exists(pk) AND #version = :expected',
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: activityId,
            action: 'update',
            actor,
            at: now,
            changes: { fields: changed, version: version + 1 },
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.[0] === 'ConditionalCheckFailed') throw stale();
    throw err;
  }
  return (await getActivity(activityId)) ?? current;
}

const byName = (list: Attendee[]) => list.sort((a, b) => a.name.localeCompare(b.name));

/** The attendance list of an activity, by name (pattern 7, attendee items only). */
export async function listAttendees(activityId: string): Promise<Attendee[]> {
  const { pk, skPrefix } = keys.attendeePrefix(activityId);
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
  });
  return byName(items.map((i) => Attendee.parse(i)));
}

/**
 * Adds people to the attendance list. Idempotent: a person already on the list, or twice in the
 * import (same e-mail, else same name and organisation), is skipped. Each attendee's id derives
 * from the activity and that identity, so concurrent imports cannot add one person twice.
 */
export async function addAttendees(
  activityId: string,
  inputs: AttendeeInput[],
  actor: string,
): Promise<ImportResult> {
  const found = await getActivityWithAttendees(activityId);
  if (!found) throw notFound(activityId);
  const onList = new Set(found.attendees.map(attendeeKey));
  const { unique } = dedupeAttendees(inputs);
  let pending = unique.filter((a) => !onList.has(attendeeKey(a)));
  let added = 0;
  while (pending.length > 0) {
    let chunk = pending.slice(0, CHUNK);
    pending = pending.slice(CHUNK);
    for (let attempt = 0; chunk.length > 0; attempt++) {
      const puts = chunk.map((a) => {
        const id = stableId(`${activityId}|${attendeeKey(a)}`);
        return {
          Put: {
            TableName: tableName(),
            Item: { ...keys.attendee(activityId, id), type: 'attendee', id, activityId, ...a },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        };
      });
      try {
        await ddb().send(
          new TransactWriteCommand({
            TransactItems: [
              ...puts,
              {
                Update: {
                  TableName: tableName(),
                  Key: keys.activity(activityId),
                  UpdateExpression: 'ADD attendeeCount :n',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':n': chunk.length },
                },
              },
              // Counts only: the audit trail keeps no personal data.
              auditEntry({
                entity: ENTITY,
                entityId: activityId,
                action: 'attendees.import',
                actor,
                changes: { added: chunk.length },
              }),
            ],
          }),
        );
        added += chunk.length;
        break;
      } catch (err) {
        const reasons = canceledBy(err);
        if (!reasons || attempt >= 3) throw err;
        if (reasons[chunk.length] === 'ConditionalCheckFailed') throw notFound(activityId);
        // Someone added some of these people meanwhile: drop them and try the rest again.
        const taken = new Set(
          reasons.flatMap((r, i) => (r === 'ConditionalCheckFailed' && i < chunk.length ? [i] : [])),
        );
        if (taken.size === 0) throw err;
        chunk = chunk.filter((_, i) => !taken.has(i));
      }
    }
  }
  return { added, skipped: inputs.length - added };
}

/** Removes one person from the list; 404 if the activity or the person is unknown. */
export async function deleteAttendee(activityId: string, attendeeId: string, actor: string): Promise<void> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.attendee(activityId, attendeeId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName(),
              Key: keys.activity(activityId),
              UpdateExpression: 'ADD attendeeCount :n',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':n': -1 },
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: activityId,
            action: 'attendee.delete',
            actor,
            changes: { attendeeId },
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.includes('ConditionalCheckFailed')) {
      throw new ProblemError(404, 'not-found', `No attendee ${attendeeId} on activity ${activityId}.`);
    }
    throw err;
  }
}

/** Sets the language of one person's e-mails; 404 if the activity or the person is unknown. */
export async function setAttendeeLanguage(
  activityId: string,
  attendeeId: string,
  language: string | null,
  actor: string,
): Promise<void> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.attendee(activityId, attendeeId),
              UpdateExpression: 'SET #language = :language',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#language': 'language' },
              ExpressionAttributeValues: { ':language': language },
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: activityId,
            action: 'attendee.update',
            actor,
            changes: { attendeeId, language },
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.includes('ConditionalCheckFailed')) {
      throw new ProblemError(404, 'not-found', `No attendee ${attendeeId} on activity ${activityId}.`);
    }
    throw err;
  }
}

/** Archives (read-only, out of lists, still counted) or brings back an activity; audited. */
export async function setArchived(activity: Activity, archived: boolean, actor: string): Promise<Activity> {
  const now = utc(new Date().toISOString());
  const value = archived ? { at: now, by: actor } : null;
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName: tableName(),
            Key: keys.activity(activity.id),
            UpdateExpression: 'SET archived = :a, updatedAt = :now, #version = #version + :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':a': value, ':now': now, ':one': 1 },
          },
        },
        auditEntry({
          entity: ENTITY,
          entityId: activity.id,
          action: archived ? 'archive' : 'unarchive',
          actor,
          at: now,
          changes: { title: activity.title },
        }),
      ],
    }),
  );
  return { ...activity, archived: value, updatedAt: now, version: activity.version + 1 };
}

/**
 * Deletes an activity's attendance list, then its META item (conditional on the version read), with
 * the audit entry. Its surveys must be gone already. The roll-up consumer removes the roll-up when it
 * meets the META item's removal (after the attendees' removals: one partition, in order).
 */
export async function deleteActivityItems(activity: Activity, actor: string): Promise<void> {
  const rest = await queryAll<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
    ExpressionAttributeValues: { ':pk': keys.activity(activity.id).pk, ':a': 'ATTENDEE#' },
    ProjectionExpression: 'pk, sk',
  });
  for (let i = 0; i < rest.length; i += 25) {
    let request: Record<string, unknown[]> | undefined = {
      [tableName()]: rest.slice(i, i + 25).map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    };
    while (request && Object.keys(request).length > 0) {
      const out = await ddb().send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as Record<string, unknown[]> | undefined;
    }
  }
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: tableName(),
            Key: keys.activity(activity.id),
            ConditionExpression: '#version = :v',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':v': activity.version },
          },
        },
        auditEntry({
          entity: ENTITY,
          entityId: activity.id,
          action: 'delete',
          actor,
          changes: { title: activity.title, attendees: rest.length },
        }),
      ],
    }),
  );
}
