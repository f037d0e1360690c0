import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { LIMITS } from '../../functions/src/surveys/public-routes.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

let admin = '';
let evaluator = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

const call = (token: string, path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
  });

interface Attached {
  id: string;
  code: string;
  currentVersion: number;
}

async function attach(body: Record<string, unknown> = {}, activityId?: string): Promise<Attached> {
  const id = activityId ?? (await putActivity());
  const res = await call(admin, `/api/activities/${id}/surveys`, {
    method: 'POST',
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', ...body }),
  });
  if (res.status !== 201) throw new Error(await res.text());
  return (await res.json()) as Attached;
}

function submission(
  version = 1,
  answers: Record<string, unknown> = postEventAnswers,
  responseId = randomUUID(),
) {
  const now = new Date().toISOString();
  return { responseId, surveyVersion: version, language: 'ar', answers, startedAt: now, submittedAt: now };
}

const submit = (code: string, body: unknown, address = '203.0.113.7') =>
  app.request(`/api/public/surveys/${code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cloudfront-viewer-address': `${address}:443` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function responseCount(surveyId: string): Promise<number> {
  const res = await call(evaluator, `/api/surveys/${surveyId}/results`);
  return ((await res.json()) as { responseCount: number; summary: { total: number } }).summary.total;
}

describe('attaching a survey to an activity', () => {
  it('gives a public code and the default schedule', async () => {
    const survey = (await attach()) as Attached & {
      sendInvitationsAt: string;
      reminderDays: number[];
      languages: string[];
    };
    expect(survey.code).toMatch(/^[0-9a-z]{12}$/);
    expect(survey.languages).toEqual(['en', 'ru', 'ar']);
    // Reminders 3 and 7 days after each invitation.
    expect(survey.reminderDays).toEqual([3, 7]);
    // The QR code (SVG and PNG) is drawn in the browser from the link (tests/e2e/surveys-admin.test.ts):
    // the API has no QR route.
    for (const format of ['svg', 'png'])
      expect((await call(evaluator, `/api/surveys/${survey.id}/qr.${format}`)).status).toBe(404);
  });

  it('refuses an unknown template or language with 422 and an unknown activity with 404', async () => {
    const activity = await putActivity();
    const bad = await call(admin, `/api/activities/${activity}/surveys`, {
      method: 'POST',
      body: JSON.stringify({ templateId: 'nope', kind: 'post_event', languages: ['en'] }),
    });
    expect(bad.status).toBe(422);
    const lang = await call(admin, `/api/activities/${activity}/surveys`, {
      method: 'POST',
      body: JSON.stringify({
        templateId: 'post_event_feedback',
        kind: 'post_event',
        languages: ['en', 'ps'],
      }),
    });
    expect(lang.status).toBe(422);
    expect(((await lang.json()) as { errors: { path: string[] }[] }).errors[0]?.path).toEqual([
      'json',
      'languages',
    ]);
    const missing = await call(admin, '/api/activities/0000000000zzzzzzzzzzzzzzzz/surveys', {
      method: 'POST',
      body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event' }),
    });
    expect(missing.status).toBe(404);
  });
});

describe('the participant API', () => {
  it('serves the open survey as one small JSON with its definition', async () => {
    const survey = await attach();
    const res = await app.request(`/api/public/surveys/${survey.code}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      status: string;
      definition: { questions: unknown[] };
      activity: { title: string };
    };
    expect(body.status).toBe('open');
    expect(body.definition.questions.length).toBeGreaterThan(5);
    expect(body.activity.title).toContain('border');
  });

  it('answers 404 in problem+json for an unknown or malformed code', async () => {
    for (const code of ['abcdefghjkmn', 'not-a-code']) {
      const res = await app.request(`/api/public/surveys/${code}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('shows a survey that is not open yet without its questions, and refuses answers to it', async () => {
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const survey = await attach({ opensAt: inAWeek, closesAt: inTwoWeeks });
    const res = (await (await app.request(`/api/public/surveys/${survey.code}`)).json()) as {
      status: string;
      definition: unknown;
    };
    expect(res).toMatchObject({ status: 'not_yet_open', definition: null });
    expect((await submit(survey.code, submission())).status).toBe(409);
  });

  it('records a new response with 201, counts an identical resend once with 200, refuses a conflicting one with 409', async () => {
    const survey = await attach();
    const first = submission();
    expect((await submit(survey.code, first)).status).toBe(201);
    const again = await submit(survey.code, { ...first, submittedAt: new Date().toISOString() });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ responseId: first.responseId, status: 'duplicate' });
    const conflicting = await submit(survey.code, {
      ...first,
      answers: { ...postEventAnswers, satisfaction: 1 },
    });
    expect(conflicting.status).toBe(409);
    expect(await responseCount(survey.id)).toBe(1);
  });

  it('counts 20 concurrent resends of one response id once', async () => {
    const survey = await attach();
    const one = submission();
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => (await submit(survey.code, one)).status),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await responseCount(survey.id)).toBe(1);
    // The counter is moved by the stream consumer, once per stored response, a moment later.
    await rollupsSettled();
    const detail = (await (await call(evaluator, `/api/surveys/${survey.id}`)).json()) as {
      responseCount: number;
    };
    expect(detail.responseCount).toBe(1);
  });

  it('counts 30 different concurrent responses exactly, counter and stored responses alike', async () => {
    const survey = await attach();
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async () => (await submit(survey.code, submission())).status),
    );
    expect(statuses.every((s) => s === 201)).toBe(true);
    // The counter is moved by the stream consumer, once per response, a moment later.
    await rollupsSettled();
    const detail = (await (await call(evaluator, `/api/surveys/${survey.id}`)).json()) as {
      responseCount: number;
    };
    expect(detail.responseCount).toBe(30);
    expect(await responseCount(survey.id)).toBe(30);
  });

  it.each([
    ['required answer missing', { ...postEventAnswers, satisfaction: undefined }, 'required'],
    ['likert out of scale', { ...postEventAnswers, satisfaction: 6 }, 'out_of_scale'],
    ['wrong type', { ...postEventAnswers, relevance: 'very' }, 'wrong_type'],
    ['unknown question', { ...postEventAnswers, favourite_colour: 'blue' }, 'unknown_question'],
    ['option not offered', { ...postEventAnswers, gender: 'robot' }, 'invalid_option'],
    ['rating out of 0-10', { ...postEventAnswers, recommend: 11 }, 'out_of_scale'],
    ['text too long', { ...postEventAnswers, most_useful: 'x'.repeat(2001) }, 'text_too_long'],
    [
      'self-rating incomplete',
      { ...postEventAnswers, self_rated_knowledge: { before: 2 } },
      'self_rating_incomplete',
    ],
    [
      'self-rating out of scale',
      { ...postEventAnswers, self_rated_knowledge: { before: 0, after: 9 } },
      'self_rating_out_of_scale',
    ],
    // The envelope schema already refuses a non-object before the answers are checked.
    ['not an object', [1, 2, 3], 'invalid_type'],
  ])('refuses %s with 422 and the question path, storing nothing', async (_name, answers, code) => {
    const survey = await attach();
    const res = await submit(survey.code, submission(1, answers as Record<string, unknown>));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { path: string[]; code: string }[] };
    expect(body.errors.map((e) => e.code)).toContain(code);
    expect(body.errors[0]?.path[0]).toBe('json');
    expect(await responseCount(survey.id)).toBe(0);
  });

  it('refuses a malformed envelope (bad uuid, unknown version, unknown language) with 422', async () => {
    const survey = await attach();
    expect((await submit(survey.code, { ...submission(), responseId: 'not-a-uuid' })).status).toBe(422);
    expect((await submit(survey.code, submission(7))).status).toBe(422);
    expect((await submit(survey.code, { ...submission(), language: 'de' })).status).toBe(422);
    expect((await submit(survey.code, '{"responseId":')).status).toBe(400);
    expect(await responseCount(survey.id)).toBe(0);
  });

  it('refuses an oversized body with 413', async () => {
    const survey = await attach();
    const res = await submit(
      survey.code,
      submission(1, { ...postEventAnswers, most_useful: 'x'.repeat(70_000) }),
    );
    expect(res.status).toBe(413);
  });

  it('refuses answers after closing with 410, keeping what came before', async () => {
    const survey = await attach();
    expect((await submit(survey.code, submission())).status).toBe(201);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const earlier = new Date(Date.now() - 7_200_000).toISOString();
    await call(admin, `/api/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({ opensAt: earlier, closesAt: past, sendInvitationsAt: null, reminderAt: null }),
    });
    const late = await submit(survey.code, submission());
    expect(late.status).toBe(410);
    expect(await responseCount(survey.id)).toBe(1);
  });

  it('answers an identical resend after closing with 200 (it was stored), and a new response with 410', async () => {
    const survey = await attach();
    const sent = submission();
    expect((await submit(survey.code, sent)).status).toBe(201);
    const past = new Date(Date.now() - 3_600_000).toISOString();
    const earlier = new Date(Date.now() - 7_200_000).toISOString();
    await call(admin, `/api/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({ opensAt: earlier, closesAt: past, sendInvitationsAt: null, reminderAt: null }),
    });
    const resend = await submit(survey.code, { ...sent, submittedAt: new Date().toISOString() });
    expect(resend.status).toBe(200);
    expect(await resend.json()).toEqual({ responseId: sent.responseId, status: 'duplicate' });
    const changed = await submit(survey.code, {
      ...sent,
      answers: { ...postEventAnswers, most_useful: 'other' },
    });
    expect(changed.status).toBe(410);
    expect(await responseCount(survey.id)).toBe(1);
  });

  it('attaches with an empty schedule to an activity long over: open now, invitations now, closes in 30 days', async () => {
    const startsAt = new Date(Date.now() - 200 * 86_400_000).toISOString();
    const endsAt = new Date(Date.now() - 199 * 86_400_000).toISOString();
    const before = Date.now();
    const survey = (await attach({}, await putActivity({ startsAt, endsAt }))) as Attached & {
      opensAt: string;
      closesAt: string;
      sendInvitationsAt: string;
    };
    expect(Date.parse(survey.opensAt)).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(survey.sendInvitationsAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(survey.closesAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await submit(survey.code, submission())).status).toBe(201);
  });

  it(`limits one address to ${LIMITS.perAddressPerSurvey} submissions a minute per survey with 429`, async () => {
    const survey = await attach();
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const statuses: number[] = [];
    // The limit counts per clock minute: start early in a minute so all requests share one window.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    for (let i = 0; i <= LIMITS.perAddressPerSurvey; i++) {
      // Invalid answers are cheap and still count against the limit.
      statuses.push((await submit(survey.code, submission(1, {}), address)).status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    // Another address is not affected.
    expect((await submit(survey.code, submission(), '192.0.2.1')).status).toBe(201);
    // Rotating X-Forwarded-For (which the client writes) does not escape the limit.
    for (const forged of ['192.0.2.77', '10.0.0.1, 192.0.2.78']) {
      const res = await app.request(`/api/public/surveys/${survey.code}/responses`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'cloudfront-viewer-address': `${address}:1234`,
          'x-forwarded-for': forged,
        },
        body: JSON.stringify(submission()),
      });
      expect(res.status).toBe(429);
    }
  }, 90_000);

  it('refuses a forged or oversized viewer address with 400 and ignores a huge X-Forwarded-For', async () => {
    const survey = await attach();
    const post = (headers: Record<string, string>) =>
      app.request(`/api/public/surveys/${survey.code}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(submission()),
      });
    for (const forged of ['x'.repeat(3000), `${'1'.repeat(3000)}:443`, 'not-an-address:80', '198.51.100.1']) {
      const res = await post({ 'cloudfront-viewer-address': forged });
      expect(res.status, forged.slice(0, 20)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const open = await app.request(`/api/public/surveys/${survey.code}`, {
      headers: { 'cloudfront-viewer-address': 'y'.repeat(3000) },
    });
    expect(open.status).toBe(400);
    // X-Forwarded-For is never read: 3,000 characters of it change nothing.
    expect((await post({ 'x-forwarded-for': 'z'.repeat(3000) })).status).toBe(201);
    // IPv6 viewer addresses (CloudFront writes them without brackets) are accepted.
    expect((await post({ 'cloudfront-viewer-address': '2001:db8::7:51234' })).status).toBe(201);
  });

  it(`limits one address to ${LIMITS.opensPerAddressPerSurvey} survey opens a minute per survey`, async () => {
    const survey = await attach();
    const open = (address: string) =>
      app.request(`/api/public/surveys/${survey.code}`, {
        headers: { 'cloudfront-viewer-address': `${address}:443` },
      });
    const address = `198.51.100.${Math.floor(Math.random() * 250)}`;
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 30_000) await new Promise((r) => setTimeout(r, 60_500 - intoMinute));
    const statuses: number[] = [];
    for (let i = 0; i <= LIMITS.opensPerAddressPerSurvey; i++) statuses.push((await open(address)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMITS.opensPerAddressPerSurvey);
    expect(statuses.at(-1)).toBe(429);
    expect((await open('192.0.2.9')).status).toBe(200);
  }, 90_000);
});

