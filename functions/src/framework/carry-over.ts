import type { FrameworkDetail } from '../../../shared/src/framework/api.js';
import {
  type CarryChange,
  CarryLink,
  type CarryPreview,
  type CarryRequest,
  carriedDefinition,
  carryChanges,
} from '../../../shared/src/framework/carry-over.js';
import type { IndicatorRecord } from '../../../shared/src/indicators/schema.js';
import {
  activateIndicator,
  createIndicator,
  findingsOf,
  getIndicator,
  listIndicators,
} from '../indicators/store.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { PutCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';
import { ProblemError } from '../lib/problem.js';
import { getFramework, listFrameworks } from './store.js';

/*
 * Indicator carry-over between framework versions (an explicit step). The copy is a new indicator
 * of the new framework; a CARRY#<new indicator id> item in the new framework's partition links it
 * to the indicator it came from, with the changes listed at the time. Nothing of the old indicator
 * or the old framework is written, so values computed under the old version stay as they were.
 */

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

async function frameworkOr404(id: string): Promise<FrameworkDetail> {
  const fw = await getFramework(id);
  if (!fw) throw new ProblemError(404, 'not-found', `No framework ${id}.`);
  return fw;
}

/** The carry-over links kept in one framework version. */
async function linksOf(frameworkId: string): Promise<CarryLink[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :carry)',
    ExpressionAttributeValues: { ':pk': keys.framework(frameworkId).pk, ':carry': 'CARRY#' },
  });
  return items.map((i) => CarryLink.parse(i));
}

/** What carrying each indicator of `fromId` over to `toId` changes, and which are carried already. */
export async function previewCarryOver(toId: string, fromId: string): Promise<CarryPreview> {
  if (toId === fromId)
    throw new ProblemError(422, 'invalid-input', 'Choose another framework to carry from.');
  const [to, from] = await Promise.all([frameworkOr404(toId), frameworkOr404(fromId)]);
  const [indicators, links] = await Promise.all([listIndicators({ frameworkId: fromId }), linksOf(toId)]);
  const carried = new Map(links.map((l) => [l.fromIndicatorId, l.indicatorId]));
  const brief = (f: FrameworkDetail) => ({
    id: f.id,
    name: f.name,
    periodStart: f.periodStart,
    periodEnd: f.periodEnd,
  });
  return {
    from: brief(from),
    to: brief(to),
    indicators: indicators
      .filter((i) => i.status !== 'retired')
      .map((i) => ({
        indicatorId: i.id,
        code: i.code,
        name: i.name,
        status: i.status,
        changes: carryChanges(i, from, to),
        carriedTo: carried.get(i.id) ?? null,
      })),
  };
}

export interface CarryResult {
  fromIndicatorId: string;
  indicatorId: string;
  status: IndicatorRecord['status'];
  changes: CarryChange[];
  /** False when it was carried over before (the earlier copy is returned). */
  created: boolean;
}

/**
 * Copies the chosen indicators into framework `toId`: each copy is saved as a draft and, when the
 * original is active and the copy is S.M.A.R.T. in the new framework (its targets inside the new
 * period), activated. Carrying an indicator twice returns the first copy.
 */
export async function carryOver(toId: string, request: CarryRequest, actor: string): Promise<CarryResult[]> {
  if (toId === request.from)
    throw new ProblemError(422, 'invalid-input', 'Choose another framework to carry from.', [
      { path: ['json', 'from'], code: 'custom', message: 'the same framework' },
    ]);
  const [to, from, links] = await Promise.all([
    frameworkOr404(toId),
    frameworkOr404(request.from),
    linksOf(toId),
  ]);
  const records = await Promise.all(request.items.map((i) => getIndicator(i.indicatorId)));
  const wrong = records.findIndex((r) => !r || r.frameworkId !== from.id);
  if (wrong >= 0)
    throw new ProblemError(
      422,
      'invalid-input',
      `No indicator ${request.items[wrong]?.indicatorId} in ${from.name}.`,
      [
        {
          path: ['json', 'items', wrong, 'indicatorId'],
          code: 'custom',
          message: `not an indicator of ${from.id}`,
        },
      ],
    );
  const out: CarryResult[] = [];
  for (const [i, item] of request.items.entries()) {
    const old = records[i] as IndicatorRecord;
    const changes = carryChanges(old, from, to);
    const earlier = links.find((l) => l.fromIndicatorId === old.id);
    if (earlier) {
      const copy = await getIndicator(earlier.indicatorId);
      out.push({
        fromIndicatorId: old.id,
        indicatorId: earlier.indicatorId,
        status: copy?.status ?? 'draft',
        changes: earlier.changes,
        created: false,
      });
      continue;
    }
    let copy = await createIndicator(carriedDefinition(old, to, item.targets), actor);
    const link: CarryLink = {
      indicatorId: copy.id,
      frameworkId: to.id,
      fromIndicatorId: old.id,
      fromFrameworkId: from.id,
      fromVersion: old.version,
      changes,
      at: now(),
      by: actor,
    };
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.frameworkPart(to.id, 'CARRY', copy.id), type: 'indicator-carry-over', ...link },
      }),
    );
    if (old.status === 'active' && (await findingsOf(copy)).length === 0) {
      copy = await activateIndicator(copy.id, actor);
    }
    out.push({ fromIndicatorId: old.id, indicatorId: copy.id, status: copy.status, changes, created: true });
  }
  return out;
}

export interface LineageStep {
  indicatorId: string;
  code: string;
  /** The indicator definition version now current. */
  version: number;
  status: IndicatorRecord['status'];
  frameworkId: string;
  frameworkName: string;
  frameworkVersion: number;
  periodStart: string;
  periodEnd: string;
  /** What changed when it was carried into this framework (empty for the first). */
  changes: CarryChange[];
}

/**
 * The indicator and its carry-over chain across framework versions, oldest framework first:
 * what it was copied from and what was copied from it. Reads one query per framework version.
 */
export async function lineage(indicatorId: string): Promise<LineageStep[]> {
  const start = await getIndicator(indicatorId);
  if (!start) throw new ProblemError(404, 'not-found', `No indicator ${indicatorId}.`);
  const versions = await listFrameworks();
  const links = (await Promise.all(versions.map((v) => linksOf(v.id)))).flat();
  const back = new Map(links.map((l) => [l.indicatorId, l]));
  const forward = new Map(links.map((l) => [l.fromIndicatorId, l]));
  const ids = [indicatorId];
  for (let l = back.get(indicatorId); l && !ids.includes(l.fromIndicatorId); l = back.get(l.fromIndicatorId))
    ids.unshift(l.fromIndicatorId);
  for (let l = forward.get(indicatorId); l && !ids.includes(l.indicatorId); l = forward.get(l.indicatorId))
    ids.push(l.indicatorId);
  const byId = new Map(versions.map((v) => [v.id, v]));
  const steps: LineageStep[] = [];
  for (const id of ids) {
    const rec = id === indicatorId ? start : await getIndicator(id);
    const fw = rec ? byId.get(rec.frameworkId) : undefined;
    if (!rec || !fw) continue;
    steps.push({
      indicatorId: rec.id,
      code: rec.code,
      version: rec.version,
      status: rec.status,
      frameworkId: fw.id,
      frameworkName: fw.name,
      frameworkVersion: fw.version,
      periodStart: fw.periodStart,
      periodEnd: fw.periodEnd,
      changes: back.get(rec.id)?.changes ?? [],
    });
  }
  return steps;
}
