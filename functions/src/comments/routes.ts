import * as z from 'zod/mini';
import { Id } from '../../../shared/src/activities/schema.js';
import {
  commentLanguages,
  freeTextQuestions,
  gatherComments,
  listComments,
  themeCounts,
} from '../../../shared/src/comments/rules.js';
import {
  CommentItem,
  CommentsQuery,
  TagInput,
  Theme,
  ThemeId,
  ThemeInput,
} from '../../../shared/src/comments/schema.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import type { AuthVariables } from '../lib/auth.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import * as responses from '../responses/store.js';
import { getSurvey } from '../surveys/store.js';
import * as store from './store.js';

const SurveyParam = z.object({ surveyId: Id });
const ThemeParam = z.object({ surveyId: Id, themeId: ThemeId });

const CommentsPage = z.object({
  surveyId: z.string().check(z.maxLength(40)),
  activityId: z.string().check(z.maxLength(40)),
  title: z.record(z.string().check(z.maxLength(20)), z.string().check(z.maxLength(2000))),
  questions: z
    .array(
      z.object({
        id: z.string().check(z.maxLength(64)),
        text: z.record(z.string().check(z.maxLength(20)), z.string().check(z.maxLength(2000))),
      }),
    )
    .check(z.maxLength(200)),
  themes: z.array(Theme).check(z.maxLength(1000)),
  languages: z
    .array(z.object({ lang: z.string().check(z.maxLength(20)), count: z.int() }))
    .check(z.maxLength(100)),
  counts: z
    .array(
      z.object({
        questionId: z.string().check(z.maxLength(64)),
        answers: z.int(),
        untagged: z.int(),
        themes: z.record(z.string().check(z.maxLength(26)), z.int()),
      }),
    )
    .check(z.maxLength(200)),
  /** Answers in the survey (counted responses), before any filter. */
  all: z.int(),
  total: z.int(),
  page: z.int(),
  pages: z.int(),
  pageSize: z.int(),
  items: z.array(CommentItem).check(z.maxLength(200)),
});

const privacy =
  'Only answers of counted responses (no repeat attempts, no excluded responses). No respondent detail: an answer has an opaque key, its question, the language answered and the day it arrived; never the response id, pairing code, invitation or time of day.';

const principal = (c: { get(k: 'principal'): { username: string } | undefined }) =>
  c.get('principal')?.username ?? 'unknown';

async function surveyOr404(surveyId: string) {
  const survey = await getSurvey(surveyId);
  if (!survey) throw new ProblemError(404, 'survey-not-found', `No survey ${surveyId}.`);
  return survey;
}

/** The survey's comments with their tags (pattern 12 for the responses, 22 for themes and tags). */
async function commentsOf(surveyId: string) {
  const survey = await surveyOr404(surveyId);
  const [all, state] = await Promise.all([
    responses.listResponses(survey.id),
    store.readCommentsState(survey.id),
  ]);
  const comments = gatherComments(survey.definition, all, store.commentKey, state.tags);
  return { survey, comments, state };
}

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const commentRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

commentRoutes.openapi(
  defineRoute('evaluator', {
    method: 'get',
    path: '/surveys/{surveyId}/comments',
    tags: ['Comments'],
    summary: "A survey's free-text answers: searchable, filterable, paged, with themes and their counts",
    description: `Newest first, or by question (\`order=question\`). \`q\`: words that must all appear (case, accents and Arabic short vowels ignored); \`theme=none\`: answers without a theme. ${privacy}`,
    request: { params: SurveyParam, query: CommentsQuery },
    responses: {
      200: { description: 'A page of answers', content: json(CommentsPage) },
      404: { description: 'No such survey' },
    },
  }),
  async (c) => {
    const { survey, comments, state } = await commentsOf(c.req.valid('param').surveyId);
    const q = c.req.valid('query');
    const page = listComments(comments, survey.definition, q);
    return c.json(
      {
        surveyId: survey.id,
        activityId: survey.activityId,
        title: survey.title,
        questions: freeTextQuestions(survey.definition).map((x) => ({ id: x.id, text: x.text })),
        themes: state.themes,
        languages: commentLanguages(comments),
        counts: themeCounts(comments, survey.definition),
        all: comments.length,
        ...page,
      },
      200,
    );
  },
);

