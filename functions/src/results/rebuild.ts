import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Delta, differences, responseDelta } from '../../../shared/src/results/aggregate.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import { listActivities } from '../activities/store.js';
import { ddb, tableName } from '../lib/aws.js';
import { keys } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import { listResponses, readAggregates } from '../responses/store.js';
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
  if (repair && diff.length > 0) {
    const k = keys.aggregateShards(survey.id);
    const old = await ddb().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': k.pk, ':sk': k.skPrefix },
        ProjectionExpression: 'pk, sk',
      }),
    );
    for (const item of old.Items ?? []) {
      await ddb().send(new DeleteCommand({ TableName: tableName(), Key: { pk: item.pk, sk: item.sk } }));
    }
    const entries = Object.entries(total);
    for (let chunk = 0; chunk * 100 < entries.length; chunk++) {
      await ddb().send(
        new PutCommand({
          TableName: tableName(),
          Item: {
            ...keys.aggregateShard(survey.id, 0, chunk),
            type: 'aggregate',
            ...Object.fromEntries(entries.slice(chunk * 100, (chunk + 1) * 100)),
          },
        }),
      );
    }
    repaired = true;
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
