import {
  type ActionPointUpdate,
  actionPointFrom,
  byCode,
  FrameworkDetail,
  type FrameworkMetaUpdate,
  FrameworkSummary,
  type NewFramework,
  type ProjectInput,
  ProjectRecord,
} from '../../../shared/src/framework/api.js';
import { nextRevision } from '../../../shared/src/framework/rules.js';
import {
  ActionPoint,
  type Framework,
  Pillar,
  PriorityGoal,
  type Project,
  Region,
  ResultStatement,
} from '../../../shared/src/framework/schema.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { GetCommand, TransactionCanceledException, TransactWriteCommand } from '../lib/dynamodb.js';
import { newId } from '../lib/ids.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';

/*
 * Results framework versions and projects (docs/data-model.md, patterns 1-3). A framework
 * version is one partition: META plus one item per goal, action point, pillar and result
 * statement, so reading it whole is one query. Only drafts are edited; a revision is a new
 * partition, so the past is never rewritten. The ACTIVE pointer item names the one active
 * version and every activation is conditional on it, so two activations cannot both win.
 */

const FRAMEWORK = 'framework';
const PROJECT = 'project';
/** Items per transaction: DynamoDB allows 100. */
const MAX_TX = 100;

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

type Item = Record<string, unknown>;

function canceledBy(err: unknown): (string | undefined)[] | null {
  if (err instanceof TransactionCanceledException) return (err.CancellationReasons ?? []).map((r) => r.Code);
  return null;
}

/** Drops the storage attributes of an item, keeping its content. */
function content(item: Item): Item {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, type: _type, frameworkId: _fw, ...rest } = item;
  return rest;
}

const resultSk = (r: ResultStatement) => `${r.priorityGoal}#${r.level}#${r.id}`;

// ---------------------------------------------------------------------------
// Framework items

function metaItem(f: FrameworkSummary & { projectIds: string[] }): Item {
  return {
    ...keys.framework(f.id),
    ...keys.frameworkList(),
    gsi1sk: `${f.periodStart}#${f.id}`,
    type: FRAMEWORK,
    ...f,
  };
}

/** Every content item of a framework version (goals, action points, pillars, results, regions). */
/** Content items of a framework, by kind; any kind may be left out. */
type PartContent = Partial<
  Pick<Framework, 'priorityGoals' | 'actionPoints' | 'pillars' | 'resultStatements' | 'regions'>
>;

function partItems(f: Pick<Framework, 'id'> & PartContent): Item[] {
  const part = (
    kind: 'GOAL' | 'AP' | 'PILLAR' | 'RESULT' | 'REGION',
    id: string,
    type: string,
    body: object,
  ) => ({
    ...keys.frameworkPart(f.id, kind, id),
    type,
    frameworkId: f.id,
    ...body,
  });
  return [
    ...(f.priorityGoals ?? []).map((g) => part('GOAL', String(g.number), 'priority-goal', g)),
    ...(f.actionPoints ?? []).map((a) => part('AP', a.code, 'action-point', a)),
    ...(f.pillars ?? []).map((p) => part('PILLAR', p.id, 'pillar', p)),
    ...(f.resultStatements ?? []).map((r) => part('RESULT', resultSk(r), 'result-statement', r)),
    ...(f.regions ?? []).map((r) => part('REGION', r.id, 'region', r)),
  ];
}

function summaryOf(meta: Item): FrameworkSummary {
  return FrameworkSummary.parse(content(meta));
}

/** Reads a whole framework version in one query (pattern 1), or null. */
export async function getFramework(frameworkId: string): Promise<FrameworkDetail | null> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.framework(frameworkId).pk },
  });
  const meta = items.find((i) => i.sk === 'META');
  if (!meta) return null;
  const of = (prefix: string) => items.filter((i) => String(i.sk).startsWith(prefix)).map(content);
  return FrameworkDetail.parse({
    ...content(meta),
    projectIds: meta.projectIds ?? [],
    priorityGoals: of('GOAL#')
      .map((g) => PriorityGoal.parse(g))
      .sort((a, b) => a.number - b.number),
    actionPoints: of('AP#')
      .map((a) => ActionPoint.parse(a))
      .sort(byCode),
    pillars: of('PILLAR#').map((p) => Pillar.parse(p)),
    // The sort key orders results by goal, then level, then id.
    resultStatements: of('RESULT#').map((r) => ResultStatement.parse(r)),
    regions: of('REGION#').map((r) => Region.parse(r)),
  });
}

