import * as z from 'zod/mini';
import { matchesLesson } from '../../../shared/src/lessons/rules.js';
import {
  type EvidenceIndicator,
  type Lesson,
  LessonInput,
  LessonQuery,
  LessonUpdate,
} from '../../../shared/src/lessons/schema.js';
import { getActivity } from '../activities/store.js';
import { getActiveFramework } from '../framework/store.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { newId } from '../lib/ids.js';
import { type FieldError, ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { listResponses } from '../responses/store.js';
import { indicatorResult } from '../results/store.js';
import { getSurveyMeta } from '../surveys/store.js';
import * as store from './store.js';

const LessonParam = z.object({ lessonId: z.string().check(z.regex(/^[0-9a-z]{10,40}$/, 'expected an id')) });
const LessonOut = z.looseObject({ id: z.string(), version: z.number() });

const actorOf = (c: { get(key: 'principal'): AuthVariables['principal'] }) =>
  c.get('principal')?.username ?? 'unknown';

const invalid = (errors: FieldError[]) =>
  new ProblemError(422, 'invalid-input', 'Some links or evidence do not exist.', errors);

/**
 * Checks the links and captures the evidence: each indicator's value of its period now (through
 * the results view, so disclosure control applies), and each quote must be one of the survey's
 * free-text answers to that question. Only the quote, survey and question are kept.
 */
async function resolve(input: LessonInput): Promise<{ indicators: EvidenceIndicator[] }> {
  const errors: FieldError[] = [];
  await Promise.all(
    input.activityIds.map(async (id, i) => {
      if (!(await getActivity(id)))
        errors.push({
          path: ['json', 'activityIds', i],
          code: 'unknown_activity',
          message: 'No such activity.',
        });
    }),
  );
  const at = new Date().toISOString();
  const indicators = await Promise.all(
    input.indicators.map(async (e, i): Promise<EvidenceIndicator | null> => {
      try {
        const r = await indicatorResult(e.indicatorId, e.year ?? undefined, {});
        const v = r.value;
        return {
          indicatorId: e.indicatorId,
          code: v.code,
          name: v.name,
          year: e.year,
          periodLabel: v.period.label,
          value: v.value,
          display: v.display,
          n: v.n,
          nOf: v.nOf,
          version: v.version,
          withheld: v.withheld,
          capturedAt: at,
        };
      } catch (err) {
        if (!(err instanceof ProblemError) || err.status !== 404) throw err;
        errors.push({
          path: ['json', 'indicators', i, 'indicatorId'],
          code: 'unknown_indicator',
          message: 'No such indicator.',
        });
        return null;
      }
    }),
  );
  const bySurvey = new Map<string, Promise<Awaited<ReturnType<typeof listResponses>>>>();
  for (const [i, q] of input.quotes.entries()) {
    const survey = await getSurveyMeta(q.surveyId);
    const question = survey?.definition.questions.find((x) => x.id === q.questionId);
    if (!survey || !question || (question.type !== 'short_text' && question.type !== 'long_text')) {
      errors.push({
        path: ['json', 'quotes', i],
        code: 'unknown_question',
        message: 'No such free-text question.',
      });
      continue;
    }
    if (!bySurvey.has(q.surveyId)) bySurvey.set(q.surveyId, listResponses(q.surveyId));
    const responses = await (bySurvey.get(q.surveyId) as ReturnType<typeof listResponses>);
    const found = responses.some((r) => {
      const a = (r.answers as Record<string, unknown>)[q.questionId];
      return typeof a === 'string' && a.trim() === q.text;
    });
    if (!found)
      errors.push({
        path: ['json', 'quotes', i, 'text'],
        code: 'not_an_answer',
        message: 'A quote must be one of the answers to this question, word for word.',
      });
  }
  if (errors.length) throw invalid(errors);
  return { indicators: indicators.filter((x): x is EvidenceIndicator => x !== null) };
}

export const lessonRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

lessonRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/lessons',
    tags: ['Lessons'],
    summary: 'The lessons and practices log, filtered',
    description:
      'Filters: priority goal, action point, activity, kind, year (of the date) and words of the title, text or quotes.',
    request: { query: LessonQuery },
    responses: { 200: { description: 'Lessons, newest first', content: json(z.array(LessonOut)) } },
  }),
  async (c) => {
    const q = c.req.valid('query');
    return c.json(
      (await store.listLessons()).filter((l) => matchesLesson(l, q)),
      200,
    );
  },
);

