import { type Delta, differences, responseDelta } from '../../../shared/src/results/aggregate.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import { listActivities, listAttendees } from '../activities/store.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { DeleteCommand, GetCommand, PutCommand } from '../lib/dynamodb.js';
import { keys } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import { aggregateChunks, listResponses, type ResponseRecord, readAggregates } from '../responses/store.js';
import {
  attendeeContribution,
  emptyRollup,
  fold,
  type RollupState,
  responseContribution,
  rollupDifferences,
} from '../rollups/fold.js';
import { pairsFit, readStoredRollup, writeRollup } from '../rollups/store.js';
import { getDefinition, listSurveyMetasOfActivity, type SurveyMeta } from '../surveys/store.js';

export interface RebuildReport {
  surveyId: string;
  responses: number;
  keys: number;
  /** Every aggregate whose maintained value differs from the recomputation (empty when exact). */
  differences: { key: string; maintained: number; rebuilt: number }[];
  repaired: boolean;
}

/** Each response of a survey with the definition it answered. */
async function withDefinitions(
  survey: SurveyMeta,
  all: readonly ResponseRecord[],
): Promise<{ r: ResponseRecord; def: SurveyDefinition }[]> {
  const definitions = new Map<number, SurveyDefinition | null>();
  const out: { r: ResponseRecord; def: SurveyDefinition }[] = [];
  for (const r of all) {
    // A repeat attempt (`counted: false`) is raw data only: it adds to no aggregate.
    if (r.counted === false) continue;
    if (!definitions.has(r.surveyVersion))
      definitions.set(r.surveyVersion, await getDefinition(survey, r.surveyVersion));
    const def = definitions.get(r.surveyVersion);
    if (!def) throw new Error(`survey ${survey.id} has no version ${r.surveyVersion}`);
    out.push({ r, def });
  }
  return out;
}

/**
 * Recomputes a survey's aggregates from its raw responses, each with the definition it answered.
 * A response with `counted === false` adds nothing, as at submission. `responses` are `all` of them.
 */
export async function recompute(
  survey: SurveyMeta,
  given?: readonly ResponseRecord[],
): Promise<{ total: Delta; responses: number }> {
  const total: Delta = {};
  const all = given ?? (await listResponses(survey.id));
  let counted = 0;
  for (const { r, def } of await withDefinitions(survey, all)) {
    if ((r as { counted?: boolean }).counted === false) continue;
    counted++;
    // Summed in place: a copy per response would cost O(keys) each.
    for (const [k, v] of Object.entries(responseDelta(def, r.answers, r.score ?? null)))
      total[k] = (total[k] ?? 0) + v;
  }
  return { total, responses: counted };
}

/**
 * Compares maintained and recomputed aggregates; with `repair`, replaces the maintained ones by the
 * recomputation. Repair assumes the survey is quiet (closed, or a maintenance window): a response
 * accepted during the repair would be missing from it until the next rebuild.
 */
export async function rebuildAggregates(
  survey: SurveyMeta,
  repair = false,
  given?: readonly ResponseRecord[],
): Promise<RebuildReport> {
  const [{ total, responses }, maintained] = await Promise.all([
    recompute(survey, given),
    readAggregates(survey.id),
  ]);
  const diff = differences(maintained, total);
  let repaired = false;
  if (repair) {
    const k = keys.aggregateShards(survey.id);
    const old = await queryAll<{ pk: string; sk: string }>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
      ProjectionExpression: 'pk, sk',
    });
    // Items written before overall and breakdown figures were kept apart (`M#<shard>#<chunk>`)
    // are rewritten too, even when their sums are right.
    const legacy = old.some((i) => !/^M#[AD]#/.test(i.sk));
    if (diff.length > 0 || legacy) {
      for (const item of old)
        await ddb().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
      for (const { part, chunk, entries } of aggregateChunks(total))
        await ddb().send(
          new PutCommand({
            TableName: tableName(),
            Item: {
              ...keys.aggregateShard(survey.id, part, 0, chunk),
              type: 'aggregate',
              ...Object.fromEntries(entries),
            },
          }),
        );
      repaired = true;
    }
  }
  return { surveyId: survey.id, responses, keys: Object.keys(total).length, differences: diff, repaired };
}

export interface RollupReport {
  activityId: string;
  /** Where the maintained roll-up differs from the recomputation (empty when exact). */
  differences: string[];
  repaired: boolean;
}

/** Adds every counted response of a survey to a roll-up state being rebuilt. */
async function foldResponses(
  state: RollupState,
  survey: SurveyMeta,
  all: readonly ResponseRecord[],
): Promise<void> {
  for (const { r, def } of await withDefinitions(survey, all)) {
    const c = responseContribution({ ...r, type: 'response' }, def);
    if (c) fold(state, c, 1);
  }
}

