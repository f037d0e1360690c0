import { createHash } from 'node:crypto';
import { themeNameKey } from '../../../shared/src/comments/rules.js';
import type { Theme } from '../../../shared/src/comments/schema.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { BatchWriteCommand, TransactionCanceledException, TransactWriteCommand } from '../lib/dynamodb.js';
import { newId } from '../lib/ids.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';

// Themes and tags of a survey's free-text answers, all in one partition `COMMENTS#<surveyId>`
// (docs/data-model.md, pattern 22): one query reads the themes and every tag of the survey.

/**
 * The opaque key of one answer: 22 base64url characters of SHA-256(response id, question id). The
 * response id never leaves the API, so two answers of one person cannot be linked by their keys.
 */
export const commentKey = (responseId: string, questionId: string): string =>
  createHash('sha256').update(`${responseId}\n${questionId}`).digest('base64url').slice(0, 22);

export interface CommentsState {
  themes: Theme[];
  /** Comment key → theme ids (of existing themes only). */
  tags: Map<string, string[]>;
}

/** The themes and tags of a survey (pattern 22: one query of `COMMENTS#<surveyId>`). */
export async function readCommentsState(surveyId: string): Promise<CommentsState> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.comments(surveyId).pk },
    ConsistentRead: true,
  });
  const themes: Theme[] = [];
  for (const i of items)
    if (i.type === 'comment-theme')
      themes.push({ id: String(i.id), name: String(i.name), createdAt: String(i.createdAt) });
  themes.sort((a, b) => a.name.localeCompare(b.name));
  const known = new Set(themes.map((t) => t.id));
  const tags = new Map<string, string[]>();
  for (const i of items) {
    // Tags of a deleted theme may linger until their clean-up finishes: they count for nothing.
    if (i.type !== 'comment-tag' || !known.has(String(i.themeId))) continue;
    const list = tags.get(String(i.commentKey)) ?? [];
    list.push(String(i.themeId));
    tags.set(String(i.commentKey), list);
  }
  return { themes, tags };
}

const conflictName = (name: string) =>
  new ProblemError(409, 'theme-exists', `There is already a theme "${name}" in this survey.`);

function cancelled(err: unknown): string[] {
  return err instanceof TransactionCanceledException
    ? (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None')
    : [];
}

/** Creates a theme; its name is unique in the survey (folded: case and accents ignored). */
export async function createTheme(surveyId: string, name: string, actor: string): Promise<Theme> {
  const theme: Theme = { id: newId(), name, createdAt: new Date().toISOString() };
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.commentThemeName(surveyId, themeNameKey(name)),
                type: 'comment-theme-name',
                themeId: theme.id,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.commentTheme(surveyId, theme.id),
                type: 'comment-theme',
                surveyId,
                ...theme,
                createdBy: actor,
              },
            },
          },
          auditEntry({
            entity: 'survey',
            entityId: surveyId,
            action: 'comments.theme.create',
            actor,
            changes: { themeId: theme.id },
          }),
        ],
      }),
    );
  } catch (err) {
    if (cancelled(err)[0] === 'ConditionalCheckFailed') throw conflictName(name);
    throw err;
  }
  return theme;
}

const themeNotFound = (themeId: string) =>
  new ProblemError(404, 'theme-not-found', `This survey has no theme ${themeId}.`);

/** Renames a theme, keeping names unique; 404 for an unknown theme, 409 for a name in use. */
export async function renameTheme(
  surveyId: string,
  themeId: string,
  name: string,
  actor: string,
): Promise<Theme> {
  const { themes } = await readCommentsState(surveyId);
  const theme = themes.find((t) => t.id === themeId);
  if (!theme) throw themeNotFound(themeId);
  const [oldKey, newKey] = [themeNameKey(theme.name), themeNameKey(name)];
  const update = {
    Update: {
      TableName: tableName(),
      Key: keys.commentTheme(surveyId, themeId),
      UpdateExpression: 'SET #name = :name',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': name },
    },
  };
  const audit = auditEntry({
    entity: 'survey',
    entityId: surveyId,
    action: 'comments.theme.rename',
    actor,
    changes: { themeId },
  });
  const items =
    oldKey === newKey
      ? [update, audit]
      : [
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.commentThemeName(surveyId, newKey), type: 'comment-theme-name', themeId },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Delete: { TableName: tableName(), Key: keys.commentThemeName(surveyId, oldKey) } },
          update,
          audit,
        ];
  try {
    await ddb().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    const reasons = cancelled(err);
    if (oldKey !== newKey && reasons[0] === 'ConditionalCheckFailed') throw conflictName(name);
    if (reasons.includes('ConditionalCheckFailed')) throw themeNotFound(themeId);
    throw err;
  }
  return { ...theme, name };
}