commentRoutes.openapi(
  defineRoute('evaluator', {
    method: 'post',
    path: '/surveys/{surveyId}/comments/themes',
    tags: ['Comments'],
    summary: 'Add a theme to tag answers with',
    description: 'Names are unique in the survey (case and accents ignored). Audited.',
    request: { params: SurveyParam, body: { content: json(ThemeInput), required: true } },
    responses: {
      201: { description: 'Created', content: json(Theme) },
      404: { description: 'No such survey' },
      409: { description: 'A theme of that name exists' },
    },
  }),
  async (c) => {
    const survey = await surveyOr404(c.req.valid('param').surveyId);
    const theme = await store.createTheme(survey.id, c.req.valid('json').name, principal(c));
    return c.json(theme, 201);
  },
);

commentRoutes.openapi(
  defineRoute('evaluator', {
    method: 'patch',
    path: '/surveys/{surveyId}/comments/themes/{themeId}',
    tags: ['Comments'],
    summary: 'Rename a theme',
    description: 'Its tags stay. Audited.',
    request: { params: ThemeParam, body: { content: json(ThemeInput), required: true } },
    responses: {
      200: { description: 'Renamed', content: json(Theme) },
      404: { description: 'No such survey or theme' },
      409: { description: 'A theme of that name exists' },
    },
  }),
  async (c) => {
    const { surveyId, themeId } = c.req.valid('param');
    const survey = await surveyOr404(surveyId);
    return c.json(await store.renameTheme(survey.id, themeId, c.req.valid('json').name, principal(c)), 200);
  },
);

commentRoutes.openapi(
  defineRoute('evaluator', {
    method: 'delete',
    path: '/surveys/{surveyId}/comments/themes/{themeId}',
    tags: ['Comments'],
    summary: 'Delete a theme and its tags',
    description: 'The answers stay; only the theme and its tags go. Audited.',
    request: { params: ThemeParam },
    responses: {
      200: { description: 'Deleted', content: json(z.object({ untagged: z.int() })) },
      404: { description: 'No such survey or theme' },
    },
  }),
  async (c) => {
    const { surveyId, themeId } = c.req.valid('param');
    const survey = await surveyOr404(surveyId);
    return c.json({ untagged: await store.deleteTheme(survey.id, themeId, principal(c)) }, 200);
  },
);

for (const on of [true, false]) {
  commentRoutes.openapi(
    defineRoute('evaluator', {
      method: 'post',
      path: `/surveys/{surveyId}/comments/${on ? 'tag' : 'untag'}`,
      tags: ['Comments'],
      summary: on ? 'Tag answers with a theme (one or a selection)' : 'Remove a theme from answers',
      description: `Exactly once: ${on ? 'an answer already tagged with the theme is left as it is' : 'an answer without the theme is left as it is'}; \`changed\` says how many answers changed. Up to 200 answers at once. Audited (counts only).`,
      request: { params: SurveyParam, body: { content: json(TagInput), required: true } },
      responses: {
        200: { description: 'Done', content: json(z.object({ changed: z.int() })) },
        404: { description: 'No such survey or theme' },
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const { survey, comments } = await commentsOf(c.req.valid('param').surveyId);
      const questionOf = new Map(comments.map((x) => [x.key, x.questionId]));
      const unknown = body.commentKeys.flatMap((k, i) => (questionOf.has(k) ? [] : [i]));
      if (unknown.length > 0) {
        throw new ProblemError(
          422,
          'invalid-input',
          'Some answers are not answers of this survey.',
          unknown.slice(0, 20).map((i) => ({
            path: ['json', 'commentKeys', i],
            code: 'unknown_comment',
            message: 'Not a free-text answer of this survey.',
          })),
        );
      }
      const changed = await store.setTags(
        survey.id,
        body.themeId,
        body.commentKeys,
        questionOf,
        on,
        principal(c),
      );
      return c.json({ changed }, 200);
    },
  );
}
