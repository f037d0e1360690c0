import type { Project } from '../../../shared/src/framework/schema.js';
import type { SmartContext } from '../../../shared/src/indicators/rules.js';
import {
  type IndicatorDefinition,
  type IndicatorInput,
  type IndicatorQuery,
  IndicatorRecord,
  type IndicatorStatus,
  type SmartFinding,
} from '../../../shared/src/indicators/schema.js';
import { getFramework, listProjects } from '../framework/store.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { GetCommand, TransactionCanceledException, TransactWriteCommand } from '../lib/dynamodb.js';
import { newId } from '../lib/ids.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';

/*
 * Indicators and their versions (docs/data-model.md, patterns 4 and 5). Every definition version
 * is an item `INDICATOR#id` / `V#000n`; `CURRENT` repeats the newest one and carries the list
 * index (gsi1 `INDICATORS#<frameworkId>` / `<code>#<id>`). A draft is edited in place (its V#
 * item rewritten); editing an active indicator writes V#n+1 and leaves V#n as it was, so a value
 * computed with V#n stays labelled and explainable. `revision` on CURRENT is the optimistic lock.
 * Every write carries its audit entry in the same transaction.
 */

export const ENTITY = 'indicator';

/**
 * The saved framework version an indicator refers to (its own period, goals, action points and
 * results) with every stored project, or null when there is no such version.
 */
export async function frameworkFor(frameworkId: string): Promise<SmartContext['framework']> {
  const [fw, projects] = await Promise.all([getFramework(frameworkId), listProjects()]);
  if (!fw) return null;
  return { ...fw, projects: projects as Project[] };
}

/**
 * The S.M.A.R.T. rules, loaded when a definition is checked: they read the survey templates, which
 * reading indicators and computing results never need (a chunk of their own in the Lambda).
 */
const rules = () => import('../../../shared/src/indicators/rules.js');
let collected: SmartContext['collectedMeasures'] | undefined;

/** What the S.M.A.R.T. check compares a definition with (two reads: the framework and the projects). */
export async function smartContext(frameworkId: string): Promise<SmartContext> {
  collected ??= (await rules()).measuresCollected();
  return { framework: await frameworkFor(frameworkId), collectedMeasures: collected };
}

/** The S.M.A.R.T. findings of a definition; pass a context read once when checking many. */
export async function findingsOf(def: IndicatorDefinition, ctx?: SmartContext): Promise<SmartFinding[]> {
  const { smartCheck } = await rules();
  return smartCheck(def, ctx ?? (await smartContext(def.frameworkId)));
}

const listSk = (r: Pick<IndicatorRecord, 'code' | 'id'>) => `${r.code || '~'}#${r.id}`;

function currentItem(r: IndicatorRecord): Record<string, unknown> {
  return {
    ...r,
    ...keys.indicatorCurrent(r.id),
    ...keys.indicatorList(r.frameworkId),
    gsi1sk: listSk(r),
    type: ENTITY,
  };
}

const versionItem = (r: IndicatorRecord): Record<string, unknown> => ({
  ...r,
  ...keys.indicatorVersion(r.id, r.version),
  type: 'indicator_version',
});

const fromItem = (item: Record<string, unknown>): IndicatorRecord => IndicatorRecord.parse(item);

const notFound = (id: string) => new ProblemError(404, 'not-found', `No indicator ${id}.`);

function canceledBy(err: unknown): (string | undefined)[] | null {
  if (err instanceof TransactionCanceledException) return (err.CancellationReasons ?? []).map((r) => r.Code);
  return null;
}

const staleError = (current: IndicatorRecord, revision: number) =>
  new ProblemError(
    409,
    'stale-version',
    `The indicator was changed by someone else (now revision ${current.revision}, yours ${revision}). Reload it and apply your change again.`,
  );

/** The 422 that refuses an activation (or an edit of an active indicator) with open findings. */
export function smartProblem(findings: SmartFinding[], what: string): ProblemError {
  return new ProblemError(
    422,
    'not-smart',
    `${what}: ${findings.length} S.M.A.R.T. ${findings.length === 1 ? 'finding remains' : 'findings remain'}.`,
    findings.map((f) => ({ path: f.path, code: `${f.letter}:${f.code}`, message: f.message })),
  );
}

const now = () => new Date().toISOString();

/** Saves a new indicator as a draft, version 1, whatever its findings. */
export async function createIndicator(
  input: IndicatorInput,
  actor: string,
  opts: { id?: string; at?: string } = {},
): Promise<IndicatorRecord> {
  const at = opts.at ?? now();
  const record: IndicatorRecord = {
    ...input,
    status: 'draft',
    id: opts.id ?? newId(),
    version: 1,
    revision: 1,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
  };
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: currentItem(record),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName: tableName(), Item: versionItem(record) } },
        auditEntry({
          entity: ENTITY,
          entityId: record.id,
          action: 'create',
          actor,
          at,
          changes: { code: record.code, version: 1, findings: (await findingsOf(record)).length },
        }),
      ],
    }),
  );
  return record;
}

