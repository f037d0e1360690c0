import * as z from 'zod/mini';
import { Id } from '../../../shared/src/activities/schema.js';
import { DEFAULT_FRAMEWORK_ID } from '../../../shared/src/framework/seed-id.js';
import { missingLetters } from '../../../shared/src/indicators/rules.js';
import {
  IndicatorDefinition,
  IndicatorInput,
  IndicatorQuery,
  IndicatorRecord,
  IndicatorUpdate,
  SmartFinding,
  SmartLetter,
} from '../../../shared/src/indicators/schema.js';
import * as frameworks from '../framework/store.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import { listAuditEntries } from '../lib/audit.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { displayNames } from '../users/directory.js';
import * as store from './store.js';

/** The active framework's id; the default framework's when none is active yet. */
async function activeFrameworkId(): Promise<string> {
  return (await frameworks.activeFrameworkId()) ?? DEFAULT_FRAMEWORK_ID;
}

const IndicatorParam = z.object({ indicatorId: Id });
const notFound = { 404: { description: 'No such indicator' } };

/** Who made and last changed it, as people read it (an e-mail), never a user id. */
const Names = { createdByName: z.string(), updatedByName: z.string() };
const IndicatorDetail = z.extend(IndicatorRecord, { findings: z.array(SmartFinding), ...Names });
const IndicatorVersion = z.extend(IndicatorRecord, Names);
const IndicatorSummary = z.extend(IndicatorRecord, { missing: z.array(SmartLetter) });
const AuditItem = z.object({
  action: z.string(),
  actor: z.string(),
  actorName: z.string(),
  at: z.string(),
  changes: z.record(z.string(), z.unknown()),
});

/** The signed-in user's name for the audit trail (the access check has run). */
function actor(c: { get(key: 'principal'): AuthVariables['principal'] }): string {
  const p = c.get('principal');
  if (!p) throw new Error('principal missing after the access check');
  return p.username;
}

async function detail(indicatorId: string) {
  const found = await store.getIndicator(indicatorId);
  if (!found) throw new ProblemError(404, 'not-found', `No indicator ${indicatorId}.`);
  const names = await displayNames([found.createdBy, found.updatedBy]);
  return {
    ...found,
    findings: await store.findingsOf(found),
    createdByName: names.get(found.createdBy) ?? found.createdBy,
    updatedByName: names.get(found.updatedBy) ?? found.updatedBy,
  };
}

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const indicatorRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

indicatorRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/indicators',
    tags: ['Indicators'],
    summary: 'List the indicators of a framework, by code',
    description:
      'Filters: frameworkId (default: the active framework), priority goal number, status. `missing` lists the S.M.A.R.T. letters with open findings.',
    request: { query: IndicatorQuery },
    responses: { 200: { description: 'Indicators', content: json(z.array(IndicatorSummary)) } },
  }),
  async (c) => {
    const q = c.req.valid('query');
    const frameworkId = q.frameworkId ?? (await activeFrameworkId());
    const [list, ctx] = await Promise.all([
      store.listIndicators({ ...q, frameworkId }),
      store.smartContext(frameworkId),
    ]);
    const out = [];
    for (const r of list) out.push({ ...r, missing: missingLetters(await store.findingsOf(r, ctx)) });
    return c.json(out, 200);
  },
);

indicatorRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/indicators/check',
    tags: ['Indicators'],
    summary: 'S.M.A.R.T. check of an unsaved definition',
    description: 'Returns the findings; an empty list means the definition could be activated.',
    request: { body: { content: json(IndicatorDefinition), required: true } },
    responses: { 200: { description: 'Findings', content: json(z.array(SmartFinding)) } },
  }),
  async (c) => c.json(await store.findingsOf(c.req.valid('json')), 200),
);

indicatorRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/indicators',
    tags: ['Indicators'],
    summary: 'Define an indicator (saved as a draft, whatever its findings)',
    request: { body: { content: json(IndicatorInput), required: true } },
    responses: { 201: { description: 'Saved as draft, with its findings', content: json(IndicatorDetail) } },
  }),
  async (c) => {
    const created = await store.createIndicator(c.req.valid('json'), actor(c));
    return c.json({ ...created, findings: await store.findingsOf(created) }, 201);
  },
);

indicatorRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/indicators/{indicatorId}',
    tags: ['Indicators'],
    summary: 'Read an indicator: its current definition and S.M.A.R.T. findings',
    request: { params: IndicatorParam },
    responses: { 200: { description: 'The indicator', content: json(IndicatorDetail) }, ...notFound },
  }),
  async (c) => c.json(await detail(c.req.valid('param').indicatorId), 200),
);

indicatorRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/indicators/{indicatorId}/versions',
    tags: ['Indicators'],
    summary: 'Every version of an indicator, oldest first',
    description:
      'Values are labelled with the version they were computed with; every version stays readable.',
    request: { params: IndicatorParam },
    responses: { 200: { description: 'Versions', content: json(z.array(IndicatorVersion)) }, ...notFound },
  }),
  async (c) => {
    const { indicatorId } = c.req.valid('param');
    const versions = await store.listIndicatorVersions(indicatorId);
    if (versions.length === 0) throw new ProblemError(404, 'not-found', `No indicator ${indicatorId}.`);
    const names = await displayNames(versions.flatMap((v) => [v.createdBy, v.updatedBy]));
    return c.json(
      versions.map((v) => ({
        ...v,
        createdByName: names.get(v.createdBy) ?? v.createdBy,
        updatedByName: names.get(v.updatedBy) ?? v.updatedBy,
      })),
      200,
    );
  },
);

indicatorRoutes.openapi(
  defineRoute('admin', {
    method: 'get',
    path: '/indicators/{indicatorId}/audit',
    tags: ['Indicators'],
    summary: 'Who changed what and when, oldest first',
    request: { params: IndicatorParam },
    responses: { 200: { description: 'Audit trail', content: json(z.array(AuditItem)) }, ...notFound },
  }),
  async (c) => {
    const { indicatorId } = c.req.valid('param');
    if (!(await store.getIndicator(indicatorId)))
      throw new ProblemError(404, 'not-found', `No indicator ${indicatorId}.`);
    const entries = await listAuditEntries(store.ENTITY, indicatorId);
    const names = await displayNames(entries.map((e) => e.actor));
    return c.json(
      entries.map(({ action, actor, at, changes }) => ({
        action,
        actor,
        actorName: names.get(actor) ?? actor,
        at,
        changes,
      })),
      200,
    );
  },
);

indicatorRoutes.openapi(
  defineRoute('admin', {
    method: 'put',
    path: '/indicators/{indicatorId}',
    tags: ['Indicators'],
    summary: 'Edit an indicator',
    description:
      'Send the `revision` you read; if someone saved since, the answer is 409 and nothing changes. A draft is edited in place; editing an active indicator creates a new version (the old one stays readable) and is refused with 422 if the new definition is not S.M.A.R.T.; a retired indicator cannot be edited (409).',
    request: { params: IndicatorParam, body: { content: json(IndicatorUpdate), required: true } },
    responses: {
      200: { description: 'Saved', content: json(IndicatorDetail) },
      ...notFound,
      409: { description: 'Changed since that revision, or retired' },
    },
  }),
  async (c) => {
    const { indicatorId } = c.req.valid('param');
    const { revision, ...input } = c.req.valid('json');
    const saved = await store.updateIndicator(indicatorId, input, revision, actor(c));
    return c.json({ ...saved, findings: await store.findingsOf(saved) }, 200);
  },
);

indicatorRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/indicators/{indicatorId}/activate',
    tags: ['Indicators'],
    summary: 'Activate an indicator',
    description:
      'Refused with 422 while S.M.A.R.T. findings remain: `errors` lists each with its field path and `<letter>:<code>`.',
    request: { params: IndicatorParam },
    responses: {
      200: { description: 'Active', content: json(IndicatorDetail) },
      ...notFound,
      409: { description: 'Retired, or changed meanwhile' },
    },
  }),
  async (c) => {
    const saved = await store.activateIndicator(c.req.valid('param').indicatorId, actor(c));
    return c.json({ ...saved, findings: await store.findingsOf(saved) }, 200);
  },
);

indicatorRoutes.openapi(
  defineRoute('admin', {
    method: 'post',
    path: '/indicators/{indicatorId}/retire',
    tags: ['Indicators'],
    summary: 'Retire an indicator (its versions stay readable)',
    request: { params: IndicatorParam },
    responses: { 200: { description: 'Retired', content: json(IndicatorDetail) }, ...notFound },
  }),
  async (c) => {
    const saved = await store.retireIndicator(c.req.valid('param').indicatorId, actor(c));
    return c.json({ ...saved, findings: await store.findingsOf(saved) }, 200);
  },
);