/** Framework versions by start of period, then id (pattern 2). */
export async function listFrameworks(): Promise<FrameworkSummary[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.frameworkList().gsi1pk },
  });
  return items.map(summaryOf);
}

/** The id of the active framework, from the ACTIVE pointer item, or null. */
export async function activeFrameworkId(): Promise<string | null> {
  const res = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.activeFramework() }));
  return typeof res.Item?.frameworkId === 'string' ? res.Item.frameworkId : null;
}

/** The active framework, whole, or null when none is active (pattern 1 after a GetItem). */
export async function getActiveFramework(): Promise<FrameworkDetail | null> {
  const id = await activeFrameworkId();
  return id ? getFramework(id) : null;
}

/**
 * Writes a new framework version: its content items first, then META (conditional on not
 * existing) with the audit entry and, when it is created active, the ACTIVE pointer. The version
 * is visible only once it is complete; a write that stopped half-way is simply redone, since
 * the content items of an id without META belong to no one.
 */
async function writeNewFramework(
  framework: Framework,
  actor: string,
  action: string,
  changes: Record<string, unknown>,
): Promise<FrameworkDetail> {
  const at = now();
  const { projects, ...rest } = framework;
  const summary = FrameworkSummary.parse({
    ...rest,
    createdAt: at,
    updatedAt: at,
    ...(framework.status === 'active' ? { activatedAt: at } : {}),
  });
  const meta = metaItem({ ...summary, projectIds: projects.map((p) => p.id) });
  const parts = partItems(framework);
  const put = (Item: Item) => ({ Put: { TableName: tableName(), Item } });
  const exists = () => new ProblemError(409, 'exists', `The framework ${framework.id} exists already.`);
  if (await getFramework(framework.id)) throw exists();
  for (let i = 0; i < parts.length; i += MAX_TX) {
    await ddb().send(new TransactWriteCommand({ TransactItems: parts.slice(i, i + MAX_TX).map(put) }));
  }
  try {
    const pointer =
      framework.status === 'active'
        ? [
            {
              Put: {
                TableName: tableName(),
                Item: { ...keys.activeFramework(), type: 'framework-pointer', frameworkId: framework.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]
        : [];
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName(), Item: meta, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...pointer,
          auditEntry({ entity: FRAMEWORK, entityId: framework.id, action, actor, at, changes }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.includes('ConditionalCheckFailed')) throw exists();
    throw err;
  }
  return (await getFramework(framework.id)) as FrameworkDetail;
}

function frameworkNotFound(id: string): ProblemError {
  return new ProblemError(404, 'not-found', `No framework ${id}.`);
}

/** Rebuilds the schema.ts shape of a stored version (projects as stubs: only their ids matter here). */
function asFramework(d: FrameworkDetail): Framework {
  const { projectIds, createdAt: _c, updatedAt: _u, activatedAt: _a, ...rest } = d;
  return { ...rest, projects: projectIds.map((id) => ({ id }) as Project) };
}

/**
 * Creates the next yearly revision of a framework as a draft copy: version = the highest version
 * of its series + 1, `basedOn` the framework it was made from. The source is not touched.
 */
export async function createRevision(frameworkId: string, actor: string): Promise<FrameworkDetail> {
  const source = await getFramework(frameworkId);
  if (!source) throw frameworkNotFound(frameworkId);
  const series = (id: string) => id.replace(/-v\d+$/, '');
  const latest = Math.max(
    ...(await listFrameworks()).filter((f) => series(f.id) === series(frameworkId)).map((f) => f.version),
  );
  const draft = nextRevision({ ...asFramework(source), version: latest });
  return writeNewFramework(draft, actor, 'revision.create', {
    basedOn: frameworkId,
    version: draft.version,
  });
}

/**
 * Makes a framework the active one and archives the previously active one, in one transaction
 * conditional on the ACTIVE pointer still naming that one. Activating the active one changes nothing.
 */
export async function activateFramework(frameworkId: string, actor: string): Promise<FrameworkDetail> {
  const target = await getFramework(frameworkId);
  if (!target) throw frameworkNotFound(frameworkId);
  if (target.status === 'active') return target;
  const previous = await activeFrameworkId();
  const at = now();
  const setStatus = (id: string, from: string, to: string, extra = '') => ({
    Update: {
      TableName: tableName(),
      Key: keys.framework(id),
      UpdateExpression: `SET #status = :to, updatedAt = :at${extra}`,
      ConditionExpression: 'attribute_exists(pk) AND #status = :from',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':to': to, ':from': from, ':at': at },
    },
  });
  const pointer = {
    Put: {
      TableName: tableName(),
      Item: { ...keys.activeFramework(), type: 'framework-pointer', frameworkId },
      ConditionExpression: previous ? 'frameworkId = :prev' : 'attribute_not_exists(pk)',
      ...(previous ? { ExpressionAttributeValues: { ':prev': previous } } : {}),
    },
  };
  const items = [
    setStatus(frameworkId, target.status, 'active', ', activatedAt = :at'),
    pointer,
    auditEntry({
      entity: FRAMEWORK,
      entityId: frameworkId,
      action: 'activate',
      actor,
      at,
      changes: { status: { from: target.status, to: 'active' }, previous },
    }),
  ];
  if (previous) {
    items.push(
      setStatus(previous, 'active', 'archived'),
      auditEntry({
        entity: FRAMEWORK,
        entityId: previous,
        action: 'archive',
        actor,
        at,
        changes: { status: { from: 'active', to: 'archived' }, replacedBy: frameworkId },
      }),
    );
  }
  try {
    await ddb().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (canceledBy(err)?.includes('ConditionalCheckFailed')) {
      throw new ProblemError(
        409,
        'concurrent-change',
        'Another administrator changed the active framework at the same time. Reload and try again.',
      );
    }
    throw err;
  }
  return (await getFramework(frameworkId)) as FrameworkDetail;
}

/** 404 for an unknown framework, 409 unless it is a draft: active and archived versions are history. */
async function draftOrThrow(frameworkId: string): Promise<FrameworkDetail> {
  const f = await getFramework(frameworkId);
  if (!f) throw frameworkNotFound(frameworkId);
  if (f.status !== 'draft') {
    throw new ProblemError(
      409,
      'not-a-draft',
      `The framework ${frameworkId} is ${f.status}: only a draft can be edited. Create a new revision to change it.`,
    );
  }
  return f;
}

/** The META update every draft edit makes: conditional on still being a draft. */
function touchDraft(frameworkId: string, at: string) {
  return {
    Update: {
      TableName: tableName(),
      Key: keys.framework(frameworkId),
      UpdateExpression: 'SET updatedAt = :at',
      ConditionExpression: 'attribute_exists(pk) AND #status = :draft',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':at': at, ':draft': 'draft' },
    },
  };
}

function notDraftAnymore(frameworkId: string) {
  return new ProblemError(
    409,
    'not-a-draft',
    `The framework ${frameworkId} was activated meanwhile: only a draft can be edited.`,
  );
}

/**
 * Replaces one kind of content items of a draft: deletes the ones no longer listed, writes new and
 * changed ones, leaves identical ones alone; all in one transaction with the audit entry, conditional
 * on the framework still being a draft.
 */
async function replaceDraftParts<T extends object>(
  draft: FrameworkDetail,
  current: readonly T[],
  next: readonly T[],
  how: {
    kind: 'RESULT' | 'REGION' | 'GOAL' | 'PILLAR';
    sk: (t: T) => string;
    /** What the audit entry names each one by. */
    name: (t: T) => string | number;
    content: (written: T[]) => PartContent;
    action: string;
    actor: string;
  },
): Promise<FrameworkDetail> {
  const before = new Map(current.map((t) => [how.sk(t), t]));
  const after = new Map(next.map((t) => [how.sk(t), t]));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const written = [...after.entries()]
    .filter(([k, t]) => JSON.stringify(before.get(k) ?? null) !== JSON.stringify(t))
    .map(([, t]) => t);
  if (removed.length === 0 && written.length === 0) return draft;
  const frameworkId = draft.id;
  if (removed.length + written.length > MAX_TX - 2) {
    throw new ProblemError(422, 'too-many-changes', 'Too many changes at once: save in smaller steps.');
  }
  const at = now();
  const items = [
    touchDraft(frameworkId, at),
    ...removed.map((k) => ({
      Delete: { TableName: tableName(), Key: keys.frameworkPart(frameworkId, how.kind, k) },
    })),
    ...partItems({ id: frameworkId, ...how.content(written) }).map((Item) => ({
      Put: { TableName: tableName(), Item },
    })),
    auditEntry({
      entity: FRAMEWORK,
      entityId: frameworkId,
      action: how.action,
      actor: how.actor,
      at,
      changes: {
        removed: removed.map((k) => {
          const t = before.get(k);
          return t ? how.name(t) : k;
        }),
        written: written.map(how.name),
      },
    }),
  ];
  try {
    await ddb().send(new TransactWriteCommand({ TransactItems: items }));
  } catch (err) {
    if (canceledBy(err)?.[0] === 'ConditionalCheckFailed') throw notDraftAnymore(frameworkId);
    throw err;
  }
  return (await getFramework(frameworkId)) as FrameworkDetail;
}

/**
 * Replaces the result statements of a draft: deletes the ones no longer listed, writes new and
 * changed ones, leaves identical ones alone; all in one transaction with the audit entry.
 */
export async function replaceResultStatements(
  frameworkId: string,
  statements: ResultStatement[],
  actor: string,
): Promise<FrameworkDetail> {
  const current = await draftOrThrow(frameworkId);
  const goals = new Set(current.priorityGoals.map((g) => g.number));
  const badGoal = statements.findIndex((s) => !goals.has(s.priorityGoal));
  if (badGoal >= 0) {
    throw new ProblemError(
      422,
      'invalid-input',
      'A result statement names a goal the framework does not have.',
      [
        {
          path: ['json', 'resultStatements', badGoal, 'priorityGoal'],
          code: 'custom',
          message: 'no such goal in this framework',
        },
      ],
    );
  }
  return replaceDraftParts(current, current.resultStatements, statements, {
    kind: 'RESULT',
    sk: resultSk,
    name: (r) => r.id,
    content: (resultStatements) => ({ resultStatements }),
    action: 'results.replace',
    actor,
  });
}

/**
 * Gives a framework stored before regions existed its default regions (a one-time upgrade of
 * `npm start` databases): conditional puts in one transaction, so running it twice adds nothing.
 */
export async function addDefaultRegions(
  frameworkId: string,
  regions: Region[],
  actor: string,
): Promise<boolean> {
  const current = await getFramework(frameworkId);
  if (!current || current.regions.length > 0 || regions.length === 0) return false;
  const at = now();
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          ...partItems({
            id: frameworkId,
            regions,
          }).map((Item) => ({
            Put: { TableName: tableName(), Item, ConditionExpression: 'attribute_not_exists(pk)' },
          })),
          auditEntry({
            entity: FRAMEWORK,
            entityId: frameworkId,
            action: 'regions.add-defaults',
            actor,
            at,
            changes: { regions: regions.map((r) => r.id) },
          }),
        ],
      }),
    );
    return true;
  } catch (err) {
    if (canceledBy(err)?.includes('ConditionalCheckFailed')) return false;
    throw err;
  }
}

