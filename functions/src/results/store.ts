import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { summarizeAttendees } from '../../../shared/src/activities/rules.js';
import type { Activity } from '../../../shared/src/activities/schema.js';
import type { FrameworkDetail } from '../../../shared/src/framework/api.js';
import type { IndicatorRecord } from '../../../shared/src/indicators/schema.js';
import type { PairedScore } from '../../../shared/src/learning/change.js';
import type {
  ActivityLearning,
  GoalOverview,
  IndicatorResult,
} from '../../../shared/src/results/contract.js';
import {
  type ActivityInputs,
  breakdownsFor,
  computeIndicatorValue,
  computeRaw,
  frameworkPeriod,
  inPeriod,
  type PairedFacts,
  type Period,
  passesFilters,
  type SurveyFacts,
  singleCell,
  yearPeriod,
} from '../../../shared/src/results/indicators.js';
import {
  activityLearning,
  pairedPercentScores,
  type TestInput,
} from '../../../shared/src/results/learning.js';
import { getActivity, listActivities, listAttendees } from '../activities/store.js';
import { getActiveFramework, getFramework } from '../framework/store.js';
import { getIndicator, listIndicators } from '../indicators/store.js';
import { ddb, tableName } from '../lib/aws.js';
import { keys } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import { ProblemError } from '../lib/problem.js';
import { listResponses, type ResponseRecord, readAggregates } from '../responses/store.js';
import {
  answeredDefinition,
  listSurveyMetasOfActivity,
  listSurveyVersionsOfActivity,
  type SurveyMeta,
} from '../surveys/store.js';

/*
 * Gathers what the indicator engine needs (access pattern 15). For the activities in scope:
 * the activity list (one query, pattern 6), the surveys of each activity (pattern 8) and each
 * survey's maintained aggregates (`readAggregates`, a few dozen shard items): the number of items
 * read grows with activities and surveys, never with responses. Read only when an active
 * indicator needs them:
 * - attendance lists (distinct countries / organisations, share of women) of activities that
 *   have one: grows with participants, not responses;
 * - the paired pre/post knowledge scores of an activity (share improved, mean pre/post change,
 *   normalised gain): one item per activity (`pairedOf`); only when responses arrived since it
 *   was written are the two tests' responses read again (bounded by that activity's participants).
 */

export interface ScopeFilters {
  pillar?: string;
  projectId?: string;
  country?: string;
  /** A region of the framework: activities held in one of its countries. */
  region?: string;
}

const LIST_KINDS = new Set(['distinct_countries', 'distinct_organisations', 'share_women']);
const PAIR_KINDS = new Set(['share_improved', 'mean_prepost_change', 'normalised_gain']);

const hasKnowledge = (s: Pick<SurveyMeta, 'definition'>) =>
  s.definition.questions.some((q) => q.type === 'knowledge');

/** The pre-test and the knowledge post-test of an activity, if it has them. */
function knowledgeTests<S extends Pick<SurveyMeta, 'kind' | 'definition'>>(surveys: readonly S[]) {
  const pre = surveys.find((s) => s.kind === 'pre_test' && hasKnowledge(s)) ?? null;
  const post = surveys.find((s) => s.kind === 'post_event' && hasKnowledge(s)) ?? null;
  return { pre, post };
}

async function testInput(survey: Pick<SurveyMeta, 'id'> | null): Promise<TestInput | null> {
  if (!survey) return null;
  const responses = await listResponses(survey.id);
  return { surveyId: survey.id, responses: responses.map(scored) };
}

const scored = (r: ResponseRecord) => ({
  responseId: r.responseId,
  activityId: r.activityId,
  submittedAt: r.submittedAt,
  pairingCode: r.pairingCode ?? null,
  answers: r.answers as Record<string, unknown>,
  score: r.score ?? null,
});

/** What the paired-scores item holds: the pairs and the response counts they were computed from. */
interface PairedScoresItem {
  preSurveyId: string;
  postSurveyId: string;
  preResponses: number;
  postResponses: number;
  pairs: PairedScore[];
}

/** Items stay well under DynamoDB's 400 KB (about 10,000 pairs); larger activities are not cached. */
const MAX_CACHED_BYTES = 300_000;

/**
 * Paired knowledge scores of one activity, in percent of the test maximum so activities pool.
 * Pairs cannot be summed into aggregates, so they are kept in one item per activity with the
 * response counts of the two tests they were computed from. Responses are only ever added, so
 * when the tests' maintained counts (`responses|all|n` of their aggregates, already read) equal
 * the item's, it holds exactly the pairs of the current responses: one small read. Otherwise the
 * responses of the two tests are read (bounded by the activity's participants), paired again and
 * the item rewritten, labelled with the counts of the responses actually read.
 */
