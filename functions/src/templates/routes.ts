import * as z from 'zod/mini';
import { blankDefinition, definitionIssues, tidyDefinition } from '../../../shared/src/surveys/builder.js';
import {
  TemplateCreateInput,
  TemplateDetail,
  type TemplateSource,
  TemplateSummary,
  TemplateUpdateInput,
  templateDefinitionId,
} from '../../../shared/src/surveys/custom-templates.js';
import { translationCompleteness } from '../../../shared/src/surveys/rules.js';
import type { SurveyDefinition } from '../../../shared/src/surveys/schema.js';
import { templates } from '../../../shared/src/surveys/templates.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { newId } from '../lib/ids.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { getSurveyMeta } from '../surveys/store.js';
import * as store from './store.js';
import { type BuiltInId, builtInDefinition, isBuiltIn, isTemplateId } from './store.js';

const TemplateParam = z.object({ templateId: z.string().check(z.minLength(1), z.maxLength(80)) });

function summary(
  id: string,
  def: SurveyDefinition,
  builtIn: boolean,
  version: number,
  updatedAt: string | null,
  archived = false,
): TemplateSummary {
  return {
    archived,
    id,
    builtIn,
    title: def.title,
    kind: def.kind,
    languages: def.languages,
    questionCount: def.questions.length,
    translations: translationCompleteness(def).map((t) => ({ lang: t.lang, percent: t.percent })),
    version,
    updatedAt,
  };
}

const detailOf = (r: store.TemplateRecord): TemplateDetail => ({
  ...summary(r.id, r.definition, false, r.version, r.updatedAt, Boolean(r.archived)),
  definition: r.definition,
  source: r.source,
});

const builtInDetail = (id: BuiltInId): TemplateDetail => {
  const def = builtInDefinition(id);
  return { ...summary(id, def, true, 1, null), definition: def, source: null };
};

const actorOf = (c: { get(key: 'principal'): AuthVariables['principal'] }) =>
  c.get('principal')?.username ?? 'unknown';

const notFound = (id: string) => new ProblemError(404, 'template-not-found', `No template ${id}.`);

export const templateRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