lessonRoutes.openapi(
  defineRoute('evaluator', {
    method: 'post',
    path: '/lessons',
    tags: ['Lessons'],
    summary: 'Record a lesson learned or a promising practice',
    description:
      'Indicator evidence is captured as the value of its period now; quotes must be free-text answers of the survey (no respondent detail is stored).',
    request: { body: { content: json(LessonInput), required: true } },
    responses: { 201: { description: 'Recorded', content: json(LessonOut) } },
  }),
  async (c) => {
    const input = c.req.valid('json');
    const { indicators } = await resolve(input);
    const at = new Date().toISOString();
    const actor = actorOf(c);
    const lesson: Lesson = {
      ...input,
      id: newId(),
      indicators,
      frameworkId: input.frameworkId ?? (await getActiveFramework())?.id ?? null,
      version: 1,
      createdAt: at,
      createdBy: actor,
      updatedAt: at,
      updatedBy: actor,
    };
    await store.createLesson(lesson);
    return c.json(lesson, 201);
  },
);

lessonRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/lessons/{lessonId}',
    tags: ['Lessons'],
    summary: 'One lesson or practice',
    request: { params: LessonParam },
    responses: {
      200: { description: 'The lesson', content: json(LessonOut) },
      404: { description: 'No such lesson' },
    },
  }),
  async (c) => {
    const l = await store.getLesson(c.req.valid('param').lessonId);
    if (!l) throw new ProblemError(404, 'not-found', 'No such lesson.');
    return c.json(l, 200);
  },
);

lessonRoutes.openapi(
  defineRoute('evaluator', {
    method: 'put',
    path: '/lessons/{lessonId}',
    tags: ['Lessons'],
    summary: 'Edit a lesson (with the version read; 409 if it changed meanwhile)',
    description:
      'Indicator evidence already linked keeps the value captured then; newly linked evidence is captured now.',
    request: { params: LessonParam, body: { content: json(LessonUpdate), required: true } },
    responses: {
      200: { description: 'Saved', content: json(LessonOut) },
      404: { description: 'No such lesson' },
    },
  }),
  async (c) => {
    const { lessonId } = c.req.valid('param');
    const input = c.req.valid('json');
    const old = await store.getLesson(lessonId);
    if (!old) throw new ProblemError(404, 'not-found', 'No such lesson.');
    if (old.version !== input.version)
      throw new ProblemError(409, 'version-conflict', 'The lesson was changed meanwhile: reload it.');
    // Evidence linked before keeps its captured value: only new links are read now.
    const kept = (e: { indicatorId: string; year: number | null }) =>
      old.indicators.find((o) => o.indicatorId === e.indicatorId && o.year === e.year);
    const fresh = await resolve({ ...input, indicators: input.indicators.filter((e) => !kept(e)) });
    const indicators = input.indicators.flatMap((e) => {
      const k = kept(e) ?? fresh.indicators.find((f) => f.indicatorId === e.indicatorId && f.year === e.year);
      return k ? [k] : [];
    });
    const { version, ...rest } = input;
    const lesson: Lesson = {
      ...old,
      ...rest,
      indicators,
      frameworkId: input.frameworkId ?? old.frameworkId,
      version: version + 1,
      updatedAt: new Date().toISOString(),
      updatedBy: actorOf(c),
    };
    await store.updateLesson(lesson, version);
    return c.json(lesson, 200);
  },
);

lessonRoutes.openapi(
  defineRoute('evaluator', {
    method: 'delete',
    path: '/lessons/{lessonId}',
    tags: ['Lessons'],
    summary: 'Delete a lesson (with the version read)',
    request: {
      params: LessonParam,
      query: z.object({ version: z.coerce.number().check(z.int(), z.positive(), z.lte(1_000_000)) }),
    },
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such lesson' } },
  }),
  async (c) => {
    const { lessonId } = c.req.valid('param');
    if (!(await store.getLesson(lessonId))) throw new ProblemError(404, 'not-found', 'No such lesson.');
    await store.deleteLesson(lessonId, c.req.valid('query').version, actorOf(c));
    return c.body(null, 204);
  },
);