/** Replaces the regions of a draft (deletes, writes changed ones) in one transaction with the audit entry. */
export async function replaceRegions(
  frameworkId: string,
  regions: Region[],
  actor: string,
): Promise<FrameworkDetail> {
  const current = await draftOrThrow(frameworkId);
  return replaceDraftParts(current, current.regions, regions, {
    kind: 'REGION',
    sk: (r) => r.id,
    name: (r) => r.id,
    content: (written) => ({ regions: written }),
    action: 'regions.replace',
    actor,
  });
}

/** Writes one action point of a draft (adds it when the code is new to the draft). */
export async function putActionPoint(
  frameworkId: string,
  code: string,
  update: ActionPointUpdate,
  actor: string,
): Promise<FrameworkDetail> {
  const current = await draftOrThrow(frameworkId);
  const ap = actionPointFrom(code, update);
  if (!current.priorityGoals.some((g) => g.number === ap.goal)) {
    throw new ProblemError(422, 'invalid-input', `The framework has no goal ${ap.goal}.`);
  }
  const old = current.actionPoints.find((a) => a.code === code);
  const changed = old
    ? (Object.keys(update) as (keyof ActionPointUpdate)[]).filter(
        (k) => JSON.stringify(old[k]) !== JSON.stringify(ap[k]),
      )
    : Object.keys(update);
  if (old && changed.length === 0) return current;
  const at = now();
  const [item] = partItems({
    id: frameworkId,
    actionPoints: [ap],
  });
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          touchDraft(frameworkId, at),
          { Put: { TableName: tableName(), Item: item } },
          auditEntry({
            entity: FRAMEWORK,
            entityId: frameworkId,
            action: old ? 'action-point.update' : 'action-point.create',
            actor,
            at,
            changes: { code, fields: changed },
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.[0] === 'ConditionalCheckFailed') throw notDraftAnymore(frameworkId);
    throw err;
  }
  return (await getFramework(frameworkId)) as FrameworkDetail;
}

