import * as z from 'zod/mini';
import { SurveyListRow } from '../../../shared/src/surveys/list-schema.js';
import { listActivities } from '../activities/store.js';
import { ApiRoutes } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { pool } from '../lib/pool.js';
import { defineRoute } from '../lib/route.js';
import { listSurveyMetasOfActivity } from './store.js';

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const surveyListRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

surveyListRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/surveys',
    tags: ['Surveys'],
    summary: 'Every survey with the facts of its activity (goal, action points, project, country, date)',
    description:
      'For the survey list (search, filters and sort on the page). One query for the activities, then one per ' +
      'activity (eight at a time). Archived surveys, and the surveys of archived activities, are left out unless ' +
      '`archived=include`.',
    request: { query: z.object({ archived: z.optional(z.enum(['exclude', 'include'])) }) },
    responses: {
      200: { description: 'Surveys', content: { 'application/json': { schema: z.array(SurveyListRow) } } },
    },
  }),
  async (c) => {
    const archived = c.req.valid('query').archived ?? 'exclude';
    const activities = await listActivities({ archived });
    const rows = await pool(activities, 8, async (a) =>
      (await listSurveyMetasOfActivity(a.id))
        .filter((s) => archived === 'include' || !s.archived)
        .map((s) => ({
          id: s.id,
          code: s.code,
          kind: s.kind,
          title: s.title.en ?? Object.values(s.title)[0] ?? s.kind,
          opensAt: s.opensAt,
          closesAt: s.closesAt,
          archived: Boolean(s.archived),
          activity: {
            id: a.id,
            title: a.title,
            startsAt: a.startsAt,
            priorityGoals: a.priorityGoals,
            actionPointCodes: a.actionPointCodes,
            projectId: a.projectId,
            place: a.place,
            archived: Boolean(a.archived),
          },
        })),
    );
    return c.json(rows.flat(), 200);
  },
);
