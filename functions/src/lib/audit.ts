import { randomBytes } from 'node:crypto';
import { ddb, queryAll, tableName } from './aws.js';
import { QueryCommand } from './dynamodb.js';
import { keys } from './keys.js';

/** One change to configuration data: who did what to which entity, and when. */
export interface AuditEntry {
  entity: string;
  entityId: string;
  /** A verb such as `create`, `update`, `attendees.import`, `attendee.delete`. */
  action: string;
  /** The principal's username (Cognito `username`). */
  actor: string;
  at: string;
  /** A short summary: changed field names, counts; never personal data. */
  changes: Record<string, unknown>;
}

/**
 * A Put of an audit entry, to add to the TransactItems of the write it describes, so the entry
 * exists exactly when the change does.
 * `TransactItems: [{ Put: ... }, auditEntry({ entity: 'activity', entityId, action: 'create', actor, changes })]`
 */
export function auditEntry(e: Omit<AuditEntry, 'at'> & { at?: string }) {
  const at = e.at ?? new Date().toISOString();
  const item = {
    ...keys.audit(e.entity, e.entityId),
    // Two changes within one millisecond both stay, in the order this process made them (a
    // high-resolution clock), with a random tail against clashes between processes.
    sk: `${at}#${String(process.hrtime.bigint()).padStart(20, '0')}#${randomBytes(2).toString('hex')}`,
    ...keys.auditList(),
    gsi1sk: at,
    type: 'audit',
    entity: e.entity,
    entityId: e.entityId,
    action: e.action,
    actor: e.actor,
    at,
    changes: e.changes,
  };
  return { Put: { TableName: tableName(), Item: item } };
}

/** Audit trail of one entity, oldest first (access pattern 16). */
export async function listAuditEntries(entity: string, entityId: string): Promise<AuditEntry[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.audit(entity, entityId).pk },
  });
  return items.map((i) => ({
    entity: String(i.entity),
    entityId: String(i.entityId),
    action: String(i.action),
    actor: String(i.actor),
    at: String(i.at),
    changes: (i.changes as Record<string, unknown> | undefined) ?? {},
  }));
}

/** The most recent changes across the platform, newest first (access pattern 16, gsi1 `AUDIT`). */
export async function listRecentAuditEntries(limit: number, entity?: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.auditList().gsi1pk, ...(entity ? { ':e': entity } : {}) },
        ...(entity ? { FilterExpression: 'entity = :e' } : {}),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    for (const i of page.Items ?? []) {
      out.push({
        entity: i.entity,
        entityId: i.entityId,
        action: i.action,
        actor: i.actor,
        at: i.at,
        changes: i.changes ?? {},
      });
    }
    start = out.length < limit ? page.LastEvaluatedKey : undefined;
  } while (start);
  return out.slice(0, limit);
}
