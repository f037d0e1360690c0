import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Delta, differences, responseDelta } from '../../../shared/src/results/aggregate.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import { listActivities } from '../activities/store.js';
import { ddb, queryAll, tableName } from '../lib/aws.js';
import { keys } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import { aggregateChunks, listResponses, readAggregates } from '../responses/store.js';
import { getDefinition, listSurveyMetasOfActivity, type SurveyMeta } from '../surveys/store.js';

export interface RebuildReport {
  surveyId: string;
  responses: number;
  keys: number;
  /** Every aggregate whose maintained value differs from the recomputation (empty when exact). */
  differences: { key: string; maintained: number; rebuilt: number }[];
  repaired: boolean;
}

/** Recomputes a survey's aggregates from its raw responses, each with the definition it answered. */
export async function recompute(survey: SurveyMeta): Promise<{ total: Delta; responses: number }> {
  const definitions = new Map<number, SurveyDefinition | null>();
  const total: Delta = {};
  const all = await listResponses(survey.id);
  for (const r of all) {
    // A repeat attempt (`counted: false`) is raw data only: it adds to no aggregate.
    if (r.counted === false) continue;
    if (!definitions.has(r.surveyVersion))
      definitions.set(r.surveyVersion, await getDefinition(survey, r.surveyVersion));
    const def = definitions.get(r.surveyVersion);
    if (!def) throw new Error(`survey ${survey.id} has no version ${r.surveyVersion}`);
    // Summed in place: a copy per response would cost O(keys) each.
    for (const [k, v] of Object.entries(responseDelta(def, r.answers, r.score ?? null)))
      total[k] = (total[k] ?? 0) + v;
  }
  return { total, responses: all.length };
}

/**
 * Compares maintained and recomputed aggregates; with `repair`, replaces the maintained ones by the
 * recomputation. Repair assumes the survey is quiet (closed, or a maintenance window): a response
 * accepted during the repair would be missing from it until the next rebuild.
 */
export async function rebuildAggregates(survey: SurveyMeta, repair = false): Promise<RebuildReport> {
  const [{ total, responses }, maintained] = await Promise.all([
    recompute(survey),
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

/** Rebuilds every survey of every activity, one survey in memory at a time. */
export async function rebuildAll(
  repair: boolean,
  onDrift: (report: RebuildReport, activityTitle: string) => void = () => {},
): Promise<{ surveys: number; responses: number; drifted: number }> {
  let surveys = 0;
  let responses = 0;
  let drifted = 0;
  // A few surveys at a time: each is read, summed and written on its own, so memory stays
  // bounded by the largest surveys, not by the table.
  await pool(await listActivities(), 4, async (activity) => {
    for (const survey of await listSurveyMetasOfActivity(activity.id)) {
      const report = await rebuildAggregates(survey, repair);
      surveys++;
      responses += report.responses;
      if (report.differences.length > 0) {
        drifted++;
        onDrift(report, activity.title);
      }
    }
  });
  return { surveys, responses, drifted };
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
