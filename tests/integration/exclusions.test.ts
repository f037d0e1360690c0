import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import type { ResponseListItem } from '../../shared/src/responses/exclusion.js';
import type { ActivityLearning } from '../../shared/src/results/contract.js';
import { knowledgeTestTemplate } from '../../shared/src/surveys/templates.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, submitAnswers } from '../support/fixtures.js';
import { rollupsSettled, settledFigures } from '../support/rollups.js';

let admin = '';
let evaluator = '';

const call = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

async function attach(activityId: string, templateId: string, kind: string) {
  const res = await call(admin, `/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({ templateId, kind, sendInvitationsAt: null }),
  });
  if (res.status !== 201) throw new Error(await res.text());
  return (await res.json()) as { id: string; code: string };
}

const submit = (code: string, answers: Record<string, unknown>, pairingCode?: string) =>
  submitAnswers(code, answers, { pairingCode });

const exclude = (token: string, surveyId: string, body: unknown) =>
  call(token, `/api/surveys/${surveyId}/responses/exclude`, { method: 'POST', body: JSON.stringify(body) });
const restore = (token: string, surveyId: string, body: unknown) =>
  call(token, `/api/surveys/${surveyId}/responses/restore`, { method: 'POST', body: JSON.stringify(body) });

async function resultsCount(surveyId: string): Promise<number | null> {
  const res = await call(evaluator, `/api/surveys/${surveyId}/results`);
  return ((await res.json()) as { summary: { count: number | null } }).summary.count;
}

async function rebuildDifferences(surveyId: string) {
  const res = await call(admin, `/api/surveys/${surveyId}/aggregates/rebuild`, {
    method: 'POST',
    body: '{}',
  });
  const report = (await res.json()) as { differences: unknown[]; rollup: { differences: string[] } };
  return [...report.differences, ...report.rollup.differences];
}

beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

describe('excluding responses (test or duplicate), and undo', () => {
  it('takes a response out of the results, aggregates and roll-up, audits it, and puts it back on undo', async () => {
    const activityId = await putActivity();
    const survey = await attach(activityId, 'post_event_feedback', 'post_event');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(await submit(survey.code, { ...postEventAnswers, satisfaction: i < 5 ? 4 : 1 }));
    await rollupsSettled();
    expect(await resultsCount(survey.id)).toBe(7);
    expect((await settledFigures(activityId, survey.id))['satisfaction|all|sum']).toBe(22);

    // The two "test" responses (satisfaction 1) are excluded with a reason.
    const tests = ids.slice(5);
    const res = await exclude(admin, survey.id, {
      responseIds: tests,
      reason: 'Test answers before the training',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ changed: 2, unchanged: 0 });
    expect(await resultsCount(survey.id)).toBe(5);
    const figures = await settledFigures(activityId, survey.id);
    expect(figures['satisfaction|all|sum']).toBe(20);
    expect(figures['responses|all|n']).toBe(5);
    expect(await rebuildDifferences(survey.id)).toEqual([]);

    // Flagged in the list, with who and why; never an answer.
    const list = (await (
      await call(admin, `/api/surveys/${survey.id}/responses`)
    ).json()) as ResponseListItem[];
    expect(list).toHaveLength(7);
    const flagged = list.filter((r) => r.excluded);
    expect(flagged.map((r) => r.responseId).sort()).toEqual([...tests].sort());
    expect(flagged[0]).toMatchObject({
      counted: false,
      repeat: false,
      excluded: { reason: 'Test answers before the training', byEmail: DEMO_USERS[0].email },
    });
    expect(JSON.stringify(list)).not.toContain('satisfaction');

    // Excluding twice is a no-op: the figures do not move again.
    const again = await exclude(admin, survey.id, { responseIds: tests, reason: 'Test answers again' });
    expect(await again.json()).toEqual({ changed: 0, unchanged: 2 });
    expect((await settledFigures(activityId, survey.id))['satisfaction|all|sum']).toBe(20);

    // The audit trail has both steps.
    const audit = (await (await call(admin, '/api/audit?entity=survey&limit=500')).json()) as {
      entityId: string;
      action: string;
      changes: { responseId?: string; reason?: string };
    }[];
    const mine = audit.filter((e) => e.entityId === survey.id);
    expect(mine.filter((e) => e.action === 'response.exclude')).toHaveLength(2);

    // Undo one: it counts again, exactly once.
    const undo = await restore(admin, survey.id, { responseIds: [tests[0]] });
    expect(await undo.json()).toEqual({ changed: 1, unchanged: 0 });
    expect(await (await restore(admin, survey.id, { responseIds: [tests[0]] })).json()).toEqual({
      changed: 0,
      unchanged: 1,
    });
    expect(await resultsCount(survey.id)).toBe(6);
    const restored = await settledFigures(activityId, survey.id);
    expect(restored['satisfaction|all|sum']).toBe(21);
    expect(restored['responses|all|n']).toBe(6);
    expect(await rebuildDifferences(survey.id)).toEqual([]);
    const audit2 = (await (await call(admin, '/api/audit?entity=survey&limit=500')).json()) as {
      entityId: string;
      action: string;
    }[];
    expect(audit2.filter((e) => e.entityId === survey.id && e.action === 'response.restore')).toHaveLength(1);
  });

  it('is for administrators only, and refuses bad input with 4xx', async () => {
    const activityId = await putActivity();
    const survey = await attach(activityId, 'post_event_feedback', 'post_event');
    const id = await submit(survey.code, postEventAnswers);
    expect((await exclude(evaluator, survey.id, { responseIds: [id], reason: 'a test' })).status).toBe(403);
    expect((await restore(evaluator, survey.id, { responseIds: [id] })).status).toBe(403);
    expect((await call(evaluator, `/api/surveys/${survey.id}/responses`)).status).toBe(403);
    expect((await exclude('', survey.id, { responseIds: [id], reason: 'a test' })).status).toBe(401);

    const noReason = await exclude(admin, survey.id, { responseIds: [id], reason: ' ' });
    expect(noReason.status).toBe(422);
    expect(noReason.headers.get('content-type')).toContain('application/problem+json');
    expect((await exclude(admin, survey.id, { responseIds: [], reason: 'a test' })).status).toBe(422);
    expect((await exclude(admin, survey.id, { responseIds: ['nope'], reason: 'a test' })).status).toBe(422);
    const unknown = await exclude(admin, survey.id, { responseIds: [id, randomUUID()], reason: 'a test' });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { errors: { path: unknown[] }[] }).errors[0]?.path).toEqual([
      'json',
      'responseIds',
      1,
    ]);
    expect((await exclude(admin, 'nosuchsurvey0000', { responseIds: [id], reason: 'a test' })).status).toBe(
      404,
    );
    const malformed = await call(admin, `/api/surveys/${survey.id}/responses/exclude`, {
      method: 'POST',
      body: '{"responseIds":',
    });
    expect([400, 422]).toContain(malformed.status);
    // Nothing was excluded by the refused calls.
    expect(await resultsCount(survey.id)).toBe(1);
  });

  it("keeps a device's later attempt uncounted when its first attempt is excluded; undo restores each as it was", async () => {
    const activityId = await putActivity();
    const survey = await attach(activityId, 'post_event_feedback', 'post_event');
    const first = await submit(survey.code, { ...postEventAnswers, satisfaction: 2 }, 'device-a');
    const second = await submit(survey.code, { ...postEventAnswers, satisfaction: 5 }, 'device-a');
    expect(await resultsCount(survey.id)).toBe(1);

    await exclude(admin, survey.id, { responseIds: [first, second], reason: 'Trainer testing the link' });
    expect(await resultsCount(survey.id)).toBe(0);
    const list = (await (
      await call(admin, `/api/surveys/${survey.id}/responses`)
    ).json()) as ResponseListItem[];
    expect(list.find((r) => r.responseId === second)).toMatchObject({ repeat: true, counted: false });

    // Undoing the repeat alone leaves it a repeat: still counted nowhere.
    await restore(admin, survey.id, { responseIds: [second] });
    expect(await resultsCount(survey.id)).toBe(0);
    expect((await settledFigures(activityId, survey.id))['responses|all|n'] ?? 0).toBe(0);
    await restore(admin, survey.id, { responseIds: [first] });
    expect(await resultsCount(survey.id)).toBe(1);
    expect((await settledFigures(activityId, survey.id))['satisfaction|all|sum']).toBe(2);
    expect(await rebuildDifferences(survey.id)).toEqual([]);
  });

  it('takes an excluded test response out of the pre/post pairs, and back on undo', async () => {
    const knowledgeItems = knowledgeTestTemplate('pre_test').questions.flatMap((q) =>
      q.type === 'knowledge'
        ? [{ id: q.id, correct: q.correct, wrong: [q.options.find((o) => !q.correct.includes(o.id))?.id] }]
        : [],
    );
    const answers = (k: number) =>
      Object.fromEntries(knowledgeItems.map((q, i) => [q.id, i < k ? q.correct : q.wrong]));
    const activityId = await putActivity();
    const pre = await attach(activityId, 'knowledge_test', 'pre_test');
    const post = await attach(activityId, 'knowledge_test', 'post_event');
    const preIds: string[] = [];
    for (let p = 0; p < 6; p++) {
      preIds.push(await submit(pre.code, answers(1), `excl-${activityId}-${p}`));
      await submit(post.code, answers(3), `excl-${activityId}-${p}`);
    }
    await rollupsSettled();
    const learning = async () =>
      (await (
        await call(evaluator, `/api/results/activities/${activityId}/learning`)
      ).json()) as ActivityLearning;
    expect((await learning()).paired?.n).toBe(6);
    await exclude(admin, pre.id, { responseIds: [preIds[0]], reason: 'Sent by the trainer' });
    await rollupsSettled();
    expect((await learning()).paired?.n).toBe(5);
    expect((await learning()).pre?.n).toBe(5);
    await restore(admin, pre.id, { responseIds: [preIds[0]] });
    await rollupsSettled();
    expect((await learning()).paired?.n).toBe(6);
    expect(await rebuildDifferences(pre.id)).toEqual([]);
  });
});