/** An activity's roll-up recomputed from its raw responses and attendance list. */
async function recomputeRollup(
  activityId: string,
  responsesOf: (survey: SurveyMeta) => Promise<readonly ResponseRecord[]>,
): Promise<RollupState> {
  const state = emptyRollup(activityId);
  for (const survey of await listSurveyMetasOfActivity(activityId))
    await foldResponses(state, survey, await responsesOf(survey));
  for (const a of await listAttendees(activityId))
    fold(state, attendeeContribution({ ...a, type: 'attendee', activityId }), 1);
  return state;
}

/**
 * Compares an activity's maintained roll-up with its recomputation; with `repair`, replaces it
 * (conditional on the revision read). Like an aggregate repair it assumes the activity is quiet
 * and the consumer has caught up: a record folded after the recomputation read the responses
 * would count twice. Markers stay, so a later replay of an applied record is still skipped.
 */
export async function rebuildRollup(
  activityId: string,
  repair = false,
  rebuilt?: RollupState,
): Promise<RollupReport> {
  const [fresh, stored] = await Promise.all([
    rebuilt ?? recomputeRollup(activityId, (s) => listResponses(s.id)),
    readStoredRollup(activityId),
  ]);
  // Pairing facts too large for their item are not kept, by the consumer or here.
  const overflow = !pairsFit(fresh, false);
  const expected = overflow ? { ...fresh, entries: {} } : fresh;
  const differences = rollupDifferences(stored.state, expected);
  if (overflow !== stored.pairsOverflow)
    differences.push(`pairs kept: maintained ${!stored.pairsOverflow}, rebuilt ${!overflow}`);
  let repaired = false;
  if (repair && differences.length > 0) {
    if (!(await writeRollup(stored, fresh, [], { fresh: true })))
      throw new Error(`the roll-up of ${activityId} changed during the repair: run it again`);
    repaired = true;
  }
  return { activityId, differences, repaired };
}

/** The roll-up of a survey's activity, rebuilt (the admin call on a survey). */
export const rebuildRollupOf = (survey: Pick<SurveyMeta, 'activityId'>, repair = false) =>
  rebuildRollup(survey.activityId, repair);

/** Rebuilds every survey and every roll-up of every activity, one activity's responses in memory at a time. */
export async function rebuildAll(
  repair: boolean,
  onDrift: (report: RebuildReport, activityTitle: string) => void = () => {},
  onRollupDrift: (report: RollupReport, activityTitle: string) => void = () => {},
): Promise<{ surveys: number; responses: number; drifted: number; rollups: number; rollupsDrifted: number }> {
  let surveys = 0;
  let responses = 0;
  let drifted = 0;
  let rollups = 0;
  let rollupsDrifted = 0;
  // A few activities at a time: each survey is read once, summed into its aggregates and into the
  // activity's roll-up, and written on its own, so memory stays bounded by the largest activities.
  await pool(await listActivities(), 4, async (activity) => {
    const rebuilt = await recomputeRollup(activity.id, async (survey) => {
      const all = await listResponses(survey.id);
      const report = await rebuildAggregates(survey, repair, all);
      surveys++;
      responses += report.responses;
      if (report.differences.length > 0) {
        drifted++;
        onDrift(report, activity.title);
      }
      return all;
    });
    const report = await rebuildRollup(activity.id, repair, rebuilt);
    rollups++;
    if (report.differences.length > 0) {
      rollupsDrifted++;
      onRollupDrift(report, activity.title);
    }
  });
  return { surveys, responses, drifted, rollups, rollupsDrifted };
}

/**
 * Once per database: rewrites aggregates stored before overall and breakdown figures were kept
 * apart (a local database from an earlier version), then leaves a marker so later starts skip it.
 */
export async function splitLegacyAggregates(): Promise<void> {
  const marker = { pk: 'MIGRATIONS', sk: 'aggregate-parts' };
  const done = await ddb().send(new GetCommand({ TableName: tableName(), Key: marker }));
  if (done.Item) return;
  await rebuildAll(true);
  await ddb().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...marker, type: 'migration', at: new Date().toISOString() },
    }),
  );
}

/**
 * Once per database: roll-ups for the responses written before the table had its consumer (a local
 * database from an earlier version, whose stream was enabled only now). Run while nothing writes
 * and after the consumer has caught up; leaves a marker so later starts skip it.
 */
export async function buildMissingRollups(): Promise<void> {
  const marker = { pk: 'MIGRATIONS', sk: 'rollups' };
  const done = await ddb().send(new GetCommand({ TableName: tableName(), Key: marker }));
  if (done.Item) return;
  await pool(await listActivities(), 4, (activity) => rebuildRollup(activity.id, true));
  await ddb().send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...marker, type: 'migration', at: new Date().toISOString() },
    }),
  );
}
