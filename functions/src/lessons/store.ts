import type { Lesson } from '../../../shared/src/lessons/schema.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { GetCommand, TransactionCanceledException, TransactWriteCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';

/*
 * The lessons and practices log (docs/data-model.md, pattern 27): one item per lesson
 * (`LESSON#<id>` / `META`), listed through gsi1 `LESSONS` / `<date>#<id>`; `version` is the
 * optimistic lock of edits and deletes. Every write is one transaction with its audit entry.
 * The log is small (tens to hundreds of entries a year): filters apply in memory.
 */

export const ENTITY = 'lesson';

const FIELDS = [
  'id',
  'kind',
  'title',
  'text',
  'date',
  'activityIds',
  'actionPointCodes',
  'priorityGoals',
  'indicators',
  'quotes',
  'frameworkId',
  'version',
  'createdAt',
  'createdBy',
  'updatedAt',
  'updatedBy',
] as const;

const fromItem = (i: Record<string, unknown>): Lesson =>
  ({
    ...Object.fromEntries(FIELDS.map((f) => [f, i[f]])),
    frameworkId: (i.frameworkId as string | undefined) ?? null,
  }) as unknown as Lesson;

const itemOf = (l: Lesson) => ({
  ...keys.lesson(l.id),
  ...keys.lessonList(),
  gsi1sk: `${l.date}#${l.id}`,
  type: ENTITY,
  ...l,
});

/** Every lesson, newest date first (pattern 27). */
export async function listLessons(): Promise<Lesson[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.lessonList().gsi1pk },
    ScanIndexForward: false,
  });
  return items.map(fromItem);
}

/** One lesson, or null. */
export async function getLesson(id: string): Promise<Lesson | null> {
  const out = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.lesson(id) }));
  return out.Item ? fromItem(out.Item) : null;
}

const summaryOf = (l: Lesson) => ({
  kind: l.kind,
  date: l.date,
  activities: l.activityIds.length,
  actionPoints: l.actionPointCodes,
  goals: l.priorityGoals,
  indicators: l.indicators.length,
  quotes: l.quotes.length,
});

const isCancelled = (err: unknown) =>
  err instanceof TransactionCanceledException || (err as Error).name === 'TransactionCanceledException';

/** Stores a new lesson with its audit entry. */
export async function createLesson(l: Lesson): Promise<void> {
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: itemOf(l), ConditionExpression: 'attribute_not_exists(pk)' } },
        auditEntry({
          entity: ENTITY,
          entityId: l.id,
          action: 'create',
          actor: l.createdBy,
          at: l.createdAt,
          changes: summaryOf(l),
        }),
      ],
    }),
  );
}

const stale = (id: string) =>
  new ProblemError(409, 'version-conflict', `Lesson ${id} was changed or deleted meanwhile: reload it.`);

/** Replaces a lesson, conditional on the version it was read at (409 otherwise). */
export async function updateLesson(l: Lesson, readVersion: number): Promise<void> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: itemOf(l),
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': readVersion },
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: l.id,
            action: 'update',
            actor: l.updatedBy,
            at: l.updatedAt,
            changes: summaryOf(l),
          }),
        ],
      }),
    );
  } catch (err) {
    if (isCancelled(err)) throw stale(l.id);
    throw err;
  }
}

/** Deletes a lesson, conditional on the version it was read at (409 otherwise). */
export async function deleteLesson(id: string, readVersion: number, actor: string): Promise<void> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.lesson(id),
              ConditionExpression: '#v = :v',
              ExpressionAttributeNames: { '#v': 'version' },
              ExpressionAttributeValues: { ':v': readVersion },
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: id,
            action: 'delete',
            actor,
            changes: { version: readVersion },
          }),
        ],
      }),
    );
  } catch (err) {
    if (isCancelled(err)) throw stale(id);
    throw err;
  }
}
