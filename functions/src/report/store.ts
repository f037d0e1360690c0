import { gunzipSync, gzipSync } from 'node:zlib';
import type { FrameworkDetail } from '../../../shared/src/framework/api.js';
import {
  buildReport,
  issuedDocument,
  type Narrative,
  type ReportDocument,
  reportPeriod,
} from '../../../shared/src/report/model.js';
import { frameworkPeriod } from '../../../shared/src/results/indicators.js';
import { getActiveFramework, getFramework } from '../framework/store.js';
import { listIndicators } from '../indicators/store.js';
import { listLessons } from '../lessons/store.js';
import { auditEntry } from '../lib/audit.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { GetCommand, TransactionCanceledException, TransactWriteCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';
import { activitiesInScope, goalOverview, inputsFor } from '../results/store.js';

/*
 * Yearly results reports (docs/data-model.md, patterns 24-26). One item per framework and period
 * (`REPORT#<frameworkId>#<period>` / `META`: status, goal narratives, `version` as optimistic lock,
 * and once issued, gsi1 `REPORTS` / `<issuedAt>`); the issued snapshot beside it (`ISSUED`: the
 * whole document, gzipped JSON), written once with `attribute_not_exists`, never updated.
 * A draft is computed live from the goal overview and the roll-ups on every read.
 */

export const ENTITY = 'report';
/** Largest issued document stored (gzipped); DynamoDB items hold 400 KB. */
const MAX_STORED_BYTES = 350_000;

export interface ReportState {
  status: 'draft' | 'issued';
  version: number;
  narratives: Record<string, Narrative>;
  issuedAt: string | null;
  issuedBy: string | null;
}

export interface IssuedSummary {
  frameworkId: string;
  frameworkName: string;
  periodKey: string;
  periodLabel: string;
  issuedAt: string;
  issuedBy: string;
}

const auditId = (frameworkId: string, period: string) => `${frameworkId}~${period}`;

/** The framework asked for, else the active one (404 when none). */
export async function frameworkOf(frameworkId?: string): Promise<FrameworkDetail> {
  const fw = frameworkId ? await getFramework(frameworkId) : await getActiveFramework();
  if (!fw && frameworkId) throw new ProblemError(404, 'not-found', `No framework ${frameworkId}.`);
  if (!fw) throw new ProblemError(404, 'no-active-framework', 'No framework is active.');
  return fw;
}

/** The period of a report: a year of the plan or the whole plan; 422 outside the plan. */
export function periodOf(fw: FrameworkDetail, periodKey: string) {
  const p = reportPeriod(fw, periodKey);
  if (!p)
    throw new ProblemError(422, 'invalid-input', `The plan runs ${fw.periodStart} to ${fw.periodEnd}.`, [
      { path: ['param', 'period'], code: 'out_of_plan', message: 'a year of the plan, or "plan"' },
    ]);
  return p;
}

/** A report's state (pattern 24): a draft of version 0 when nothing was saved yet. */
export async function reportState(frameworkId: string, periodKey: string): Promise<ReportState> {
  const out = await ddb().send(
    new GetCommand({
      TableName: tableName(),
      Key: keys.report(frameworkId, periodKey),
      ConsistentRead: true,
    }),
  );
  const i = out.Item;
  if (!i) return { status: 'draft', version: 0, narratives: {}, issuedAt: null, issuedBy: null };
  return {
    status: i.status === 'issued' ? 'issued' : 'draft',
    version: Number(i.version ?? 0),
    narratives: (i.narratives as Record<string, Narrative> | undefined) ?? {},
    issuedAt: (i.issuedAt as string | undefined) ?? null,
    issuedBy: (i.issuedBy as string | undefined) ?? null,
  };
}

/** The draft document, computed live from the goal overview, the roll-ups and the lessons. */
export async function draftReport(
  fw: FrameworkDetail,
  periodKey: string,
  state: ReportState,
): Promise<ReportDocument> {
  const period = periodOf(fw, periodKey);
  const year = periodKey === 'plan' ? undefined : Number(periodKey);
  const ids = [fw.id, ...(fw.basedOn ? [fw.basedOn] : [])];
  const [overview, defs, activities, lessons] = await Promise.all([
    goalOverview(year, {}, fw.id),
    Promise.all(ids.map((frameworkId) => listIndicators({ frameworkId, status: 'active' }))).then((l) =>
      l.flat(),
    ),
    activitiesInScope(frameworkPeriod(fw), {}, fw),
    listLessons(),
  ]);
  const inputs = await inputsFor(activities, { lists: true, pairs: true, breakdowns: false });
  const now = new Date().toISOString();
  return buildReport({
    framework: fw,
    periodKey,
    period,
    goals: overview.goals,
    definitions: defs,
    inputs,
    // A lesson flows into every report whose period holds its date (plans' periods do not overlap;
    // a revision of a plan has the same period and shows the same lessons).
    lessons,
    narratives: state.narratives,
    draftVersion: state.version,
    generatedAt: now,
    asOf: now.slice(0, 10),
  });
}

