import * as z from 'zod/mini';
import { IssueInput, NarrativeInput, ReportPeriodKey } from '../../../shared/src/report/schema.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { emailByUsername } from '../users/directory.js';
import * as store from './store.js';

const ReportParams = z.object({
  frameworkId: z
    .string()
    .check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a framework id'), z.maxLength(80)),
  period: ReportPeriodKey,
});
const NarrativeParams = z.extend(ReportParams, {
  goal: z.coerce.number().check(z.int(), z.gte(1), z.lte(20)),
});
const ReportOut = z.looseObject({
  kind: z.literal('results-report'),
  status: z.enum(['draft', 'issued']),
  draftVersion: z.number(),
  goals: z.array(z.looseObject({ number: z.number() })),
});

const actorOf = (c: { get(key: 'principal'): AuthVariables['principal'] }) =>
  c.get('principal')?.username ?? 'unknown';

/** The issuer's name as the report prints it: the account's e-mail, else its user name. */
async function nameOf(username: string): Promise<string> {
  try {
    return await emailByUsername(username);
  } catch {
    return username;
  }
}

const honesty =
  'Every figure about respondents passed disclosure control (docs/disclosure.md): fewer than 5 people, or recoverable by subtraction, shows "< 5" without value or n.';

export const reportRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

reportRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/reports',
    tags: ['Reports'],
    summary: 'Issued results reports, newest first',
    responses: {
      200: {
        description: 'Issued reports',
        content: json(
          z.array(
            z.object({
              frameworkId: z.string(),
              frameworkName: z.string(),
              periodKey: z.string(),
              periodLabel: z.string(),
              issuedAt: z.string(),
              issuedBy: z.string(),
            }),
          ),
        ),
      },
    },
  }),
  async (c) => c.json(await store.listIssuedReports(), 200),
);

reportRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/reports/{frameworkId}/{period}',
    tags: ['Reports'],
    summary: 'The results report of a plan for a year or the whole plan',
    description: `The issued document when the report was issued (frozen: later data never changes it), else a draft computed now from the goal overview, the activities' roll-ups and the lessons of the period. Period: a year of the plan or "plan". ${honesty}`,
    request: { params: ReportParams },
    responses: {
      200: { description: 'Report (ReportDocument in shared/src/report/model.ts)', content: json(ReportOut) },
      404: { description: 'No such framework' },
    },
  }),
  async (c) => {
    const { frameworkId, period } = c.req.valid('param');
    const fw = await store.frameworkOf(frameworkId);
    store.periodOf(fw, period);
    const state = await store.reportState(fw.id, period);
    if (state.status === 'issued') {
      const doc = await store.issuedReport(fw.id, period);
      if (doc) return c.json({ ...doc }, 200);
    }
    return c.json({ ...(await store.draftReport(fw, period, state)) }, 200);
  },
);

reportRoutes.openapi(
  defineRoute('evaluator', {
    method: 'put',
    path: '/reports/{frameworkId}/{period}/narratives/{goal}',
    tags: ['Reports'],
    summary: "Edit a priority goal's narrative while the report is a draft",
    description:
      'Sends the draft version read (`draftVersion`); 409 when the report was issued (an issued report cannot change) or changed meanwhile. An empty text removes the narrative.',
    request: { params: NarrativeParams, body: { content: json(NarrativeInput), required: true } },
    responses: {
      200: { description: 'Saved', content: json(z.object({ version: z.number() })) },
      404: { description: 'No such framework' },
      409: { description: 'Issued, or changed meanwhile' },
    },
  }),
  async (c) => {
    const { frameworkId, period, goal } = c.req.valid('param');
    const input = c.req.valid('json');
    const fw = await store.frameworkOf(frameworkId);
    store.periodOf(fw, period);
    if (!fw.priorityGoals.some((g) => g.number === goal))
      throw new ProblemError(422, 'invalid-input', `The plan has no priority goal ${goal}.`, [
        { path: ['param', 'goal'], code: 'unknown_goal', message: 'no such priority goal in the plan' },
      ]);
    const version = await store.saveNarrative(fw.id, period, goal, input.text, input.version, actorOf(c));
    return c.json({ version }, 200);
  },
);

reportRoutes.openapi(
  defineRoute('evaluator', {
    method: 'post',
    path: '/reports/{frameworkId}/{period}/issue',
    tags: ['Reports'],
    summary: 'Issue the report: freeze it as computed now',
    description:
      'Stores the whole document with the date and who issued it; later responses, indicators or lessons never change it. Sends the draft version read; 409 when already issued or changed meanwhile.',
    request: { params: ReportParams, body: { content: json(IssueInput), required: true } },
    responses: {
      201: { description: 'Issued', content: json(ReportOut) },
      404: { description: 'No such framework' },
      409: { description: 'Already issued, or changed meanwhile' },
    },
  }),
  async (c) => {
    const { frameworkId, period } = c.req.valid('param');
    const { version } = c.req.valid('json');
    const fw = await store.frameworkOf(frameworkId);
    store.periodOf(fw, period);
    const actor = actorOf(c);
    const doc = await store.issueReport(fw, period, version, actor, await nameOf(actor));
    return c.json({ ...doc }, 201);
  },
);