templateRoutes
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/templates',
      tags: ['Surveys'],
      summary: 'The survey templates: built-in ones first, then custom ones',
      description: 'Archived custom templates are left out (the picker) unless `archived=include`.',
      request: { query: z.object({ archived: z.optional(z.enum(['exclude', 'include'])) }) },
      responses: { 200: { description: 'Templates', content: json(z.array(TemplateSummary)) } },
    }),
    async (c) => {
      const all = c.req.valid('query').archived === 'include';
      const custom = (await store.listTemplates()).filter((r) => all || !r.archived);
      return c.json(
        [
          ...(Object.keys(templates) as BuiltInId[]).map((id) =>
            summary(id, builtInDefinition(id), true, 1, null),
          ),
          ...custom.map((r) =>
            summary(r.id, r.definition, false, r.version, r.updatedAt, Boolean(r.archived)),
          ),
        ],
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/templates',
      tags: ['Surveys'],
      summary: 'Create a custom template',
      description:
        'From a blank start (title, kind, languages), or as a copy of a built-in template, another custom ' +
        "template or a survey's current definition.",
      request: { body: { content: json(TemplateCreateInput), required: true } },
      responses: { 201: { description: 'Created', content: json(TemplateDetail) } },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const id = newId();
      const definitionId = templateDefinitionId(id);
      let definition: SurveyDefinition;
      let source: TemplateSource;
      if (input.from === 'blank') {
        definition = blankDefinition(definitionId, input);
        source = { from: 'blank', id: null };
      } else {
        const copied =
          input.from === 'template'
            ? await store.templateDefinition(input.templateId)
            : ((await getSurveyMeta(input.surveyId))?.definition ?? null);
        if (!copied) {
          const field = input.from === 'template' ? 'templateId' : 'surveyId';
          throw new ProblemError(422, 'invalid-input', `Nothing to copy from.`, [
            {
              path: ['json', field],
              code: input.from === 'template' ? 'unknown_template' : 'unknown_survey',
              message: input.from === 'template' ? 'No such template.' : 'No such survey.',
            },
          ]);
        }
        const lang = copied.languages[0] ?? 'en';
        const title = input.title ?? `Copy of ${copied.title[lang] ?? ''}`.trim();
        definition = { ...copied, id: definitionId, version: 1, title: { ...copied.title, [lang]: title } };
        source = { from: input.from, id: input.from === 'template' ? input.templateId : input.surveyId };
      }
      const at = new Date().toISOString();
      const actor = actorOf(c);
      const record: store.TemplateRecord = {
        id,
        definition,
        version: 1,
        source,
        createdAt: at,
        createdBy: actor,
        updatedAt: at,
        updatedBy: actor,
      };
      await store.createTemplate(record);
      return c.json(detailOf(record), 201);
    },
  )
  .openapi(
    defineRoute('evaluator', {
      method: 'get',
      path: '/templates/{templateId}',
      tags: ['Surveys'],
      summary: 'One template with its definition',
      request: { params: TemplateParam },
      responses: {
        200: { description: 'The template', content: json(TemplateDetail) },
        404: { description: 'No such template' },
      },
    }),
    async (c) => {
      const { templateId } = c.req.valid('param');
      if (isBuiltIn(templateId)) return c.json(builtInDetail(templateId), 200);
      const record = isTemplateId(templateId) ? await store.getTemplate(templateId) : null;
      if (!record) throw notFound(templateId);
      return c.json(detailOf(record), 200);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/templates/{templateId}/archived',
      tags: ['Surveys'],
      summary: 'Archive a custom template (hidden from the picker), or bring it back',
      description: 'Surveys attached from it keep their own copy and are not changed.',
      request: {
        params: TemplateParam,
        body: { content: json(z.object({ archived: z.boolean() })), required: true },
      },
      responses: {
        204: { description: 'Saved' },
        404: { description: 'No such template' },
        409: { description: 'A built-in template' },
      },
    }),
    async (c) => {
      const { templateId } = c.req.valid('param');
      if (isBuiltIn(templateId))
        throw new ProblemError(409, 'built-in-template', 'Built-in templates cannot be archived.');
      const done =
        isTemplateId(templateId) &&
        (await store.setTemplateArchived(
          templateId,
          c.req.valid('json').archived,
          actorOf(c),
          new Date().toISOString(),
        ));
      if (!done) throw notFound(templateId);
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'delete',
      path: '/templates/{templateId}',
      tags: ['Surveys'],
      summary: 'Delete a custom template',
      description:
        'Surveys attached from it keep their own copy and are not changed. Built-in templates stay.',
      request: { params: TemplateParam },
      responses: {
        204: { description: 'Deleted' },
        404: { description: 'No such template' },
        409: { description: 'A built-in template' },
      },
    }),
    async (c) => {
      const { templateId } = c.req.valid('param');
      if (isBuiltIn(templateId))
        throw new ProblemError(409, 'built-in-template', 'Built-in templates cannot be deleted.');
      const deleted =
        isTemplateId(templateId) &&
        (await store.deleteTemplate(templateId, actorOf(c), new Date().toISOString()));
      if (!deleted) throw notFound(templateId);
      return c.body(null, 204);
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'put',
      path: '/templates/{templateId}',
      tags: ['Surveys'],
      summary: "Save a custom template's questions and texts",
      description:
        'Send the whole definition and the version you read; a save by someone else meanwhile answers 409. ' +
        'Surveys already attached keep their own copy. Built-in templates are read-only.',
      request: { params: TemplateParam, body: { content: json(TemplateUpdateInput), required: true } },
      responses: {
        200: { description: 'Saved', content: json(TemplateDetail) },
        404: { description: 'No such template' },
        409: { description: 'Changed by someone else meanwhile, or a built-in template' },
      },
    }),
    async (c) => {
      const { templateId } = c.req.valid('param');
      const input = c.req.valid('json');
      if (isBuiltIn(templateId))
        throw new ProblemError(
          409,
          'built-in-template',
          'Built-in templates are read-only: make a copy and edit it.',
        );
      const definition: SurveyDefinition = tidyDefinition({
        ...input.definition,
        id: templateDefinitionId(templateId),
        version: 1,
      });
      const issues = definitionIssues(definition);
      if (issues.length > 0)
        throw new ProblemError(
          422,
          'invalid-input',
          'Some texts are missing or invalid.',
          issues.map((i) => ({
            path: ['json', 'definition', ...i.path],
            code: 'custom',
            message: i.message,
          })),
        );
      const outcome = await store.updateTemplate(
        templateId,
        input.version,
        definition,
        actorOf(c),
        new Date().toISOString(),
      );
      if (!outcome.ok) {
        if (!outcome.current) throw notFound(templateId);
        throw new ProblemError(
          409,
          'stale-version',
          `The template was changed by someone else (now version ${outcome.current.version}, yours ${input.version}). Reload it and apply your change again.`,
        );
      }
      return c.json(detailOf(outcome.record), 200);
    },
  );