async function pairedOf(activityId: string, surveys: readonly SurveyFacts[]): Promise<PairedFacts | null> {
  const { pre, post } = knowledgeTests(surveys);
  const count = (s: SurveyFacts) => s.aggregates['responses|all|n'] ?? 0;
  if (!pre || !post) return null;
  const key = keys.pairedScores(activityId);
  const cached = (await ddb().send(new GetCommand({ TableName: tableName(), Key: key }))).Item as
    | PairedScoresItem
    | undefined;
  if (
    cached?.preSurveyId === pre.id &&
    cached.postSurveyId === post.id &&
    cached.preResponses === count(pre) &&
    cached.postResponses === count(post)
  )
    return { pairs: cached.pairs, max: 100 };
  const [a, b] = await Promise.all([testInput(pre), testInput(post)]);
  if (!a || !b) return null;
  const item: PairedScoresItem = {
    preSurveyId: pre.id,
    postSurveyId: post.id,
    preResponses: a.responses.length,
    postResponses: b.responses.length,
    pairs: pairedPercentScores(a, b),
  };
  if (JSON.stringify(item).length < MAX_CACHED_BYTES)
    await ddb().send(
      new PutCommand({ TableName: tableName(), Item: { ...key, type: 'paired-scores', ...item } }),
    );
  return { pairs: item.pairs, max: 100 };
}

/**
 * The facts of an activity's answered surveys: aggregates, and the definition of the current version
 * (kept by the process: see `answeredDefinition`). A survey without responses adds nothing to any
 * value and is left out, so its definition is not read.
 */
async function answeredSurveys(activityId: string, breakdowns: boolean): Promise<SurveyFacts[]> {
  const surveys = await listSurveyVersionsOfActivity(activityId);
  const facts = await Promise.all(
    surveys.map(async (s): Promise<SurveyFacts | null> => {
      const aggregates = await readAggregates(s.id, { breakdowns });
      if (!((aggregates['responses|all|n'] ?? 0) > 0)) return null;
      const definition = await answeredDefinition(s.id, s.currentVersion);
      return definition ? { id: s.id, kind: s.kind, definition, aggregates } : null;
    }),
  );
  return facts.filter((f): f is SurveyFacts => f !== null);
}

/** The engine's inputs for some activities. */
export async function inputsFor(
  activities: readonly Activity[],
  needs: { lists: boolean; pairs: boolean; breakdowns: boolean },
): Promise<ActivityInputs[]> {
  return pool(activities, 16, async (a) => {
    const facts = await answeredSurveys(a.id, needs.breakdowns);
    const list =
      needs.lists && a.attendeeCount > 0
        ? (() =>
            listAttendees(a.id).then((people) => {
              const sum = summarizeAttendees(people);
              return {
                participants: sum.participants,
                women: sum.women,
                countries: [...new Set(people.flatMap((p) => (p.country ? [p.country] : [])))],
                organisations: [...new Set(people.flatMap((p) => (p.organisation ? [p.organisation] : [])))],
              };
            }))()
        : Promise.resolve(null);
    const [attendees, paired] = await Promise.all([list, needs.pairs ? pairedOf(a.id, facts) : null]);
    return {
      activity: {
        id: a.id,
        title: a.title,
        startsAt: a.startsAt,
        type: a.type,
        pillar: a.pillar,
        projectId: a.projectId,
        attendance: a.attendance,
        listParticipants: a.attendeeCount,
        list: attendees,
      },
      surveys: facts,
      paired,
    };
  });
}

/** The countries of the region a filter names; 422 when the framework has no such region. */
function regionCountries(
  fw: Pick<FrameworkDetail, 'regions'>,
  region: string | undefined,
): Set<string> | null {
  if (!region) return null;
  const found = fw.regions.find((r) => r.id === region);
  if (!found)
    throw new ProblemError(422, 'invalid-input', `The framework has no region "${region}".`, [
      { path: ['query', 'region'], code: 'custom', message: 'no such region in the framework' },
    ]);
  return new Set(found.countries);
}

/** Activities of a period narrowed by the request's filters (country and region: the activity's place). */
export async function activitiesInScope(
  period: Pick<Period, 'from' | 'to'>,
  f: ScopeFilters,
  fw: Pick<FrameworkDetail, 'regions'>,
): Promise<Activity[]> {
  const inRegion = regionCountries(fw, f.region);
  const list = await listActivities({ from: period.from, to: period.to });
  return list.filter(
    (a) =>
      (!f.pillar || a.pillar === f.pillar) &&
      (!f.projectId || a.projectId === f.projectId) &&
      (!f.country || a.place?.country === f.country) &&
      (!inRegion || (a.place !== null && inRegion.has(a.place.country))),
  );
}

/** The regions a client needs to name filter values and breakdown cells. */
const regionNames = (fw: Pick<FrameworkDetail, 'regions'>) =>
  fw.regions.map((r) => ({ id: r.id, name: r.name, countries: r.countries }));

