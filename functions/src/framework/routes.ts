import { OpenAPIHono, z } from '@hono/zod-openapi';
import {
  ActionPointUpdate,
  FrameworkDetail,
  FrameworkSummary,
  ProjectInput,
  ProjectRecord,
  ProjectUpdate,
  RegionsUpdate,
  ResultStatementsUpdate,
} from '../../../shared/src/framework/api.js';
import { ActionPointCode, Slug } from '../../../shared/src/framework/schema.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { validationHook } from '../lib/validation.js';
import * as store from './store.js';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const FrameworkParam = z.object({ frameworkId: Slug });
const ActionPointParam = z.object({ frameworkId: Slug, code: ActionPointCode });
const ProjectParam = z.object({ projectId: Slug });
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

// Typed as the plain sub-app: the full route schema union is too large for `app.route` to merge.
export const frameworkRoutes: OpenAPIHono<{ Variables: AuthVariables }> = new OpenAPIHono<{
  Variables: AuthVariables;
}>({ defaultHook: validationHook });

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
