import type { Activity } from '../../../shared/src/activities/schema.js';
import type { FrameworkDetail } from '../../../shared/src/framework/api.js';
import type { IndicatorRecord } from '../../../shared/src/indicators/schema.js';
import type {
  ActivityLearning,
  GoalOverview,
  IndicatorResult,
} from '../../../shared/src/results/contract.js';
import { protectIndicator, publishCells, publishValue } from '../../../shared/src/results/disclosed.js';
import {
  type ActivityInputs,
  breakdownFigures,
  computeIndicatorValue,
  computeRaw,
  frameworkPeriod,
  inPeriod,
  newRawMemo,
  type PairedFacts,
  type Period,
  passesFilters,
  type SurveyFacts,
  singleCell,
  yearPeriod,
} from '../../../shared/src/results/indicators.js';
import { activityLearning, pairedScores, type TestInput } from '../../../shared/src/results/learning.js';
import { getActivity } from '../activities/store.js';
import { getActiveFramework, getFramework } from '../framework/store.js';
import { getIndicator, listIndicators } from '../indicators/store.js';
import { queryAll } from '../lib/aws.js';
import { keys } from '../lib/keys.js';
import { pool } from '../lib/pool.js';
import { ProblemError } from '../lib/problem.js';
import { listResponses, type ResponseRecord } from '../responses/store.js';
import { answeredVersion, scoredResponses } from '../rollups/fold.js';
import { answeredDefinitions, type RollupView, readRollups, readStoredRollup } from '../rollups/store.js';
import { cachedView } from '../rollups/views.js';
import { listSurveyMetasOfActivity, type SurveyMeta } from '../surveys/store.js';

/*
 * Gathers what the indicator engine needs (access pattern 15) from the per-activity roll-ups that
 * the stream consumer keeps (functions/src/rollups/): the activities of the period (one query of
 * gsi1, pattern 6), then item `A` of each activity's roll-up in BatchGetItem requests of 100 (its
 * surveys' overall figures, attendance facts and paired pre/post scores), the `D` parts as well for
 * an indicator's breakdowns, and the definitions of answered survey versions once per process.
 * Filters apply in memory. The cost follows activities / 100, never surveys or responses.
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

/** A test's counted responses read from the table (only for an activity whose pairing facts overflow). */
async function testInput(survey: Pick<SurveyMeta, 'id'> | null): Promise<TestInput | null> {
  if (!survey) return null;
  const responses = await listResponses(survey.id);
  return {
    surveyId: survey.id,
    responses: responses.filter((r) => (r as { counted?: boolean }).counted !== false).map(scored),
  };
}

const scored = (r: ResponseRecord) => ({
  responseId: r.responseId,
  activityId: r.activityId,
  submittedAt: r.submittedAt,
  pairingCode: r.pairingCode ?? null,
  answers: r.answers as Record<string, unknown>,
  score: r.score ?? null,
  counted: r.counted !== false,
});

/**
 * Paired scores of an activity whose scored test responses outgrew their roll-up item (about 2,000):
 * read from the two tests' responses, bounded by that activity's participants.
 */
async function pairedFromResponses(surveys: readonly SurveyFacts[]): Promise<PairedFacts | null> {
  const { pre, post } = knowledgeTests(surveys);
  const [a, b] = await Promise.all([testInput(pre), testInput(post)]);
  return a && b ? pairedScores(a, b) : null;
}

const byKindThenId = (a: [string, { kind: string }], b: [string, { kind: string }]) =>
  `${a[1].kind}#${a[0]}` < `${b[1].kind}#${b[0]}` ? -1 : 1;