/** What the indicators need read: attendance lists, paired scores, breakdown aggregates. */
const needsOf = (defs: readonly IndicatorRecord[], breakdowns: boolean) => ({
  lists: defs.some((d) => d.computation && LIST_KINDS.has(d.computation.kind)),
  pairs: defs.some((d) => d.computation && PAIR_KINDS.has(d.computation.kind)),
  breakdowns,
});

/** The framework asked for (any saved version, with its own period), else the active one. */
async function activeFramework(frameworkId?: string): Promise<FrameworkDetail> {
  const fw = frameworkId ? await getFramework(frameworkId) : await getActiveFramework();
  if (!fw && frameworkId) throw new ProblemError(404, 'not-found', `No framework ${frameworkId}.`);
  if (!fw) throw new ProblemError(404, 'no-active-framework', 'No framework is active.');
  return fw;
}

const periodOf = (fw: Pick<FrameworkDetail, 'periodStart' | 'periodEnd'>, year?: number): Period =>
  year === undefined ? frameworkPeriod(fw) : yearPeriod(year);

/** Indicator values per priority goal of a framework (the active one by default), its active indicators. */
export async function goalOverview(
  year: number | undefined,
  filters: ScopeFilters,
  frameworkId?: string,
): Promise<GoalOverview> {
  const fw = await activeFramework(frameworkId);
  const ids = [fw.id, ...(fw.basedOn ? [fw.basedOn] : [])];
  const defs = (
    await Promise.all(ids.map((frameworkId) => listIndicators({ frameworkId, status: 'active' })))
  ).flat();
  const whole = frameworkPeriod(fw);
  const inputs = await inputsFor(await activitiesInScope(whole, filters, fw), needsOf(defs, false));
  const period = periodOf(fw, year);
  const opts = { framework: fw };
  return {
    framework: {
      id: fw.id,
      name: fw.name,
      periodStart: fw.periodStart,
      periodEnd: fw.periodEnd,
      regions: regionNames(fw),
    },
    period,
    goals: fw.priorityGoals.map((g) => ({
      number: g.number,
      title: g.title,
      indicators: defs
        .filter((d) => d.priorityGoal === g.number)
        .map((d) =>
          computeIndicatorValue(
            d,
            d.version,
            inputs.filter((i) => passesFilters(d, i.activity)),
            period,
            opts,
          ),
        ),
    })),
  };
}

/** One indicator: its value, its values per year, breakdowns and the contributing activities. */
export async function indicatorResult(
  indicatorId: string,
  year: number | undefined,
  filters: ScopeFilters,
): Promise<IndicatorResult> {
  const def = await getIndicator(indicatorId);
  if (!def) throw new ProblemError(404, 'not-found', `No indicator ${indicatorId}.`);
  const active = await getActiveFramework();
  const fw =
    active && (active.id === def.frameworkId || active.basedOn === def.frameworkId)
      ? active
      : ((await getFramework(def.frameworkId)) ?? active);
  if (!fw) throw new ProblemError(404, 'no-active-framework', 'No framework is active.');
  const whole = frameworkPeriod(fw);
  const all = await inputsFor(await activitiesInScope(whole, filters, fw), needsOf([def], true));
  const inputs = all.filter((i) => passesFilters(def, i.activity));
  const period = periodOf(fw, year);
  const opts = { framework: fw };
  const byYear: IndicatorResult['byYear'] = [];
  for (let y = Number(fw.periodStart.slice(0, 4)); y <= Number(fw.periodEnd.slice(0, 4)); y++)
    byYear.push(computeIndicatorValue(def, def.version, inputs, yearPeriod(y), opts));
  const inScope = inPeriod(inputs, period);
  return {
    value: computeIndicatorValue(def, def.version, inputs, period, opts),
    definition: { ...def },
    byYear,
    breakdowns: breakdownsFor(def, inScope, fw.regions),
    regions: regionNames(fw),
    activities: inScope.map((i) => {
      const raw = computeRaw(def, [i], period);
      const cell = singleCell(def, raw);
      return {
        activityId: i.activity.id,
        title: i.activity.title,
        startsAt: i.activity.startsAt,
        n: cell.n,
        value: cell.value,
        display: cell.display,
        suppressed: cell.suppressed,
      };
    }),
  };
}

/** The pre/post picture of one activity. */
export async function learningOfActivity(activityId: string): Promise<ActivityLearning> {
  const activity = await getActivity(activityId);
  if (!activity) throw new ProblemError(404, 'not-found', `No activity ${activityId}.`);
  const surveys = await listSurveyMetasOfActivity(activityId);
  const { pre, post } = knowledgeTests(surveys);
  const [a, b, facts] = await Promise.all([
    testInput(pre),
    testInput(post),
    Promise.all(
      surveys.map(async (s) => ({
        id: s.id,
        kind: s.kind,
        definition: s.definition,
        aggregates: await readAggregates(s.id),
      })),
    ),
  ]);
  return activityLearning(
    { id: activity.id, title: activity.title, startsAt: activity.startsAt, endsAt: activity.endsAt },
    a,
    b,
    facts,
  );
}
