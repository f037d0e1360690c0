import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import type { SurveyDefinition } from '../../shared/src/surveys/schema.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';

// One knowledge test, two moments: the post-test is attached as "the same test as" the pre-test,
// starts from its questions, and every later edit of either reaches both.

let admin = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});

const call = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', ...init.headers },
  });

interface Detail {
  id: string;
  code: string;
  kind: string;
  currentVersion: number;
  sameTestAs?: string | null;
  definition: SurveyDefinition;
}

async function attach(activityId: string, body: Record<string, unknown>) {
  return call(`/api/activities/${activityId}/surveys`, { method: 'POST', body: JSON.stringify(body) });
}
const detail = async (id: string) => (await (await call(`/api/surveys/${id}`)).json()) as Detail;
const questionIds = (d: Detail) => d.definition.questions.map((q) => q.id);

async function answerAll(survey: Detail) {
  const answers = Object.fromEntries(
    survey.definition.questions.flatMap((q) => {
      if (q.type === 'knowledge') return [[q.id, q.options[0]!.id]];
      if ((q.type === 'single_choice' || q.type === 'profile') && q.options?.[0])
        return [[q.id, q.options[0].id]];
      return [];
    }),
  );
  const now = new Date().toISOString();
  const res = await app.request(`/api/public/surveys/${survey.code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      responseId: randomUUID(),
      surveyVersion: survey.currentVersion,
      language: 'en',
      answers,
      startedAt: now,
      submittedAt: now,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

describe('one knowledge test given before and after', () => {
  it('attaches the post-test as the same test, links both ways, and refuses a third moment', async () => {
    const activityId = await putActivity();
    const pre = (await (
      await attach(activityId, { templateId: 'knowledge_test', kind: 'pre_test' })
    ).json()) as Detail;
    const res = await attach(activityId, { sameTestAs: pre.id, kind: 'post_event' });
    expect(res.status).toBe(201);
    const post = await detail(((await res.json()) as Detail).id);
    expect(post.sameTestAs).toBe(pre.id);
    expect((await detail(pre.id)).sameTestAs).toBe(post.id);
    const preDetail = await detail(pre.id);
    expect(questionIds(post)).toEqual(questionIds(preDetail));
    expect(post.definition.id).not.toBe(preDetail.definition.id);
    // Each moment keeps its own texts: the built-in test says "start" and "end" of the training.
    expect(preDetail.definition.title.en).toContain('start of the training');
    expect(post.definition.title.en).toContain('end of the training');

    const third = await attach(activityId, { sameTestAs: pre.id, kind: 'follow_up' });
    expect(third.status).toBe(422);
    expect(JSON.stringify(await third.json())).toContain('sameTestAs');
  });

  it('refuses a survey without knowledge items, of another activity, or a template and a twin at once', async () => {
    const activityId = await putActivity();
    const feedback = (await (
      await attach(activityId, { templateId: 'post_event_feedback', kind: 'post_event' })
    ).json()) as Detail;
    expect((await attach(activityId, { sameTestAs: feedback.id, kind: 'pre_test' })).status).toBe(422);
    const other = await putActivity();
    const test = (await (
      await attach(other, { templateId: 'knowledge_test', kind: 'pre_test' })
    ).json()) as Detail;
    expect((await attach(activityId, { sameTestAs: test.id, kind: 'post_event' })).status).toBe(422);
    const both = await attach(other, {
      templateId: 'knowledge_test',
      sameTestAs: test.id,
      kind: 'post_event',
    });
    expect(both.status).toBe(422);
  });

  it('edits both surveys at once: in place while unanswered, a new version for the answered one', async () => {
    const activityId = await putActivity();
    const pre = (await (
      await attach(activityId, { templateId: 'knowledge_test', kind: 'pre_test' })
    ).json()) as Detail;
    const post = (await (
      await attach(activityId, { sameTestAs: pre.id, kind: 'post_event' })
    ).json()) as Detail;
    await answerAll(await detail(pre.id));

    // The administrator removes the last knowledge item on the post-test's page.
    const current = await detail(post.id);
    const dropped = current.definition.questions.filter((q) => q.type === 'knowledge').at(-1)!.id;
    const edited = {
      ...current.definition,
      questions: current.definition.questions.filter((q) => q.id !== dropped),
      pages: current.definition.pages?.map((p) => ({
        ...p,
        questionIds: p.questionIds.filter((id) => id !== dropped),
      })),
    };
    const put = await call(`/api/surveys/${post.id}/definition`, {
      method: 'PUT',
      body: JSON.stringify(edited),
    });
    expect(put.status, await put.clone().text()).toBe(200);

    const [afterPre, afterPost] = [await detail(pre.id), await detail(post.id)];
    expect(questionIds(afterPre)).toEqual(questionIds(afterPost));
    expect(questionIds(afterPre)).not.toContain(dropped);
    expect(afterPost.currentVersion).toBe(1); // unanswered: edited in place
    expect(afterPre.currentVersion).toBe(2); // answered: a new version, version 1 kept for its response
    expect(afterPre.definition.kind).toBe('pre_test');
    expect(afterPre.definition.title.en).toContain('start of the training');
    expect(afterPost.definition.kind).toBe('post_event');
  });
});