/**
 * Starts a new plan with its own period (e.g. 2025-2029) as a draft: version 1 of a new series,
 * a copy of `copyFrom`'s content (goals, action points, pillars, results, regions, projects) or
 * blank. The framework it is copied from is not touched, and is not its `basedOn`: a new plan is
 * not a revision of the old one, so values of the old one keep their own period.
 */
export async function createPlan(input: NewFramework, actor: string): Promise<FrameworkDetail> {
  const id = `${slugify(input.name)}-v1`;
  const source = input.copyFrom ? await getFramework(input.copyFrom) : null;
  if (input.copyFrom && !source) {
    throw new ProblemError(422, 'invalid-input', `No framework ${input.copyFrom} to copy from.`, [
      { path: ['json', 'copyFrom'], code: 'custom', message: 'no such framework' },
    ]);
  }
  const content = source
    ? asFramework(source)
    : {
        priorityGoals: [],
        actionPoints: [],
        pillars: [],
        resultStatements: [],
        regions: [],
        projects: [],
      };
  const draft: Framework = {
    ...content,
    id,
    name: input.name,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    status: 'draft',
    version: 1,
  };
  delete draft.basedOn;
  const written = await writeNewFramework(
    { ...draft, ...(source ? { copiedFrom: source.id } : {}) } as Framework,
    actor,
    'plan.create',
    { copyFrom: input.copyFrom, periodStart: input.periodStart, periodEnd: input.periodEnd },
  );
  return written;
}