/** Deletes a theme and then its tags (tags of a deleted theme are ignored while they remain). */
export async function deleteTheme(surveyId: string, themeId: string, actor: string): Promise<number> {
  const { themes } = await readCommentsState(surveyId);
  const theme = themes.find((t) => t.id === themeId);
  if (!theme) throw themeNotFound(themeId);
  const tagItems = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.comments(surveyId).pk, ':sk': `TAG#${themeId}#` },
  });
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.commentTheme(surveyId, themeId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Delete: {
              TableName: tableName(),
              Key: keys.commentThemeName(surveyId, themeNameKey(theme.name)),
            },
          },
          auditEntry({
            entity: 'survey',
            entityId: surveyId,
            action: 'comments.theme.delete',
            actor,
            changes: { themeId, tags: tagItems.length },
          }),
        ],
      }),
    );
  } catch (err) {
    if (cancelled(err)[0] === 'ConditionalCheckFailed') throw themeNotFound(themeId);
    throw err;
  }
  for (let i = 0; i < tagItems.length; i += 25) {
    await ddb().send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName()]: tagItems
            .slice(i, i + 25)
            .map((t) => ({ DeleteRequest: { Key: { pk: t.pk, sk: t.sk } } })),
        },
      }),
    );
  }
  return tagItems.length;
}

/** Tag items per transaction, with the theme's check and the audit entry: DynamoDB allows 100. */
const TAGS_PER_TRANSACTION = 98;

/**
 * Tags (or untags) answers with a theme, exactly once: a tag is one item per answer and theme, put
 * only where absent (deleted only where present), in one transaction with its audit entry, so a
 * repeated or concurrent request changes nothing twice. Returns how many tags changed.
 */
export async function setTags(
  surveyId: string,
  themeId: string,
  commentKeys: readonly string[],
  questionOf: ReadonlyMap<string, string>,
  on: boolean,
  actor: string,
  attempt = 1,
): Promise<number> {
  const { themes, tags } = await readCommentsState(surveyId);
  if (!themes.some((t) => t.id === themeId)) throw themeNotFound(themeId);
  const todo = [...new Set(commentKeys)].filter((k) => (tags.get(k) ?? []).includes(themeId) !== on);
  let changed = 0;
  try {
    for (let i = 0; i < todo.length; i += TAGS_PER_TRANSACTION) {
      const chunk = todo.slice(i, i + TAGS_PER_TRANSACTION);
      await ddb().send(
        new TransactWriteCommand({
          TransactItems: [
            ...chunk.map((k) =>
              on
                ? {
                    Put: {
                      TableName: tableName(),
                      Item: {
                        ...keys.commentTag(surveyId, themeId, k),
                        type: 'comment-tag',
                        themeId,
                        commentKey: k,
                        questionId: questionOf.get(k),
                        taggedBy: actor,
                        taggedAt: new Date().toISOString(),
                      },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  }
                : {
                    Delete: {
                      TableName: tableName(),
                      Key: keys.commentTag(surveyId, themeId, k),
                      ConditionExpression: 'attribute_exists(pk)',
                    },
                  },
            ),
            // The theme must still exist when its tags are written.
            {
              ConditionCheck: {
                TableName: tableName(),
                Key: keys.commentTheme(surveyId, themeId),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            auditEntry({
              entity: 'survey',
              entityId: surveyId,
              action: on ? 'comments.tag' : 'comments.untag',
              actor,
              changes: { themeId, answers: chunk.length },
            }),
          ],
        }),
      );
      changed += chunk.length;
    }
  } catch (err) {
    const reasons = cancelled(err);
    if (reasons.at(-2) === 'ConditionalCheckFailed') throw themeNotFound(themeId);
    // Someone tagged or untagged some of the same answers meanwhile: read again and do the rest.
    if (
      (reasons.includes('ConditionalCheckFailed') || reasons.includes('TransactionConflict')) &&
      attempt < 5
    ) {
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
      return changed + (await setTags(surveyId, themeId, commentKeys, questionOf, on, actor, attempt + 1));
    }
    throw err;
  }
  return changed;
}
