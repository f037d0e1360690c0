import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listActivities } from '../../functions/src/activities/store.js';
import { app } from '../../functions/src/app.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { readStoredRollup } from '../../functions/src/rollups/store.js';
import type { Activity } from '../../shared/src/activities/schema.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

// Delete or archive an activity (issue 13): what depends on it is shown; one nobody answered is
// deleted with its surveys, invitations, list and roll-up; one with responses is archived instead
// (read-only, out of the list by default, results kept).

const tokens = { admin: '', evaluator: '' };
beforeAll(async () => {
  tokens.admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  tokens.evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

function as(role: keyof typeof tokens, path: string, method = 'GET', body?: unknown) {
  return app.request(`/api${path}`, {
    method,
    headers: { authorization: `Bearer ${tokens[role]}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const title = () => `Lifecycle training ${randomUUID().slice(0, 8)}`;
const training = (t: string) => ({
  title: t,
  type: 'training',
  startsAt: '2024-03-10T09:00:00+05:00',
  endsAt: '2024-03-12T17:00:00+05:00',
  format: 'in_person',
  place: { city: 'Islamabad', country: 'PK' },
  expectedParticipants: 25,
  actionPointCodes: ['1.1'],
  priorityGoals: [1],
  pillar: 'operational_cooperation',
});

async function setUp(t: string) {
  const created = await as('admin', '/activities', 'POST', training(t));
  expect(created.status).toBe(201);
  const activity = (await created.json()) as Activity;
  const imported = await as('admin', `/activities/${activity.id}/attendees`, 'POST', {
    attendees: [
      { name: 'Amina K.', email: `a-${randomUUID()}@example.org`, country: 'PK', gender: 'female' },
      { name: 'Bilal R.', email: `b-${randomUUID()}@example.org`, country: 'AF' },
    ],
  });
  expect(imported.status).toBe(200);
  const attached = await as('admin', `/activities/${activity.id}/surveys`, 'POST', {
    templateId: 'post_event_feedback',
    kind: 'post_event',
    sendInvitationsAt: null,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  });
  expect(attached.status).toBe(201);
  return { activity, survey: (await attached.json()) as { id: string; code: string } };
}

const listed = async (query = '') =>
  ((await (await as('evaluator', `/activities${query}`)).json()) as Activity[]).map((a) => a.id);

describe('deleting an activity', () => {
  it('shows what depends on it, then deletes it with its surveys, list and roll-up (admin only)', async () => {
    const { activity, survey } = await setUp(title());
    const deps = await as('admin', `/activities/${activity.id}/dependents`);
    expect(deps.status).toBe(200);
    expect(await deps.json()).toMatchObject({
      surveys: [{ id: survey.id, kind: 'post_event', responses: 0 }],
      attendees: 2,
      responses: 0,
      deletable: true,
    });
    await rollupsSettled();
    expect((await readStoredRollup(activity.id)).state.attendance.participants).toBe(2);

    expect((await as('evaluator', `/activities/${activity.id}`, 'DELETE')).status).toBe(403);
    expect((await as('evaluator', `/activities/${activity.id}/dependents`)).status).toBe(403);
    const deleted = await as('admin', `/activities/${activity.id}`, 'DELETE');
    expect(deleted.status).toBe(204);

    expect((await as('evaluator', `/activities/${activity.id}`)).status).toBe(404);
    expect((await as('evaluator', `/surveys/${survey.id}`)).status).toBe(404);
    expect((await app.request(`/api/public/surveys/${survey.code}`)).status).toBe(404);
    expect(await listed('?archived=include')).not.toContain(activity.id);
    await rollupsSettled();
    const rollup = await readStoredRollup(activity.id);
    expect(rollup.rev).toBe(0);
    expect(rollup.state.attendance.participants).toBe(0);
    const audit = await listAuditEntries('activity', activity.id);
    expect(audit.map((e) => e.action)).toContain('delete');
    expect((await as('admin', `/activities/${activity.id}`, 'DELETE')).status).toBe(404);
  });
});

describe('archiving an activity with responses', () => {
  it('refuses to delete it, archives it read-only and out of the list, keeps its results, and brings it back', async () => {
    const t = title();
    const { activity, survey } = await setUp(t);
    const now = new Date().toISOString();
    const sent = await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
      }),
    });
    expect(sent.status).toBe(201);

    const refused = await as('admin', `/activities/${activity.id}`, 'DELETE');
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/archive it instead/);
    // Refused at once (the response's own write marked the survey answered); the count of responses
    // is moved by the stream consumer a moment later.
    await rollupsSettled();
    expect(await (await as('admin', `/activities/${activity.id}/dependents`)).json()).toMatchObject({
      responses: 1,
      deletable: false,
    });
    expect((await as('evaluator', `/surveys/${survey.id}`)).status).toBe(200);

    expect(
      (await as('evaluator', `/activities/${activity.id}/archived`, 'PUT', { archived: true })).status,
    ).toBe(403);
    expect(
      (await as('admin', `/activities/${activity.id}/archived`, 'PUT', { archived: 'yes' })).status,
    ).toBe(422);
    const archived = await as('admin', `/activities/${activity.id}/archived`, 'PUT', { archived: true });
    expect(archived.status).toBe(200);
    const body = (await archived.json()) as Activity;
    expect(body.archived?.at).toBeTruthy();

    expect(await listed()).not.toContain(activity.id);
    expect(await listed('?archived=include')).toContain(activity.id);
    expect(await listed('?archived=only')).toContain(activity.id);
    // Rebuilds, the plan and results still see it (only the list route leaves it out by default).
    expect((await listActivities()).map((a) => a.id)).toContain(activity.id);
    // Read-only: no edit, no attendee, no survey.
    const edit = await as('admin', `/activities/${activity.id}`, 'PUT', {
      ...training(t),
      version: body.version,
    });
    expect(edit.status).toBe(409);
    expect(
      (
        await as('admin', `/activities/${activity.id}/attendees`, 'POST', {
          attendees: [{ name: 'Late comer' }],
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await as('admin', `/activities/${activity.id}/surveys`, 'POST', {
          templateId: 'post_event_feedback',
          kind: 'post_event',
        })
      ).status,
    ).toBe(409);
    // Its results stay: the survey's results and its roll-up still count the response.
    const results = (await (await as('evaluator', `/surveys/${survey.id}/results`)).json()) as {
      summary: { total: number };
    };
    expect(results.summary.total).toBe(1);
    await rollupsSettled();
    expect((await readStoredRollup(activity.id)).state.surveys[survey.id]?.overall['responses|all|n']).toBe(
      1,
    );

    const back = await as('admin', `/activities/${activity.id}/archived`, 'PUT', { archived: false });
    expect(((await back.json()) as Activity).archived).toBeNull();
    expect(await listed()).toContain(activity.id);
    const actions = (await listAuditEntries('activity', activity.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['archive', 'unarchive']));
  });
});

describe('archiving a survey with responses', () => {
  const now = new Date().toISOString();
  const submit = (code: string, responseId: string) =>
    app.request(`/api/public/surveys/${code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId,
        surveyVersion: 1,
        language: 'en',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
      }),
    });
  const surveysListed = async (query = '') =>
    (await (await as('evaluator', `/surveys${query}`)).json()) as { id: string; archived: boolean }[];

  it('closes it to answers and changes, leaves it out of the survey list, keeps its figures, and brings it back', async () => {
    const { activity, survey } = await setUp(title());
    const first = randomUUID();
    expect((await submit(survey.code, first)).status).toBe(201);

    expect((await as('admin', `/surveys/${survey.id}`, 'DELETE')).status).toBe(409);
    expect((await as('evaluator', `/surveys/${survey.id}/archived`, 'PUT', { archived: true })).status).toBe(
      403,
    );
    const archived = await as('admin', `/surveys/${survey.id}/archived`, 'PUT', { archived: true });
    expect(archived.status).toBe(200);
    expect(((await archived.json()) as { archived: { at: string } | null }).archived?.at).toBeTruthy();

    // The link says closed; a new answer is refused, a device resending the stored one is thanked.
    const opened = (await (await app.request(`/api/public/surveys/${survey.code}`)).json()) as {
      status: string;
      definition: unknown;
    };
    expect(opened).toMatchObject({ status: 'closed', definition: null });
    const late = await submit(survey.code, randomUUID());
    expect(late.status).toBe(410);
    expect(late.headers.get('content-type')).toMatch(/problem\+json/);
    const resent = await submit(survey.code, first);
    expect(resent.status).toBe(200);
    expect(await resent.json()).toMatchObject({ status: 'duplicate' });

    // Read-only: questions, schedule and invitations refuse changes.
    const detail = (await (await as('admin', `/surveys/${survey.id}`)).json()) as { definition: unknown };
    for (const [path, method, body] of [
      [`/surveys/${survey.id}/definition`, 'PUT', detail.definition],
      [
        `/surveys/${survey.id}/schedule`,
        'PUT',
        {
          opensAt: new Date(Date.now() - 3_600_000).toISOString(),
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
          sendInvitationsAt: null,
        },
      ],
      [`/surveys/${survey.id}/invitations/send`, 'POST', undefined],
    ] as const) {
      const refused = await as('admin', path, method, body);
      expect(refused.status, path).toBe(409);
      expect(((await refused.json()) as { type: string }).type).toMatch(/survey-archived/);
    }

    expect((await surveysListed()).map((s) => s.id)).not.toContain(survey.id);
    expect((await surveysListed('?archived=include')).find((s) => s.id === survey.id)?.archived).toBe(true);

    // Its figures stay: results and the activity's roll-up still count the response.
    const results = (await (await as('evaluator', `/surveys/${survey.id}/results`)).json()) as {
      summary: { total: number };
    };
    expect(results.summary.total).toBe(1);
    await rollupsSettled();
    expect((await readStoredRollup(activity.id)).state.surveys[survey.id]?.overall['responses|all|n']).toBe(
      1,
    );

    const back = await as('admin', `/surveys/${survey.id}/archived`, 'PUT', { archived: false });
    expect(((await back.json()) as { archived: unknown }).archived).toBeNull();
    expect((await surveysListed()).map((s) => s.id)).toContain(survey.id);
    expect((await submit(survey.code, randomUUID())).status).toBe(201);
    const actions = (await listAuditEntries('survey', survey.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['archive', 'unarchive']));
  });
});
