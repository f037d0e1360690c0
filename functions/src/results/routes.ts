import * as z from 'zod/mini';
import { Id } from '../../../shared/src/activities/schema.js';
import { CountryCode, PillarId } from '../../../shared/src/framework/schema.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { defineRoute } from '../lib/route.js';
import * as store from './store.js';

const ResultsQuery = z.object({
  year: z.optional(z.coerce.number().check(z.int(), z.gte(1900), z.lte(2200))),
  pillar: z.optional(PillarId),
  projectId: z.optional(z.string().check(z.maxLength(80))),
  country: z.optional(CountryCode),
  region: z.optional(z.string().check(z.maxLength(60))),
  /** A saved framework version (its own period); the active one when absent. */
  frameworkId: z.optional(z.string().check(z.maxLength(80))),
});

const filtersOf = (q: z.infer<typeof ResultsQuery>): store.ScopeFilters => ({
  pillar: q.pillar,
  projectId: q.projectId,
  country: q.country,
  region: q.region,
});

const honesty =
  'Disclosure control (docs/disclosure.md): every figure about respondents (value of the period, values per year and trend, activity rows, breakdown cells) of fewer than 5 people is withheld (`withheld: true` or `suppressed: true`, no value, no n, no interval, display "< 5"), and further figures are withheld where a small group could otherwise be worked out by subtraction (from the total, the other cells, another period, or the unfiltered figures when filtered). A value on fewer respondents than the indicator minimum (but at least 5) has `lowN`. Statistical values carry a 95 % interval (`ci`, `ciDisplay`) and say how it is computed (`method`: t for means and paired change, Wilson for shares, delta method for the class gain) and in what the value is measured (`scale`, e.g. points of the test). Per-year counts over several years follow the definition\'s `periodSummary` (`summary` says which). An activity counts in the period of its start date; `country` and `region` (an id of the framework\'s regions) filter on the activity place.';

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const resultRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

resultRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/results/overview',
    tags: ['Results'],
    summary: 'Indicator values per priority goal of the active framework',
    description: `Active indicators of the active framework, by priority goal, for a year or (without year) the whole framework period, with progress, status and a trend per year. Reads the activities in scope, their surveys and each survey's maintained aggregates: the reads grow with activities, not responses (indicators of paired pre/post change also read the two knowledge tests of each activity, bounded by its participants). ${honesty}`,
    request: { query: ResultsQuery },
    responses: {
      200: {
        description: 'Goal overview (GoalOverview in shared/src/results/contract.ts)',
        content: json(
          z.looseObject({ framework: z.looseObject({ id: z.string() }), goals: z.array(z.looseObject({})) }),
        ),
      },
      404: { description: 'No active framework' },
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const out = await store.goalOverview(q.year, filtersOf(q), q.frameworkId);
    return c.json({ ...out, framework: { ...out.framework }, goals: out.goals.map((g) => ({ ...g })) }, 200);
  },
);

resultRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/results/indicators/{indicatorId}',
    tags: ['Results'],
    summary: 'One indicator: value, values per year, breakdowns, contributing activities',
    description: `The value for a year or the whole framework period, each year of the framework period, breakdowns by the indicator's disaggregations (from the aggregates' profile dimensions) and the contributing activities with their n. ${honesty}`,
    request: { params: z.object({ indicatorId: Id }), query: ResultsQuery },
    responses: {
      200: {
        description: 'Indicator result (IndicatorResult in shared/src/results/contract.ts)',
        content: json(z.looseObject({ value: z.looseObject({}), byYear: z.array(z.looseObject({})) })),
      },
      404: { description: 'No such indicator' },
    },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const out = await store.indicatorResult(c.req.valid('param').indicatorId, q.year, filtersOf(q));
    return c.json({ ...out, value: { ...out.value }, byYear: out.byYear.map((v) => ({ ...v })) }, 200);
  },
);

resultRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/results/activities/{activityId}/learning',
    tags: ['Results'],
    summary: 'The pre/post learning picture of one activity',
    description:
      "Knowledge pre-test and post-test: score distributions (bands under 5 suppressed), paired change (pairing code, else self-generated code) with 95% CI, d_z, shares improved/same/worse (percent of paired n), Hake gains and the match rate; retrospective self-ratings from the aggregates, reported separately; measures per training-evaluation level. Deviation from access pattern 15: pairing reads the responses of this activity's two tests (bounded by its participants), since pairs cannot be kept as aggregates.",
    request: { params: z.object({ activityId: Id }) },
    responses: {
      200: {
        description: 'Activity learning (ActivityLearning in shared/src/results/contract.ts)',
        content: json(z.looseObject({ activity: z.looseObject({ id: z.string() }) })),
      },
      404: { description: 'No such activity' },
    },
  }),
  async (c) => {
    const out = await store.learningOfActivity(c.req.valid('param').activityId);
    return c.json({ ...out, activity: { ...out.activity } }, 200);
  },
);