/** Changes the name and period of a draft (META only; its content items stay). */
export async function updateFrameworkMeta(
  frameworkId: string,
  update: FrameworkMetaUpdate,
  actor: string,
): Promise<FrameworkDetail> {
  const current = await draftOrThrow(frameworkId);
  const fields = (['name', 'periodStart', 'periodEnd'] as const).filter((k) => current[k] !== update[k]);
  if (fields.length === 0) return current;
  const at = now();
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName(),
              Key: keys.framework(frameworkId),
              UpdateExpression:
                'SET #name = :name, periodStart = :from, periodEnd = :to, gsi1sk = :g, updatedAt = :at',
              ConditionExpression: 'attribute_exists(pk) AND #status = :draft',
              ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
              ExpressionAttributeValues: {
                ':name': update.name,
                ':from': update.periodStart,
                ':to': update.periodEnd,
                ':g': `${update.periodStart}#${frameworkId}`,
                ':at': at,
                ':draft': 'draft',
              },
            },
          },
          auditEntry({
            entity: FRAMEWORK,
            entityId: frameworkId,
            action: 'meta.update',
            actor,
            at,
            changes: Object.fromEntries(fields.map((f) => [f, { from: current[f], to: update[f] }])),
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.[0] === 'ConditionalCheckFailed') throw notDraftAnymore(frameworkId);
    throw err;
  }
  return (await getFramework(frameworkId)) as FrameworkDetail;
}

