import * as z from 'zod/mini';
import {
  ActionPointUpdate,
  FrameworkDetail,
  FrameworkMetaUpdate,
  FrameworkSummary,
  GoalsUpdate,
  NewFramework,
  PillarsUpdate,
  ProjectDependents,
  ProjectInput,
  ProjectRecord,
  ProjectUpdate,
  RegionsUpdate,
  ResultStatementsUpdate,
} from '../../../shared/src/framework/api.js';
import { CarryChange, CarryPreview, CarryRequest } from '../../../shared/src/framework/carry-over.js';
import type { PlanFilters } from '../../../shared/src/framework/plan.js';
import { ActionPointCode, Slug } from '../../../shared/src/framework/schema.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import * as carry from './carry-over.js';
import { implementationPlan } from './plan.js';
import { deleteUnreferencedProject, projectDependents } from './project-lifecycle.js';
import * as store from './store.js';

const FrameworkParam = z.object({ frameworkId: Slug });
const ActionPointParam = z.object({ frameworkId: Slug, code: ActionPointCode });
const ProjectParam = z.object({ projectId: Slug });
/** The implementation plan's filters, from the query. */
const PlanQuery = z.object({
  year: z.optional(z.coerce.number().check(z.int(), z.gte(1990), z.lte(2100))),
  pillar: z.optional(z.enum(['dialogue', 'operational_cooperation', 'research_knowledge'])),
  projectId: z.optional(z.string().check(z.maxLength(80))),
}) satisfies z.ZodMiniType<PlanFilters>;
const noFramework = { 404: { description: 'No such framework' } };
const notDraft = { 409: { description: 'The framework is active or archived: only drafts are edited' } };

/** The signed-in user's name for the audit trail (the access check has run). */
function actor(c: { get(key: 'principal'): AuthVariables['principal'] }): string {
  const p = c.get('principal');
  if (!p) throw new Error('principal missing after the access check');
  return p.username;
}

async function found<T>(value: Promise<T | null>, what: string): Promise<T> {
  const v = await value;
  if (!v) throw new ProblemError(404, 'not-found', `No ${what}.`);
  return v;
}

export const frameworkRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/frameworks',
    tags: ['Results framework'],
    summary: 'List framework versions with their status',
    responses: { 200: { description: 'Versions, by period', content: json(z.array(FrameworkSummary)) } },
  }),
  async (c) => c.json(await store.listFrameworks(), 200),
);

// Before `/frameworks/{frameworkId}`: routes match in the order they are registered.
frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/frameworks/active',
    tags: ['Results framework'],
    summary: 'Read the active framework, whole',
    responses: {
      200: { description: 'The active framework', content: json(FrameworkDetail) },
      404: { description: 'No framework is active' },
    },
  }),
  async (c) => c.json(await found(store.getActiveFramework(), 'active framework'), 200),
);

frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/frameworks/{frameworkId}',
    tags: ['Results framework'],
    summary: 'Read a framework version, whole',
    description: 'Goals, action points, pillars, result statements and the ids of its projects.',
    request: { params: FrameworkParam },
    responses: { 200: { description: 'The framework', content: json(FrameworkDetail) }, ...noFramework },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await found(store.getFramework(frameworkId), `framework ${frameworkId}`), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/frameworks',
    tags: ['Results framework'],
    summary: 'Start a new plan with its own period, as a draft',
    description:
      'A copy of the goals, action points, pillars, result statements, regions and projects of `copyFrom` (e.g. the active framework), or blank when `copyFrom` is null. Its id is the slug of its name with "-v1". The framework copied from is not changed.',
    request: { body: { content: json(NewFramework), required: true } },
    responses: {
      201: { description: 'The new draft', content: json(FrameworkDetail) },
      409: { description: 'A framework with that name exists already' },
    },
  }),
  async (c) => c.json(await store.createPlan(c.req.valid('json'), actor(c)), 201),
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/frameworks/{frameworkId}',
    tags: ['Results framework'],
    summary: 'Change the name and period of a draft',
    request: { params: FrameworkParam, body: { content: json(FrameworkMetaUpdate), required: true } },
    responses: {
      200: { description: 'The framework', content: json(FrameworkDetail) },
      ...noFramework,
      ...notDraft,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await store.updateFrameworkMeta(frameworkId, c.req.valid('json'), actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/frameworks/{frameworkId}/goals',
    tags: ['Results framework'],
    summary: 'Replace the priority goals of a draft (add, rename, retire, reorder)',
    description:
      'A goal that still has action points or result statements cannot be removed (422): set `retired` instead.',
    request: { params: FrameworkParam, body: { content: json(GoalsUpdate), required: true } },
    responses: {
      200: { description: 'The framework with its goals', content: json(FrameworkDetail) },
      ...noFramework,
      ...notDraft,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await store.replaceGoals(frameworkId, c.req.valid('json').priorityGoals, actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/frameworks/{frameworkId}/pillars',
    tags: ['Results framework'],
    summary: 'Replace the pillars of a draft (names and descriptions)',
    request: { params: FrameworkParam, body: { content: json(PillarsUpdate), required: true } },
    responses: {
      200: { description: 'The framework with its pillars', content: json(FrameworkDetail) },
      ...noFramework,
      ...notDraft,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await store.replacePillars(frameworkId, c.req.valid('json').pillars, actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/frameworks/{frameworkId}/revisions',
    tags: ['Results framework'],
    summary: 'Create the next yearly revision as a draft copy',
    description: 'The framework it is made from is not changed.',
    request: { params: FrameworkParam },
    responses: {
      201: { description: 'The new draft', content: json(FrameworkDetail) },
      ...noFramework,
      409: { description: 'That revision was created at the same time' },
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await store.createRevision(frameworkId, actor(c)), 201);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/frameworks/{frameworkId}/activate',
    tags: ['Results framework'],
    summary: 'Make a framework the active one',
    description: 'The previously active framework becomes archived, in the same transaction.',
    request: { params: FrameworkParam },
    responses: {
      200: { description: 'The framework, now active', content: json(FrameworkDetail) },
      ...noFramework,
      409: { description: 'The active framework was changed at the same time' },
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await store.activateFramework(frameworkId, actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/frameworks/{frameworkId}/results',
    tags: ['Results framework'],
    summary: 'Replace the result statements of a draft',
    request: { params: FrameworkParam, body: { content: json(ResultStatementsUpdate), required: true } },
    responses: {
      200: { description: 'The framework with its new results', content: json(FrameworkDetail) },
      ...noFramework,
      ...notDraft,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    const { resultStatements } = c.req.valid('json');
    return c.json(await store.replaceResultStatements(frameworkId, resultStatements, actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/frameworks/{frameworkId}/regions',
    tags: ['Results framework'],
    summary: 'Replace the regions of a draft',
    description:
      'Regions group countries for the results filter and breakdowns by region; a country is in one region at most.',
    request: { params: FrameworkParam, body: { content: json(RegionsUpdate), required: true } },
    responses: {
      200: { description: 'The framework with its new regions', content: json(FrameworkDetail) },
      ...noFramework,
      ...notDraft,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await store.replaceRegions(frameworkId, c.req.valid('json').regions, actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/frameworks/{frameworkId}/action-points/{code}',
    tags: ['Results framework'],
    summary: 'Edit (or add) an action point of a draft',
    request: { params: ActionPointParam, body: { content: json(ActionPointUpdate), required: true } },
    responses: {
      200: { description: 'The framework with the action point', content: json(FrameworkDetail) },
      ...noFramework,
      ...notDraft,
    },
  }),
  async (c) => {
    const { frameworkId, code } = c.req.valid('param');
    return c.json(await store.putActionPoint(frameworkId, code, c.req.valid('json'), actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/frameworks/{frameworkId}/implementation-plan',
    tags: ['Results framework'],
    summary:
      'The implementation plan: per goal and action point, activities planned and held, surveys, indicators',
    description:
      'For each priority goal and action point: the planned timeline, the activities of the framework period placed on it (dates, country, participants, project, surveys attached), the indicators that measure it with their latest status; filters by year, pillar and project; a gap list (action points due in the year with no activity, indicators without a data source). Reads the activities of the period in one query and the surveys of those in view.',
    request: { params: FrameworkParam, query: PlanQuery },
    responses: {
      200: {
        description: 'The plan',
        content: json(z.looseObject({ framework: z.looseObject({}), goals: z.array(z.looseObject({})) })),
      },
      ...noFramework,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    const plan = await implementationPlan(frameworkId, c.req.valid('query'));
    return c.json(
      plan as unknown as { framework: Record<string, unknown>; goals: Record<string, unknown>[] },
      200,
    );
  },
);

const CarryResult = z.object({
  fromIndicatorId: z.string(),
  indicatorId: z.string(),
  status: z.string(),
  changes: z.array(CarryChange),
  created: z.boolean(),
});
const LineageStep = z.object({
  indicatorId: z.string(),
  code: z.string(),
  version: z.int(),
  status: z.string(),
  frameworkId: z.string(),
  frameworkName: z.string(),
  frameworkVersion: z.int(),
  periodStart: z.string(),
  periodEnd: z.string(),
  changes: z.array(CarryChange),
});

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'get',
    path: '/frameworks/{frameworkId}/carry-over',
    tags: ['Results framework'],
    summary: 'List what carrying each indicator of another framework over to this one changes',
    description:
      'For each indicator of `from`: goal renamed or retired, action points retired or dropped, result statement gone, targets outside this period; and whether it was carried over already.',
    request: { params: FrameworkParam, query: z.object({ from: Slug }) },
    responses: { 200: { description: 'The preview', content: json(CarryPreview) }, ...noFramework },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await carry.previewCarryOver(frameworkId, c.req.valid('query').from), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/frameworks/{frameworkId}/carry-over',
    tags: ['Results framework'],
    summary: 'Carry chosen indicators over to this framework',
    description:
      'Each becomes a new indicator of this framework (active when the original is and it is S.M.A.R.T. here, else a draft), linked to the original. The original and its values are not changed. Carrying one twice returns the first copy.',
    request: { params: FrameworkParam, body: { content: json(CarryRequest), required: true } },
    responses: {
      200: { description: 'The copies', content: json(z.array(CarryResult)) },
      ...noFramework,
    },
  }),
  async (c) => {
    const { frameworkId } = c.req.valid('param');
    return c.json(await carry.carryOver(frameworkId, c.req.valid('json'), actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/indicators/{indicatorId}/lineage',
    tags: ['Indicators'],
    summary: 'The indicator across framework versions (carry-over chain), oldest first',
    request: { params: z.object({ indicatorId: z.string().check(z.minLength(1), z.maxLength(80)) }) },
    responses: {
      200: { description: 'The chain', content: json(z.array(LineageStep)) },
      404: { description: 'No such indicator' },
    },
  }),
  async (c) => c.json(await carry.lineage(c.req.valid('param').indicatorId), 200),
);

frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/projects',
    tags: ['Projects'],
    summary: 'List the projects (the project map)',
    responses: { 200: { description: 'Projects, by name', content: json(z.array(ProjectRecord)) } },
  }),
  async (c) => c.json(await store.listProjects(), 200),
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/projects',
    tags: ['Projects'],
    summary: 'Add a project',
    request: { body: { content: json(ProjectInput), required: true } },
    responses: { 201: { description: 'Added', content: json(ProjectRecord) } },
  }),
  async (c) => c.json(await store.createProject(c.req.valid('json'), actor(c)), 201),
);

frameworkRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/projects/{projectId}',
    tags: ['Projects'],
    summary: 'Read a project',
    request: { params: ProjectParam },
    responses: {
      200: { description: 'The project', content: json(ProjectRecord) },
      404: { description: 'No such project' },
    },
  }),
  async (c) => {
    const { projectId } = c.req.valid('param');
    return c.json(await found(store.getProject(projectId), `project ${projectId}`), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/projects/{projectId}',
    tags: ['Projects'],
    summary: 'Edit a project',
    description:
      'Send the `version` you read; if someone saved since, the answer is 409 and nothing changes.',
    request: { params: ProjectParam, body: { content: json(ProjectUpdate), required: true } },
    responses: {
      200: { description: 'Saved', content: json(ProjectRecord) },
      404: { description: 'No such project' },
      409: { description: 'The project was changed since that version' },
    },
  }),
  async (c) => {
    const { projectId } = c.req.valid('param');
    const { version, ...input } = c.req.valid('json');
    return c.json(await store.updateProject(projectId, input, version, actor(c)), 200);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'get',
    path: '/projects/{projectId}/dependents',
    tags: ['Projects'],
    summary: 'What refers to a project (before deleting or archiving it)',
    request: { params: ProjectParam },
    responses: {
      200: { description: 'Dependents', content: json(ProjectDependents) },
      404: { description: 'No such project' },
    },
  }),
  async (c) => {
    const { projectId } = c.req.valid('param');
    return c.json(
      await projectDependents(await found(store.getProject(projectId), `project ${projectId}`)),
      200,
    );
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'delete',
    path: '/projects/{projectId}',
    tags: ['Projects'],
    summary: 'Delete a project nothing refers to',
    description:
      'A project that activities (archived ones too), sub-projects or indicator filters refer to is never deleted ' +
      '(409): archive it instead.',
    request: { params: ProjectParam },
    responses: {
      204: { description: 'Deleted' },
      404: { description: 'No such project' },
      409: { description: 'Referred to (archive it), or changed meanwhile' },
    },
  }),
  async (c) => {
    const { projectId } = c.req.valid('param');
    await deleteUnreferencedProject(
      await found(store.getProject(projectId), `project ${projectId}`),
      actor(c),
    );
    return c.body(null, 204);
  },
);

frameworkRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/projects/{projectId}/archived',
    tags: ['Projects'],
    summary: 'Archive a project, or bring it back',
    description:
      'An archived project stays (activities keep referring to it) and is hidden from the pickers.',
    request: {
      params: ProjectParam,
      body: { content: json(z.object({ archived: z.boolean() })), required: true },
    },
    responses: {
      200: { description: 'Saved', content: json(ProjectRecord) },
      404: { description: 'No such project' },
    },
  }),
  async (c) => {
    const { projectId } = c.req.valid('param');
    const project = await found(store.getProject(projectId), `project ${projectId}`);
    const { archived } = c.req.valid('json');
    if (Boolean(project.archived) === archived) return c.json(project, 200);
    return c.json(await store.setProjectArchived(project, archived, actor(c)), 200);
  },
);