/** The issued snapshot (pattern 25), or null. */
export async function issuedReport(frameworkId: string, periodKey: string): Promise<ReportDocument | null> {
  const out = await ddb().send(
    new GetCommand({ TableName: tableName(), Key: keys.reportIssued(frameworkId, periodKey) }),
  );
  const raw = out.Item?.document as Uint8Array | undefined;
  return raw ? (JSON.parse(gunzipSync(raw).toString('utf8')) as ReportDocument) : null;
}

/** Issued reports, newest first (pattern 26, gsi1 `REPORTS`). */
export async function listIssuedReports(): Promise<IssuedSummary[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.reportList().gsi1pk },
    ScanIndexForward: false,
  });
  return items.map((i) => ({
    frameworkId: String(i.frameworkId),
    frameworkName: String(i.frameworkName ?? i.frameworkId),
    periodKey: String(i.periodKey),
    periodLabel: String(i.periodLabel ?? i.periodKey),
    issuedAt: String(i.issuedAt),
    issuedBy: String(i.issuedBy),
  }));
}

/** 409 that says why a write on a report was refused: issued, or changed since it was read. */
async function conflict(frameworkId: string, periodKey: string): Promise<ProblemError> {
  const now = await reportState(frameworkId, periodKey);
  return now.status === 'issued'
    ? new ProblemError(
        409,
        'report-issued',
        `This report was issued on ${now.issuedAt} by ${now.issuedBy}; an issued report cannot change.`,
      )
    : new ProblemError(
        409,
        'version-conflict',
        `The report was changed meanwhile (now version ${now.version}): reload it and try again.`,
      );
}

/** The condition of a write made from draft version `version`. */
const fromVersion = (version: number) =>
  version === 0
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#v = :v AND #s = :draft',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'status' },
        ExpressionAttributeValues: { ':v': version, ':draft': 'draft' },
      };

const isCancelled = (err: unknown) =>
  err instanceof TransactionCanceledException || (err as Error).name === 'TransactionCanceledException';

/** Saves one goal's narrative on a draft (an empty text removes it); answers the new version. */
export async function saveNarrative(
  frameworkId: string,
  periodKey: string,
  goal: number,
  text: string,
  version: number,
  actor: string,
): Promise<number> {
  const state = await reportState(frameworkId, periodKey);
  if (state.status === 'issued' || state.version !== version) throw await conflict(frameworkId, periodKey);
  const at = new Date().toISOString();
  const narratives = { ...state.narratives };
  if (text === '') delete narratives[String(goal)];
  else narratives[String(goal)] = { text, updatedAt: at, updatedBy: actor };
  const cond = fromVersion(version);
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.report(frameworkId, periodKey),
                type: ENTITY,
                frameworkId,
                periodKey,
                status: 'draft',
                version: version + 1,
                narratives,
                updatedAt: at,
                updatedBy: actor,
              },
              ...cond,
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: auditId(frameworkId, periodKey),
            action: text === '' ? 'narrative.delete' : 'narrative.update',
            actor,
            at,
            changes: { goal, characters: text.length },
          }),
        ],
      }),
    );
  } catch (err) {
    if (isCancelled(err)) throw await conflict(frameworkId, periodKey);
    throw err;
  }
  return version + 1;
}

/**
 * Issues a report: the document as computed now is stored whole and the draft is closed, in one
 * transaction with its audit entry, conditional on the draft version the issuer read.
 */
export async function issueReport(
  fw: FrameworkDetail,
  periodKey: string,
  version: number,
  actor: string,
  actorName: string,
): Promise<ReportDocument> {
  const state = await reportState(fw.id, periodKey);
  if (state.status === 'issued' || state.version !== version) throw await conflict(fw.id, periodKey);
  const at = new Date().toISOString();
  const doc = issuedDocument(await draftReport(fw, periodKey, state), at, actorName);
  const stored = gzipSync(Buffer.from(JSON.stringify(doc), 'utf8'));
  if (stored.byteLength > MAX_STORED_BYTES)
    throw new ProblemError(413, 'report-too-large', 'The report is too large to store as issued.');
  const cond = fromVersion(version);
  try {
    await ddb().send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName(),
              Item: {
                ...keys.report(fw.id, periodKey),
                ...keys.reportList(),
                gsi1sk: `${at}#${fw.id}#${periodKey}`,
                type: ENTITY,
                frameworkId: fw.id,
                frameworkName: fw.name,
                periodKey,
                periodLabel: doc.period.label,
                status: 'issued',
                version: version + 1,
                narratives: state.narratives,
                issuedAt: at,
                issuedBy: actorName,
                issuedByUser: actor,
                updatedAt: at,
                updatedBy: actor,
              },
              ...cond,
            },
          },
          {
            Put: {
              TableName: tableName(),
              Item: { ...keys.reportIssued(fw.id, periodKey), type: 'report-issued', document: stored },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          auditEntry({
            entity: ENTITY,
            entityId: auditId(fw.id, periodKey),
            action: 'issue',
            actor,
            at,
            changes: {
              goals: doc.goals.length,
              indicators: doc.goals.reduce((s, g) => s + g.indicators.length, 0),
              lessons: doc.lessons.length,
              narratives: Object.keys(state.narratives).length,
            },
          }),
        ],
      }),
    );
  } catch (err) {
    if (isCancelled(err)) throw await conflict(fw.id, periodKey);
    throw err;
  }
  return doc;
}
