import { type Delta, differences } from '../../../shared/src/results/aggregate.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import { listActivities, listAttendees } from '../activities/store.js';
import { listInvitations } from '../invitations/store.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { DeleteCommand, GetCommand, PutCommand } from '../lib/dynamodb.js';
import { COUNTER_SHARDS, keys } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import { countResponses, listResponses, type ResponseRecord } from '../responses/store.js';
import {
  attendeeContribution,
  emptyRollup,
  fold,
  type RollupState,
  responseContribution,
  rollupDifferences,
  type SurveyRollup,
} from '../rollups/fold.js';
import { pairsFit, readStoredRollup, type StoredRollup, writeRollup } from '../rollups/store.js';
import { getDefinition, listSurveyMetasOfActivity, type SurveyMeta } from '../surveys/store.js';

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
 * Compares an activity's maintained roll-up with its recomputation (`rebuilt`, else computed here)
 * and the roll-up as stored (`read`, else read here); with `repair`, replaces it (conditional on the
 * revision read). It assumes the activity is quiet and the consumer has caught up: a record folded
 * after the recomputation read the responses would count twice. Markers stay, so a later replay of
 * an applied record is still skipped.
 */
export async function rebuildRollup(
  activityId: string,
  repair = false,
  rebuilt?: RollupState,
  read?: StoredRollup,
): Promise<RollupReport> {
  const [fresh, stored] = await Promise.all([
    rebuilt ?? recomputeRollup(activityId, (s) => listResponses(s.id)),
    read ?? readStoredRollup(activityId),
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

/** What the rebuild of one survey found (the admin call on a survey). */
export interface RebuildReport {
  surveyId: string;
  /** Counted responses: people, so neither repeat attempts nor excluded responses. */
  responses: number;
  /** Figures (aggregate keys) the recomputation has for the survey. */
  keys: number;
  /** Every figure of the survey whose maintained value (in the roll-up) differs from the recomputation. */
  differences: { key: string; maintained: number; rebuilt: number }[];
  /** Whether the repair rewrote a differing figure. */
  repaired: boolean;
  /** The whole roll-up of the survey's activity: the survey's figures, the other surveys', attendance. */
  rollup: RollupReport;
}

const figuresOf = (s: SurveyRollup | undefined): Delta => ({ ...s?.overall, ...s?.breakdown });

/**
 * Per-survey aggregate items of earlier versions (`AGG#<survey>` `M#…`), which the submission wrote
 * before the roll-ups held every figure: nothing reads them any more, a repair deletes them.
 */
async function dropLegacyAggregates(surveyId: string): Promise<void> {
  const k = keys.legacyAggregates(surveyId);
  const old = await queryAll<{ pk: string; sk: string }>({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
    ProjectionExpression: 'pk, sk',
  });
  for (const item of old)
    await ddb().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
}

/**
 * Compares a survey's response counters (`counter|responses`, `counter|responded`: what the survey
 * pages and the response rate show) with a recount from its raw items, `stored` responses and the
 * invitations answered; with `repair`, rewrites them (shard 0; the others, from submissions that
 * counted themselves, removed). The consumer moves them once per response, so a difference means a
 * write lost or made outside it. Repair only while the survey is quiet, as for the roll-up.
 */
async function rebuildCounters(
  surveyId: string,
  stored: number,
  repair: boolean,
): Promise<RebuildReport['differences']> {
  const [maintained, invitations] = await Promise.all([countResponses(surveyId), listInvitations(surveyId)]);
  const recount = { responses: stored, responded: invitations.filter((i) => i.respondedAt).length };
  const asFigures = (c: { responses: number; responded: number }) => ({
    'counter|responses': c.responses,
    'counter|responded': c.responded,
  });
  const diff = differences(asFigures(maintained), asFigures(recount));
  if (repair && diff.length > 0) {
    for (let shard = 1; shard < COUNTER_SHARDS; shard++)
      await ddb().send(
        new DeleteCommand({ TableName: tableName(), Key: keys.counterShard(surveyId, shard) }),
      );
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...keys.counterShard(surveyId, 0), type: 'counter', ...recount },
      }),
    );
  }
  return diff;
}