describe('versions', () => {
  it('edits an unanswered survey in place, and makes a new version once answered; old answers keep theirs', async () => {
    const survey = await attach();
    const detail = (await (await call(admin, `/api/surveys/${survey.id}`)).json()) as {
      definition: { questions: { id: string; text: Record<string, string> }[] };
    };
    const edited = structuredClone(detail.definition);
    edited.questions[0]!.text.en = 'How satisfied are you overall?';
    const inPlace = await call(admin, `/api/surveys/${survey.id}/definition`, {
      method: 'PUT',
      body: JSON.stringify(edited),
    });
    expect(await inPlace.json()).toEqual({ version: 1 });

    const { getSurveyMeta, saveDefinitions } = await import('../../functions/src/surveys/store.js');
    const before = await getSurveyMeta(survey.id);
    expect(before?.answered).toBeUndefined();
    expect((await submit(survey.code, submission(1))).status).toBe(201);
    // The first response's own write marks the survey answered, before any counter moves: an edit in
    // place prepared from a copy read before it (a request that crossed the response) is refused.
    expect(
      ((await (await call(admin, `/api/surveys/${survey.id}`)).json()) as { answered?: boolean }).answered,
    ).toBe(true);
    const crossed = { ...before!.definition, title: { en: 'Crossed the first response' } };
    await expect(
      saveDefinitions([{ survey: before!, definition: crossed }], 'test', new Date().toISOString()),
    ).rejects.toThrow();
    expect((await getSurveyMeta(survey.id))?.definition.title).not.toEqual(crossed.title);
    edited.questions[0]!.text.en = 'Overall, how satisfied are you?';
    const next = await call(admin, `/api/surveys/${survey.id}/definition`, {
      method: 'PUT',
      body: JSON.stringify(edited),
    });
    expect(await next.json()).toEqual({ version: 2 });

    // A participant still holding version 1 on the device can still send it.
    expect((await submit(survey.code, submission(1))).status).toBe(201);
    expect((await submit(survey.code, submission(2))).status).toBe(201);
    const pub = (await (await app.request(`/api/public/surveys/${survey.code}`)).json()) as {
      definition: { version: number };
    };
    expect(pub.definition.version).toBe(2);
    expect(await responseCount(survey.id)).toBe(3);
  });
});

