import * as z from 'zod/mini';
import { Id } from '../../../shared/src/activities/schema.js';
import {
  ExclusionInput,
  ExclusionResult,
  ResponseListItem,
  RestoreInput,
} from '../../../shared/src/responses/exclusion.js';
import { ApiRoutes, json } from '../lib/api-routes.js';
import { auditEntry } from '../lib/audit.js';
import type { AuthVariables } from '../lib/auth.js';
import { pool } from '../lib/pool.js';
import { ProblemError } from '../lib/problem.js';
import { defineRoute } from '../lib/route.js';
import { getSurvey } from '../surveys/store.js';
import { emailByUsername } from '../users/directory.js';
import * as store from './store.js';

const SurveyParam = z.object({ surveyId: Id });

async function surveyOr404(surveyId: string) {
  const survey = await getSurvey(surveyId);
  if (!survey) throw new ProblemError(404, 'survey-not-found', `No survey ${surveyId}.`);
  return survey;
}

/** The stored responses asked for; 422 naming each id that is not a response of this survey. */
async function responsesOf(surveyId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)];
  const found = await pool(unique, 8, (id) => store.getResponse(surveyId, id));
  const missing = unique.flatMap((id, i) => (found[i] ? [] : [ids.indexOf(id)]));
  if (missing.length > 0) {
    throw new ProblemError(
      422,
      'invalid-input',
      'Some responses are not responses of this survey.',
      missing.map((i) => ({
        path: ['json', 'responseIds', i],
        code: 'unknown_response',
        message: 'No such response in this survey.',
      })),
    );
  }
  return found as store.ResponseRecord[];
}

async function changeExclusions(
  surveyId: string,
  ids: readonly string[],
  exclude: boolean,
  actor: string,
  reason: string | undefined,
) {
  const survey = await surveyOr404(surveyId);
  const list = await responsesOf(survey.id, ids);
  const at = new Date().toISOString();
  let changed = 0;
  // One transaction per response (its item and its audit entry).
  for (const r of list) {
    const audit = auditEntry({
      entity: 'survey',
      entityId: survey.id,
      action: exclude ? 'response.exclude' : 'response.restore',
      actor,
      at,
      changes: { responseId: r.responseId, ...(reason ? { reason } : {}) },
    });
    const outcome = await store.setExclusion(
      r,
      exclude
        ? { exclude: true, by: actor, at, reason: reason ?? '' }
        : { exclude: false, by: actor, at, ...(reason ? { reason } : {}) },
      audit,
    );
    if (outcome === 'changed') changed++;
  }
  return { changed, unchanged: list.length - changed };
}

// Routes are added as statements, not one chained type: the app's type stays simple to check.
export const responseRoutes = new ApiRoutes<{ Variables: AuthVariables }>();

responseRoutes
  .openapi(
    defineRoute('admin', {
      method: 'get',
      path: '/surveys/{surveyId}/responses',
      tags: ['Responses'],
      summary: 'The responses of a survey, without answers: when, language, counted, excluded',
      description:
        'For cleaning data: repeat attempts of a device and excluded responses are flagged. No answer and nothing ' +
        'personal is listed.',
      request: { params: SurveyParam },
      responses: {
        200: { description: 'Responses, newest first', content: json(z.array(ResponseListItem)) },
        404: { description: 'No such survey' },
      },
    }),
    async (c) => {
      const survey = await surveyOr404(c.req.valid('param').surveyId);
      const list = await store.listResponses(survey.id);
      const emails = new Map<string, string | null>();
      for (const by of new Set(list.flatMap((r) => (r.excluded ? [r.excluded.by] : []))))
        emails.set(by, await emailByUsername(by).catch(() => null));
      return c.json(
        list
          .map((r) => ({
            responseId: r.responseId,
            submittedAt: r.submittedAt,
            receivedAt: r.receivedAt,
            language: r.language,
            surveyVersion: r.surveyVersion,
            score: r.score ? { points: r.score.points, maxPoints: r.score.maxPoints } : null,
            counted: r.counted !== false,
            repeat: r.excluded ? !r.excluded.wasCounted : r.counted === false,
            excluded: r.excluded
              ? {
                  by: r.excluded.by,
                  byEmail: emails.get(r.excluded.by) ?? null,
                  at: r.excluded.at,
                  reason: r.excluded.reason,
                }
              : null,
          }))
          .sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0)),
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/surveys/{surveyId}/responses/exclude',
      tags: ['Responses'],
      summary: 'Exclude responses (a test, a duplicate): kept, flagged, counted nowhere',
      description:
        "Each response gets `excluded` (who, when, why) and `counted: false`; the survey's results follow at once, " +
        "the activity's roll-up (its figures, pre/post pairs, counts of people) within seconds, and the audit trail records it. Excluding an excluded " +
        "response changes nothing (`unchanged`). A device's first attempt that is excluded does not make its later " +
        'attempt count (docs/data-model.md).',
      request: { params: SurveyParam, body: { content: json(ExclusionInput), required: true } },
      responses: {
        200: { description: 'Done', content: json(ExclusionResult) },
        404: { description: 'No such survey' },
      },
    }),
    async (c) => {
      const { responseIds, reason } = c.req.valid('json');
      const actor = c.get('principal')?.username ?? 'unknown';
      return c.json(
        await changeExclusions(c.req.valid('param').surveyId, responseIds, true, actor, reason),
        200,
      );
    },
  )
  .openapi(
    defineRoute('admin', {
      method: 'post',
      path: '/surveys/{surveyId}/responses/restore',
      tags: ['Responses'],
      summary: 'Undo the exclusion of responses: they count again as before',
      description:
        'Restores each response as it was before its exclusion (a repeat attempt stays uncounted). Restoring a ' +
        'response that is not excluded changes nothing (`unchanged`).',
      request: { params: SurveyParam, body: { content: json(RestoreInput), required: true } },
      responses: {
        200: { description: 'Done', content: json(ExclusionResult) },
        404: { description: 'No such survey' },
      },
    }),
    async (c) => {
      const { responseIds, reason } = c.req.valid('json');
      const actor = c.get('principal')?.username ?? 'unknown';
      return c.json(
        await changeExclusions(c.req.valid('param').surveyId, responseIds, false, actor, reason),
        200,
      );
    },
  );