/**
 * Compares a survey's figures in its activity's maintained roll-up and its response counters with a
 * recomputation from the raw items (the source of truth), and the whole roll-up likewise; with
 * `repair`, rewrites what differs (see `rebuildRollup`: only while the activity is quiet).
 */
export async function rebuildSurvey(survey: SurveyMeta, repair = false): Promise<RebuildReport> {
  let responsesStored = 0;
  const [rebuilt, stored] = await Promise.all([
    recomputeRollup(survey.activityId, async (s) => {
      const all = await listResponses(s.id);
      if (s.id === survey.id) responsesStored = all.length;
      return all;
    }),
    readStoredRollup(survey.activityId),
  ]);
  const fresh = figuresOf(rebuilt.surveys[survey.id]);
  const figureDiff = differences(figuresOf(stored.state.surveys[survey.id]), fresh);
  const rollup = await rebuildRollup(survey.activityId, repair, rebuilt, stored);
  const counterDiff = await rebuildCounters(survey.id, responsesStored, repair);
  if (repair) await dropLegacyAggregates(survey.id);
  const versions = Object.values(rebuilt.surveys[survey.id]?.versions ?? {});
  return {
    surveyId: survey.id,
    responses: versions.reduce((sum, n) => sum + n, 0),
    keys: Object.keys(fresh).length,
    differences: [...figureDiff, ...counterDiff],
    repaired: (rollup.repaired && figureDiff.length > 0) || (repair && counterDiff.length > 0),
    rollup,
  };
}

/** Rebuilds every activity's roll-up and its surveys' counters, one activity's responses in memory at a time. */
export async function rebuildAll(
  repair: boolean,
  onRollupDrift: (report: RollupReport, activityTitle: string) => void = () => {},
): Promise<{ surveys: number; responses: number; rollups: number; rollupsDrifted: number }> {
  let surveys = 0;
  let responses = 0;
  let rollups = 0;
  let rollupsDrifted = 0;
  // A few activities at a time: each survey is read once and folded into the activity's roll-up,
  // written on its own, so memory stays bounded by the largest activities.
  await pool(await listActivities(), 4, async (activity) => {
    const seen: string[] = [];
    const counterDrift: string[] = [];
    const rebuilt = await recomputeRollup(activity.id, async (survey) => {
      const all = await listResponses(survey.id);
      seen.push(survey.id);
      responses += all.length;
      for (const d of await rebuildCounters(survey.id, all.length, repair))
        counterDrift.push(`survey ${survey.id} ${d.key}: maintained ${d.maintained}, rebuilt ${d.rebuilt}`);
      return all;
    });
    surveys += seen.length;
    const rollupReport = await rebuildRollup(activity.id, repair, rebuilt);
    // The counters' differences are reported with the roll-up's: both are the activity's figures.
    const report = {
      ...rollupReport,
      differences: [...rollupReport.differences, ...counterDrift],
      repaired: rollupReport.repaired || (repair && counterDrift.length > 0),
    };
    if (repair) for (const id of seen) await dropLegacyAggregates(id);
    rollups++;
    if (report.differences.length > 0) {
      rollupsDrifted++;
      onRollupDrift(report, activity.title);
    }
  });
  return { surveys, responses, rollups, rollupsDrifted };
}

/**
 * Once per database: deletes the per-survey aggregate items a local database from an earlier
 * version holds (`dropLegacyAggregates`), then leaves a marker so later starts skip it.
 */
export async function dropLegacyAggregatesOnce(): Promise<void> {
  const marker = { pk: 'MIGRATIONS', sk: 'survey-aggregates-dropped' };
  const done = await ddb().send(new GetCommand({ TableName: tableName(), Key: marker }));
  if (done.Item) return;
  for (const activity of await listActivities())
    for (const survey of await listSurveyMetasOfActivity(activity.id)) await dropLegacyAggregates(survey.id);
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