describe('results per survey', () => {
  it('summarises answers with n, distribution, mean and median, free text, and filters by profile', async () => {
    const survey = await attach();
    await submit(survey.code, submission(1, { ...postEventAnswers, satisfaction: 5, gender: 'female' }));
    await submit(survey.code, submission(1, { ...postEventAnswers, satisfaction: 3, gender: 'male' }));
    await submit(
      survey.code,
      submission(1, { ...postEventAnswers, satisfaction: 4, gender: 'female', most_useful: undefined }),
    );
    type Results = {
      responseCount: number;
      summary: {
        count: number;
        questions: {
          questionId: string;
          n: number;
          mean?: number;
          median?: number;
          texts?: string[];
          options?: { id: string; count: number }[];
        }[];
      };
    };
    const all = (await (await call(evaluator, `/api/surveys/${survey.id}/results`)).json()) as Results;
    const satisfaction = all.summary.questions.find((q) => q.questionId === 'satisfaction');
    expect(satisfaction).toMatchObject({ n: 3, mean: 4, median: 4 });
    expect(all.summary.questions.find((q) => q.questionId === 'most_useful')?.texts).toHaveLength(2);
    const women = (await (
      await call(evaluator, `/api/surveys/${survey.id}/results?gender=female`)
    ).json()) as Results;
    // Two women of three: the filter keeps fewer than 5 people (and leaves out one), so its answers are
    // withheld (disclosure control, docs/disclosure.md); the filtering itself is unit-tested in summary.test.ts.
    expect(women.summary.count).toBeNull();
    expect(women.summary.questions).toEqual([]);
  });
});