/** The current definition of an indicator, or null. */
export async function getIndicator(indicatorId: string): Promise<IndicatorRecord | null> {
  const res = await ddb().send(
    new GetCommand({ TableName: tableName(), Key: keys.indicatorCurrent(indicatorId) }),
  );
  return res.Item ? fromItem(res.Item) : null;
}

/** Every version of an indicator, oldest first (pattern 5: one query of the partition). */
export async function listIndicatorVersions(indicatorId: string): Promise<IndicatorRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :v)',
    ExpressionAttributeValues: { ':pk': keys.indicatorCurrent(indicatorId).pk, ':v': 'V#' },
  });
  return items.map(fromItem);
}

/** The indicators of a framework by code (pattern 4), narrowed by goal and status. */
export async function listIndicators(
  query: IndicatorQuery & { frameworkId: string },
): Promise<IndicatorRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.indicatorList(query.frameworkId).gsi1pk },
  });
  return items
    .map(fromItem)
    .filter((r) => query.goal === undefined || r.priorityGoal === query.goal)
    .filter((r) => !query.status || r.status === query.status);
}

/** The fields of a definition that differ, for the audit trail. */
function changedFields(a: IndicatorDefinition, b: IndicatorDefinition): string[] {
  return (Object.keys(b) as (keyof IndicatorDefinition)[]).filter(
    (k) => JSON.stringify(a[k] ?? null) !== JSON.stringify(b[k] ?? null),
  );
}

/**
 * Writes `next` as CURRENT if CURRENT is still at `expectedRevision`, and as its version item:
 * a new one (`newVersion`) or the same one rewritten. 409 when someone saved in between.
 */
async function writeRevision(
  current: IndicatorRecord,
  next: IndicatorRecord,
  expectedRevision: number,
  newVersion: boolean,
  audit: { action: string; changes: Record<string, unknown> },
): Promise<IndicatorRecord> {
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: currentItem(next),
              ConditionExpression: 'attribute_exists(pk) AND revision = :expected',
              ExpressionAttributeValues: { ':expected': expectedRevision },
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: versionItem(next),
              ...(newVersion ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: next.id,
            action: audit.action,
            actor: next.updatedBy,
            at: next.updatedAt,
            changes: audit.changes,
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.some((r) => r === 'ConditionalCheckFailed'))
      throw staleError(current, expectedRevision);
    throw err;
  }
  return next;
}

/**
 * Edits an indicator made from `revision`. A draft is changed in place (same version); an
 * active one gets a new version, and must stay S.M.A.R.T.; a retired one cannot be edited.
 */
export async function updateIndicator(
  indicatorId: string,
  input: IndicatorInput,
  revision: number,
  actor: string,
): Promise<IndicatorRecord> {
  const current = await getIndicator(indicatorId);
  if (!current) throw notFound(indicatorId);
  if (current.revision !== revision) throw staleError(current, revision);
  if (current.status === 'retired')
    throw new ProblemError(409, 'indicator-retired', 'A retired indicator cannot be edited.');
  const fields = changedFields(current, { ...input, status: current.status });
  if (fields.length === 0) return current;
  const active = current.status === 'active';
  const at = now();
  const next: IndicatorRecord = {
    ...input,
    status: current.status,
    id: current.id,
    version: active ? current.version + 1 : current.version,
    revision: current.revision + 1,
    createdAt: active ? at : current.createdAt,
    createdBy: active ? actor : current.createdBy,
    updatedAt: at,
    updatedBy: actor,
  };
  if (active) {
    const findings = await findingsOf(next);
    if (findings.length > 0) throw smartProblem(findings, 'An active indicator must stay S.M.A.R.T.');
  }
  return writeRevision(current, next, revision, active, {
    action: active ? 'version' : 'update',
    changes: { fields, version: next.version },
  });
}

async function setStatus(
  indicatorId: string,
  to: IndicatorStatus,
  actor: string,
  check: (current: IndicatorRecord) => void | Promise<void>,
): Promise<IndicatorRecord> {
  const current = await getIndicator(indicatorId);
  if (!current) throw notFound(indicatorId);
  if (current.status === to) return current;
  await check(current);
  const at = now();
  const next: IndicatorRecord = {
    ...current,
    status: to,
    revision: current.revision + 1,
    updatedAt: at,
    updatedBy: actor,
  };
  return writeRevision(current, next, current.revision, false, {
    action: to === 'active' ? 'activate' : 'retire',
    changes: { status: [current.status, to], version: current.version },
  });
}

/** Makes a draft active: refused (422, the findings as field errors) while findings remain. */
export function activateIndicator(indicatorId: string, actor: string): Promise<IndicatorRecord> {
  return setStatus(indicatorId, 'active', actor, async (current) => {
    if (current.status === 'retired')
      throw new ProblemError(409, 'indicator-retired', 'A retired indicator cannot be activated again.');
    const findings = await findingsOf(current);
    if (findings.length > 0) throw smartProblem(findings, 'The indicator cannot be activated');
  });
}

/** Retires an indicator: it keeps its versions and values, and is no longer computed. */
export function retireIndicator(indicatorId: string, actor: string): Promise<IndicatorRecord> {
  return setStatus(indicatorId, 'retired', actor, () => {});
}
