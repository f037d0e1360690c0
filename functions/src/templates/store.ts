import type { TemplateSource } from '../../../shared/src/surveys/custom-templates.js';
import type { SurveyDefinition, SurveyKind } from '../../../shared/src/surveys/schema.js';
import { templates } from '../../../shared/src/surveys/templates.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { GetCommand, TransactionCanceledException, TransactWriteCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';

/*
 * Custom survey templates (docs/data-model.md, pattern 18): one item `TEMPLATE#<id>` / `META`
 * holding the whole definition, listed through gsi1 `TEMPLATES` / `<createdAt>#<id>`. `version`
 * counts saves and is the optimistic lock. No history is kept: a survey copies the definition
 * when it is attached, and from then on has versions of its own.
 */

export const ENTITY = 'template';

export interface TemplateRecord {
  id: string;
  definition: SurveyDefinition;
  version: number;
  source: TemplateSource;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  archived?: { at: string; by: string } | null;
}

const fromItem = (item: Record<string, unknown>): TemplateRecord => ({
  id: item.id as string,
  definition: item.definition as SurveyDefinition,
  version: item.version as number,
  source: (item.source as TemplateSource | undefined) ?? { from: 'blank', id: null },
  createdAt: item.createdAt as string,
  createdBy: item.createdBy as string,
  updatedAt: item.updatedAt as string,
  updatedBy: item.updatedBy as string,
  archived: (item.archived as TemplateRecord['archived']) ?? null,
});

/** Stores a new custom template with its audit entry. */
export async function createTemplate(record: TemplateRecord): Promise<void> {
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: {
              ...keys.template(record.id),
              ...keys.templateList(),
              gsi1sk: `${record.createdAt}#${record.id}`,
              type: ENTITY,
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        auditEntry({
          entity: ENTITY,
          entityId: record.id,
          action: 'create',
          actor: record.createdBy,
          at: record.createdAt,
          changes: {
            from: record.source.from,
            sourceId: record.source.id,
            questions: record.definition.questions.length,
            languages: record.definition.languages,
          },
        }),
      ],
    }),
  );
}

/** One custom template, or null. */
export async function getTemplate(templateId: string): Promise<TemplateRecord | null> {
  const out = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.template(templateId) }));
  return out.Item ? fromItem(out.Item) : null;
}

/** Every custom template, oldest first. */
export async function listTemplates(): Promise<TemplateRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.templateList().gsi1pk },
  });
  return items.map(fromItem);
}

export type UpdateOutcome =
  | { ok: true; record: TemplateRecord }
  | { ok: false; current: TemplateRecord | null };

/**
 * Replaces a template's definition if its version is still `expected` (one transaction with the
 * audit entry). Otherwise answers the current record (null when there is none).
 */
export async function updateTemplate(
  templateId: string,
  expected: number,
  definition: SurveyDefinition,
  actor: string,
  at: string,
): Promise<UpdateOutcome> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.template(templateId),
              UpdateExpression: 'SET #d = :d, version = :next, updatedAt = :at, updatedBy = :by',
              ConditionExpression: 'attribute_exists(pk) AND version = :expected',
              ExpressionAttributeNames: { '#d': 'definition' },
              ExpressionAttributeValues: {
                ':d': definition,
                ':next': expected + 1,
                ':expected': expected,
                ':at': at,
                ':by': actor,
              },
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: templateId,
            action: 'update',
            actor,
            at,
            changes: { version: expected + 1, questions: definition.questions.length },
          }),
        ],
      }),
    );
  } catch (err) {
    if (err instanceof TransactionCanceledException)
      return { ok: false, current: await getTemplate(templateId) };
    throw err;
  }
  const record = await getTemplate(templateId);
  if (!record) return { ok: false, current: null };
  return { ok: true, record };
}

/**
 * Deletes a custom template with its audit entry. Surveys attached from it keep their own copy
 * (attaching copies the definition), so nothing else changes. False when there was no such template.
 */
export async function deleteTemplate(templateId: string, actor: string, at: string): Promise<boolean> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName(),
              Key: keys.template(templateId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          auditEntry({ entity: ENTITY, entityId: templateId, action: 'delete', actor, at, changes: {} }),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof TransactionCanceledException) return false;
    throw err;
  }
}

/** Whether a string can be a custom template's id (server-generated ids). */
export const isTemplateId = (id: string) => /^[0-9a-z]{10,40}$/.test(id);

export type BuiltInId = keyof typeof templates;
export const isBuiltIn = (id: string): id is BuiltInId => Object.hasOwn(templates, id);

/** A fresh copy of a built-in template's definition; the knowledge test in its pre or post form. */
export function builtInDefinition(id: BuiltInId, kind?: SurveyKind): SurveyDefinition {
  return id === 'knowledge_test'
    ? templates.knowledge_test(kind === 'post_event' ? 'post_event' : 'pre_test')
    : templates[id]();
}

/**
 * The definition of a template, built-in or custom, for attaching or copying; null when there is no
 * such template. Always a copy: changing it changes neither the template nor other surveys.
 */
export async function templateDefinition(id: string, kind?: SurveyKind): Promise<SurveyDefinition | null> {
  if (isBuiltIn(id)) return builtInDefinition(id, kind);
  if (!isTemplateId(id)) return null;
  const record = await getTemplate(id);
  return record ? structuredClone(record.definition) : null;
}

/** Archives a custom template (hidden from the picker) or brings it back; audited. False if unknown. */
export async function setTemplateArchived(
  templateId: string,
  archived: boolean,
  actor: string,
  at: string,
): Promise<boolean> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.template(templateId),
              UpdateExpression: 'SET archived = :a',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeValues: { ':a': archived ? { at, by: actor } : null },
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: templateId,
            action: archived ? 'archive' : 'unarchive',
            actor,
            at,
            changes: {},
          }),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof TransactionCanceledException) return false;
    throw err;
  }
}