describe('knowledge tests', () => {
  it('never sends the correct answers to participants, and scores the response on the server', async () => {
    const future = await putActivity({
      startsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    const survey = await attach({ templateId: 'knowledge_test', kind: 'pre_test' }, future);
    const pub = (await (await app.request(`/api/public/surveys/${survey.code}`)).json()) as {
      definition: { questions: { type: string; correct?: string[]; multiple?: boolean }[] };
    };
    const items = pub.definition.questions.filter((q) => q.type === 'knowledge');
    expect(items.length).toBeGreaterThan(0);
    for (const q of items) {
      expect(q.correct).toEqual([]);
      expect(typeof q.multiple).toBe('boolean');
    }
  });
});

describe('detaching a survey', () => {
  it('detaches an unanswered survey: its page, public link and invitations job are gone', async () => {
    const survey = await attach();
    const res = await call(admin, `/api/surveys/${survey.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect((await call(evaluator, `/api/surveys/${survey.id}`)).status).toBe(404);
    expect((await app.request(`/api/public/surveys/${survey.code}`)).status).toBe(404);
    expect((await submit(survey.code, submission())).status).toBe(404);
    expect((await call(admin, `/api/surveys/${survey.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses to detach a survey with responses (409), which keeps them', async () => {
    const survey = await attach();
    expect((await submit(survey.code, submission())).status).toBe(201);
    const res = await call(admin, `/api/surveys/${survey.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await responseCount(survey.id)).toBe(1);
  });

  it('writes nothing for a survey deleted after the submitting process read it', async () => {
    const { getResponse, submitResponse } = await import('../../functions/src/responses/store.js');
    const now = new Date().toISOString();
    const sent = submission();
    const surveyId = 'deletedsurvey000';
    const outcome = await submitResponse(
      {
        surveyId,
        activityId: 'deletedactivity0',
        responseId: sent.responseId,
        surveyVersion: 1,
        language: 'en',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
        receivedAt: now,
        submission: { ...sent, answers: postEventAnswers },
      },
      null,
      () => true,
      false,
    );
    expect(outcome).toBe('gone');
    expect(await getResponse(surveyId, sent.responseId)).toBeNull();
  });

  it('unlinks the other moment of the same test when one is detached', async () => {
    const activityId = await putActivity();
    const pre = await attach({ templateId: 'knowledge_test', kind: 'pre_test' }, activityId);
    const post = await attach({ templateId: undefined, sameTestAs: pre.id, kind: 'post_event' }, activityId);
    expect((await call(admin, `/api/surveys/${post.id}`, { method: 'DELETE' })).status).toBe(204);
    const after = (await (await call(evaluator, `/api/surveys/${pre.id}`)).json()) as { sameTestAs?: string };
    expect(after.sameTestAs).toBeUndefined();
    // The pre-test can be given again after the event.
    const again = await call(admin, `/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({ sameTestAs: pre.id, kind: 'post_event' }),
    });
    expect(again.status).toBe(201);
  });
});