/**
 * Replaces the priority goals of a draft: add, rename, retire, reorder. A goal that still has
 * action points or result statements cannot be removed (422): retire it instead, so what was
 * planned and reported under it keeps its name.
 */
export async function replaceGoals(
  frameworkId: string,
  goals: PriorityGoal[],
  actor: string,
): Promise<FrameworkDetail> {
  const current = await draftOrThrow(frameworkId);
  const kept = new Set(goals.map((g) => g.number));
  const used = new Set([
    ...current.actionPoints.map((a) => a.goal),
    ...current.resultStatements.map((r) => r.priorityGoal),
  ]);
  const dropped = current.priorityGoals.filter((g) => !kept.has(g.number) && used.has(g.number));
  if (dropped.length > 0) {
    throw new ProblemError(
      422,
      'goal-in-use',
      `${dropped.map((g) => g.code).join(', ')} still ${dropped.length === 1 ? 'has' : 'have'} action points or results: retire ${dropped.length === 1 ? 'it' : 'them'} instead of removing.`,
      dropped.map((g) => ({
        path: ['json', 'priorityGoals'],
        code: 'custom',
        message: `${g.code} has action points or results; retire it instead`,
      })),
    );
  }
  return replaceDraftParts(current, current.priorityGoals, goals, {
    kind: 'GOAL',
    sk: (g) => String(g.number),
    name: (g) => g.code,
    content: (priorityGoals) => ({ priorityGoals }),
    action: 'goals.replace',
    actor,
  });
}

/** Replaces the pillars of a draft (names and descriptions). */
export async function replacePillars(
  frameworkId: string,
  pillars: Pillar[],
  actor: string,
): Promise<FrameworkDetail> {
  const current = await draftOrThrow(frameworkId);
  return replaceDraftParts(current, current.pillars, pillars, {
    kind: 'PILLAR',
    sk: (p) => p.id,
    name: (p) => p.id,
    content: (written) => ({ pillars: written }),
    action: 'pillars.replace',
    actor,
  });
}

// ---------------------------------------------------------------------------
// Projects

/** The input fields an edit replaces. */
const PROJECT_FIELDS = [
  'name',
  'funders',
  'budget',
  'periodStart',
  'periodEnd',
  'countries',
  'implementingOrganisation',
  'parentProjectId',
  'linkedGoals',
  'linkedActionPoints',
  'source',
] as const satisfies readonly (keyof ProjectRecord)[];

const ADMIN_SOURCE = 'Entered by an administrator.';

function projectItem(p: ProjectRecord): Item {
  return { ...keys.project(p.id), ...keys.projectList(), gsi1sk: p.name.toLowerCase(), ...p, type: PROJECT };
}

const projectOf = (item: Item) => ProjectRecord.parse(content(item));

/** "Integrated Border Management (IBM)" -> "integrated-border-management-ibm". */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'project';
}

/** Reads one project, or null. */
export async function getProject(projectId: string): Promise<ProjectRecord | null> {
  const res = await ddb().send(new GetCommand({ TableName: tableName(), Key: keys.project(projectId) }));
  return res.Item ? projectOf(res.Item) : null;
}

/** Every project, by name (pattern 3). */
export async function listProjects(): Promise<ProjectRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.projectList().gsi1pk },
  });
  return items.map(projectOf);
}

/**
 * Adds a project. Its id is the slug of its name (a random suffix when taken); `opts.id` fixes
 * it (the default projects), and then an existing project is a 409.
 */