/** The engine's inputs for some activities, from their roll-ups. */
export async function inputsFor(
  activities: readonly ActivityFactsRecord[],
  needs: { lists: boolean; pairs: boolean; breakdowns: boolean },
): Promise<ActivityInputs[]> {
  const rollups = await readRollups(
    activities.map((a) => a.id),
    { breakdowns: needs.breakdowns },
  );
  // A survey without counted responses adds nothing to any value: its definition is not read.
  const answered = (s: RollupView['surveys'][string]) =>
    (s.overall['responses|all|n'] ?? 0) > 0 ? answeredVersion({ ...s, breakdown: {} }) : null;
  const definitions = await answeredDefinitions(
    [...rollups.values()].flatMap((r) =>
      Object.entries(r.surveys).flatMap(([surveyId, s]) => {
        const version = answered(s);
        return version === null ? [] : [{ surveyId, version }];
      }),
    ),
  );
  return pool(activities, 16, async (a) => {
    const r = rollups.get(a.id);
    const surveys: SurveyFacts[] = Object.entries(r?.surveys ?? {})
      .sort(byKindThenId)
      .flatMap(([id, s]) => {
        const version = answered(s);
        const definition = version === null ? undefined : definitions.get(`${id}#${version}`);
        if (!definition) return [];
        const aggregates = needs.breakdowns ? { ...s.overall, ...(s.breakdown ?? {}) } : s.overall;
        return [{ id, kind: s.kind, definition, aggregates }];
      });
    const att = r?.attendance;
    const list =
      needs.lists && att && att.participants > 0
        ? {
            participants: att.participants,
            women: att.women,
            countries: Object.keys(att.countries),
            organisations: Object.keys(att.organisations),
          }
        : null;
    const paired = !needs.pairs
      ? null
      : r?.pairsOverflow
        ? await pairedFromResponses(surveys)
        : r?.paired
          ? r.paired
          : null;
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
        list,
      },
      surveys,
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

/** What views read of an activity record. */
export type ActivityFactsRecord = Pick<
  Activity,
  'id' | 'title' | 'startsAt' | 'type' | 'pillar' | 'projectId' | 'attendance' | 'attendeeCount' | 'place'
>;

/** The activity attributes a view reads (the benchmark's bare floor reads the same). */
export const FACT_ATTRIBUTES = [
  'type',
  'id',
  'title',
  'startsAt',
  'activityType',
  'pillar',
  'projectId',
  'attendance',
  'attendeeCount',
  'place',
];

/**
 * Activities starting in a period (pattern 6), projected to what views read: a fraction of the
 * bytes of whole records, and no schema parse (the records were checked when written).
 */
async function activitiesOfPeriod(period: Pick<Period, 'from' | 'to'>): Promise<ActivityFactsRecord[]> {
  const items = await queryAll<Record<string, unknown>>({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
    ExpressionAttributeValues: {
      ':pk': keys.activityList().gsi1pk,
      ':from': period.from,
      // `to` is a date: every start time on that day sorts below "<date>~".
      ':to': `${period.to}~`,
    },
    ProjectionExpression: FACT_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(FACT_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
    ScanIndexForward: false,
  });
  return items.map((i) => ({
    id: i.id as string,
    title: i.title as string,
    startsAt: i.startsAt as string,
    type: i.activityType as Activity['type'],
    pillar: (i.pillar ?? null) as Activity['pillar'],
    projectId: (i.projectId ?? null) as string | null,
    attendance: (i.attendance ?? null) as Activity['attendance'],
    attendeeCount: Number(i.attendeeCount ?? 0),
    place: (i.place ?? null) as Activity['place'],
  }));
}

/** Activities of a period narrowed by the request's filters (country and region: the activity's place). */
export async function activitiesInScope(
  period: Pick<Period, 'from' | 'to'>,
  f: ScopeFilters,
  fw: Pick<FrameworkDetail, 'regions'>,
): Promise<ActivityFactsRecord[]> {
  const inRegion = regionCountries(fw, f.region);
  return narrow(await activitiesOfPeriod(period), f, inRegion);
}

/** The activities of a list that pass the request's filters. */
function narrow<A extends ActivityFactsRecord>(
  list: readonly A[],
  f: ScopeFilters,
  inRegion: Set<string> | null,
): A[] {
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

/** Whether the request narrows the activities (then the unfiltered figures are needed too). */
const isFiltered = (f: ScopeFilters) => Boolean(f.pillar || f.projectId || f.country || f.region);

/**
 * The engine's inputs of the activities in scope and, when the request is filtered, of every
 * activity of the period (disclosure control compares the two): one read of the period's
 * activities and their roll-ups, narrowed in memory, instead of reading the filtered ones twice.
 */
async function scopedInputs(
  whole: Pick<Period, 'from' | 'to'>,
  filters: ScopeFilters,
  fw: Pick<FrameworkDetail, 'regions'>,
  needs: ReturnType<typeof needsOf>,
  read?: ActivityFactsRecord[],
): Promise<{ inputs: ActivityInputs[]; all: ActivityInputs[] }> {
  const inRegion = regionCountries(fw, filters.region);
  const records = read ?? (await activitiesOfPeriod(whole));
  const all = await inputsFor(records, needs);
  if (!isFiltered(filters)) return { inputs: all, all };
  const kept = new Set(narrow(records, filters, inRegion).map((a) => a.id));
  return { inputs: all.filter((i) => kept.has(i.activity.id)), all };
}

/**
 * Indicator values per priority goal of a framework (the active one by default), its active
 * indicators. Repeat views come from the view cache (one request) until the consumer sees a change;
 * the date is part of the key because expected progress and status depend on it.
 */
export function goalOverview(
  year: number | undefined,
  filters: ScopeFilters,
  frameworkId?: string,
): Promise<GoalOverview> {
  return cachedView(overviewKey(year, filters, frameworkId), () =>
    computeGoalOverview(year, filters, frameworkId),
  );
}

/** The view cache's name of a goal overview (today's: status depends on the date). */
export function overviewKey(year: number | undefined, filters: ScopeFilters, frameworkId?: string): string {
  return JSON.stringify([
    'overview',
    new Date().toISOString().slice(0, 10),
    frameworkId ?? null,
    year ?? null,
    filters.pillar ?? null,
    filters.projectId ?? null,
    filters.country ?? null,
    filters.region ?? null,
  ]);
}

/**
 * Computes and stores the view opened most, the results page as it opens (the active framework's
 * whole plan, no filters), right after a change: the roll-up consumer calls it after moving the
 * change counter, so an evaluator opening the page after new responses reads it from the cache
 * (pre-computed analytics, as DHIS2 does) instead of waiting for the computation. A view asked for
 * while it runs is computed by its own request, as before; other filters and years on first use.
 */
export async function warmViews(): Promise<void> {
  try {
    await goalOverview(undefined, {});
  } catch (err) {
    // No framework is active yet: nothing to warm.
    if (!(err instanceof ProblemError && err.slug === 'no-active-framework')) throw err;
  }
}

async function computeGoalOverview(
  year: number | undefined,
  filters: ScopeFilters,
  frameworkId?: string,
): Promise<GoalOverview> {
  const fw = await activeFramework(frameworkId);
  const ids = [fw.id, ...(fw.basedOn ? [fw.basedOn] : [])];
  const whole = frameworkPeriod(fw);
  // The indicators and the period's activities are read at the same time (both need only the framework).
  const [defs, records] = await Promise.all([
    Promise.all(ids.map((frameworkId) => listIndicators({ frameworkId, status: 'active' }))).then((d) =>
      d.flat(),
    ),
    activitiesOfPeriod(whole),
  ]);
  // Disclosure control compares a filtered figure with the unfiltered one (both are published).
  const { inputs, all } = await scopedInputs(whole, filters, fw, needsOf(defs, false), records);
  const period = periodOf(fw, year);
  // Value, trend and disclosure control of an indicator ask for the same period figures: once each.
  const memo = newRawMemo();
  const opts = { framework: fw, memo };
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
        .map((d) => {
          const mine = inputs.filter((i) => passesFilters(d, i.activity));
          const everyone = all === inputs ? mine : all.filter((i) => passesFilters(d, i.activity));
          const protection = protectIndicator(d, fw, everyone, all === inputs ? null : mine, {
            withCells: false,
            memo,
          });
          return publishValue(computeIndicatorValue(d, d.version, mine, period, opts), protection);
        }),
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
  // Disclosure control compares a filtered figure with the unfiltered one (both are published).
  const scoped = await scopedInputs(whole, filters, fw, needsOf([def], true));
  const inputs = scoped.inputs.filter((i) => passesFilters(def, i.activity));
  const everyone =
    scoped.all === scoped.inputs ? inputs : scoped.all.filter((i) => passesFilters(def, i.activity));
  const memo = newRawMemo();
  const protection = protectIndicator(def, fw, everyone, everyone === inputs ? null : inputs, {
    withCells: true,
    regions: fw.regions,
    memo,
  });
  const period = periodOf(fw, year);
  const opts = { framework: fw, memo };
  const byYear: IndicatorResult['byYear'] = [];
  for (let y = Number(fw.periodStart.slice(0, 4)); y <= Number(fw.periodEnd.slice(0, 4)); y++)
    byYear.push(
      publishValue(computeIndicatorValue(def, def.version, inputs, yearPeriod(y), opts), protection),
    );
  const inScope = inPeriod(inputs, period);
  return {
    value: publishValue(computeIndicatorValue(def, def.version, inputs, period, opts), protection),
    definition: { ...def },
    byYear,
    breakdowns: publishCells(
      def,
      breakdownFigures(def, inScope, fw.regions),
      protection,
      year === undefined ? 'whole' : String(year),
    ),
    regions: regionNames(fw),
    activities: inScope.map((i) => {
      const raw = computeRaw(def, [i], period);
      const cell = singleCell(def, raw);
      // No n is kept beside a withheld row: total minus the other rows would give it back.
      const withheld = cell.suppressed || (protection?.activities.has(i.activity.id) ?? false);
      return {
        activityId: i.activity.id,
        title: i.activity.title,
        startsAt: i.activity.startsAt,
        n: withheld ? null : cell.n,
        value: withheld ? null : cell.value,
        display: withheld ? '< 5' : cell.display,
        suppressed: withheld,
        ci: withheld ? null : cell.ci,
      };
    }),
  };
}

/**
 * The pre/post picture of one activity: its surveys (one query), and its roll-up (one query): the
 * surveys' figures and the scored test responses that pairing needs.
 */
export async function learningOfActivity(activityId: string): Promise<ActivityLearning> {
  const [activity, surveys, rollup] = await Promise.all([
    getActivity(activityId),
    listSurveyMetasOfActivity(activityId),
    readStoredRollup(activityId),
  ]);
  if (!activity) throw new ProblemError(404, 'not-found', `No activity ${activityId}.`);
  const { pre, post } = knowledgeTests(surveys);
  const fromRollup = (s: SurveyMeta | null): TestInput | null =>
    s ? { surveyId: s.id, responses: scoredResponses(rollup.state, s.id) } : null;
  const [a, b] = rollup.pairsOverflow
    ? await Promise.all([testInput(pre), testInput(post)])
    : [fromRollup(pre), fromRollup(post)];
  const facts = surveys.map((s) => {
    const r = rollup.state.surveys[s.id];
    return {
      id: s.id,
      kind: s.kind,
      definition: s.definition,
      aggregates: r ? { ...r.overall, ...r.breakdown } : {},
    };
  });
  return activityLearning(
    { id: activity.id, title: activity.title, startsAt: activity.startsAt, endsAt: activity.endsAt },
    a,
    b,
    facts,
  );
}
