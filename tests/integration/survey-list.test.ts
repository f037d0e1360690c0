import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { filterSurveys, type SurveyListRow } from '../../shared/src/surveys/list.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';

// The survey list across activities (issue 13, lists that scale): each survey with its activity's
// goal, action points, project, country and date, so the page filters like the activity list.

const tokens = { admin: '', evaluator: '' };
beforeAll(async () => {
  tokens.admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  tokens.evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

const as = (role: keyof typeof tokens, path: string, method = 'GET', body?: unknown) =>
  app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe('the survey list', () => {
  it('lists every survey with its activity facts; archived activities on request only', async () => {
    const activityId = await putActivity({
      priorityGoals: [4],
      actionPointCodes: ['4.2'],
      projectId: 'survey-list-project',
      place: { city: 'Herat', country: 'AF' },
    });
    const attached = await as('admin', `/activities/${activityId}/surveys`, 'POST', {
      templateId: 'post_event_feedback',
      kind: 'post_event',
      sendInvitationsAt: null,
    });
    const survey = (await attached.json()) as { id: string };
    const list = async (query = '') =>
      (await (await as('evaluator', `/surveys${query}`)).json()) as SurveyListRow[];
    const mine = (await list()).find((s) => s.id === survey.id);
    expect(mine).toMatchObject({
      kind: 'post_event',
      activity: {
        id: activityId,
        priorityGoals: [4],
        actionPointCodes: ['4.2'],
        projectId: 'survey-list-project',
      },
    });
    expect(
      filterSurveys(await list(), { projectId: 'survey-list-project', actionPoint: '4.2' }).map((s) => s.id),
    ).toEqual([survey.id]);
    expect((await app.request('/api/surveys')).status).toBe(401);

    expect((await as('admin', `/activities/${activityId}/archived`, 'PUT', { archived: true })).status).toBe(
      200,
    );
    expect((await list()).some((s) => s.id === survey.id)).toBe(false);
    expect((await list('?archived=include')).find((s) => s.id === survey.id)?.activity.archived).toBe(true);
  });
});