export async function createProject(
  input: ProjectInput | Project,
  actor: string,
  opts: { id?: string } = {},
): Promise<ProjectRecord> {
  const at = now();
  for (let attempt = 0; ; attempt++) {
    const id =
      opts.id ?? (attempt === 0 ? slugify(input.name) : `${slugify(input.name)}-${newId().slice(-6)}`);
    const project = ProjectRecord.parse({
      ...input,
      id,
      source: input.source ?? ADMIN_SOURCE,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    try {
      await ddb().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName(),
                Item: projectItem(project),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            auditEntry({
              entity: PROJECT,
              entityId: id,
              action: 'create',
              actor,
              at,
              changes: { name: project.name },
            }),
          ],
        }),
      );
      return project;
    } catch (err) {
      const taken = canceledBy(err)?.[0] === 'ConditionalCheckFailed';
      if (!taken) throw err;
      if (opts.id || attempt >= 3) {
        throw new ProblemError(409, 'exists', `A project with the id ${id} exists already.`);
      }
    }
  }
}

/** Replaces a project's fields if `version` is still the stored one; 404 unknown, 409 stale. */
export async function updateProject(
  projectId: string,
  input: ProjectInput,
  version: number,
  actor: string,
): Promise<ProjectRecord> {
  const current = await getProject(projectId);
  if (!current) throw new ProblemError(404, 'not-found', `No project ${projectId}.`);
  const stale = () =>
    new ProblemError(
      409,
      'stale-version',
      `The project was changed by someone else (now version ${current.version}, yours ${version}). Reload it and apply your change again.`,
    );
  if (current.version !== version) throw stale();
  // Only the identity and times come from the stored item: an omitted optional field is cleared.
  const next = ProjectRecord.parse({
    id: current.id,
    createdAt: current.createdAt,
    archived: current.archived ?? null,
    ...input,
    source: input.source ?? current.source,
    version: version + 1,
    updatedAt: now(),
  });
  const changed = PROJECT_FIELDS.filter(
    (f) => JSON.stringify(current[f] ?? null) !== JSON.stringify(next[f] ?? null),
  );
  if (changed.length === 0) return current;
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: projectItem(next),
              ConditionExpression: 'attribute_exists(pk) AND version = :expected',
              ExpressionAttributeValues: { ':expected': version },
            },
          },
          auditEntry({
            entity: PROJECT,
            entityId: projectId,
            action: 'update',
            actor,
            at: next.updatedAt,
            changes: { fields: changed, version: next.version },
          }),
        ],
      }),
    );
  } catch (err) {
    if (canceledBy(err)?.[0] === 'ConditionalCheckFailed') throw stale();
    throw err;
  }
  return next;
}

/** Archives a project (kept, hidden from pickers) or brings it back; audited. */
export async function setProjectArchived(
  project: ProjectRecord,
  archived: boolean,
  actor: string,
): Promise<ProjectRecord> {
  const at = now();
  const next = ProjectRecord.parse({
    ...project,
    archived: archived ? { at, by: actor } : null,
    version: project.version + 1,
    updatedAt: at,
  });
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName(),
            Item: projectItem(next),
            ConditionExpression: 'attribute_exists(pk) AND version = :expected',
            ExpressionAttributeValues: { ':expected': project.version },
          },
        },
        auditEntry({
          entity: PROJECT,
          entityId: project.id,
          action: archived ? 'archive' : 'unarchive',
          actor,
          at,
          changes: { name: project.name },
        }),
      ],
    }),
  );
  return next;
}

/** Deletes a project nothing refers to (the caller checked), conditional on the version read; audited. */
export async function deleteProject(project: ProjectRecord, actor: string): Promise<void> {
  await ddb().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: tableName(),
            Key: keys.project(project.id),
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': project.version },
          },
        },
        auditEntry({
          entity: PROJECT,
          entityId: project.id,
          action: 'delete',
          actor,
          changes: { name: project.name },
        }),
      ],
    }),
  );
}

export { writeNewFramework as createFramework };
