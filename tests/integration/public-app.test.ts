import { randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { handler } from '../../functions/src/handlers/public.js';
import { ddb, tableName } from '../../functions/src/lib/aws.js';
import { UpdateCommand } from '../../functions/src/lib/dynamodb.js';
import { keys } from '../../functions/src/lib/keys.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { publicApp } from '../../functions/src/public-app.js';
import { getSurveyByCode, PUBLIC_SURVEY_TTL_MS, updateSchedule } from '../../functions/src/surveys/store.js';
import { surveyStatus } from '../../shared/src/surveys/survey.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity } from '../support/fixtures.js';

// The participants' Lambda app (functions/src/public-app.ts) against the real emulators: the same
// public routes as the staff API, validated the same way, and nothing else.

let token = '';
let survey: { id: string; code: string };

const submission = (responseId = randomUUID()) => {
  const now = new Date().toISOString();
  return {
    responseId,
    surveyVersion: 1,
    language: 'en',
    answers: postEventAnswers,
    startedAt: now,
    submittedAt: now,
  };
};
const post = (body: unknown) =>
  publicApp.request(`/api/public/surveys/${survey.code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  token = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  const activityId = await putActivity({ title: 'Public Lambda check' });
  const res = await app.request(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event' }),
  });
  survey = (await res.json()) as { id: string; code: string };
});

describe('the participants API on its own', () => {
  it('opens a survey exactly as the staff API does', async () => {
    const own = await publicApp.request(`/api/public/surveys/${survey.code}`);
    const staff = await app.request(`/api/public/surveys/${survey.code}`);
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual(await staff.json());
  });

  it('records a response once (201, then 200 for the same resend) and counts it', async () => {
    const body = submission();
    expect((await post(body)).status).toBe(201);
    expect((await post(body)).status).toBe(200);
    const results = await app.request(`/api/surveys/${survey.id}/results`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await results.json()) as { summary: { total: number } }).summary.total).toBe(1);
  });

  it('answers bad input with 422 problems and unknown codes with 404, never 500', async () => {
    const bad = await post({ ...submission(), responseId: 'nope', answers: { satisfaction: 9 } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const fields = ((await bad.json()) as { errors: { path: string[] }[] }).errors.map((e) =>
      e.path.join('.'),
    );
    expect(fields).toContain('json.responseId');
    const malformed = await publicApp.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"responseId":',
    });
    expect(malformed.status).toBe(400);
    expect((await publicApp.request('/api/public/surveys/zzzzzzzzzzzz')).status).toBe(404);
  });

  it('answers every kind of bad request with the same problem as the staff API (plain router, same validation)', async () => {
    const now = new Date().toISOString();
    const cases: { path: string; init?: RequestInit }[] = [
      { path: `/api/public/surveys/${'x'.repeat(41)}` },
      ...[
        { ...submission(), responseId: 'nope', startedAt: 'yesterday', surveyVersion: 0 },
        { ...submission(), extra: true },
        { ...submission(), invitation: 'short' },
        { surveyVersion: 1, language: 'en', answers: [], startedAt: now },
        { ...submission(), pairingCode: 'ab', language: 'EN' },
      ].map((body) => ({
        path: `/api/public/surveys/${survey.code}/responses`,
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      })),
      {
        path: `/api/public/surveys/${survey.code}/responses`,
        init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,' },
      },
      {
        path: `/api/public/surveys/${survey.code}/responses`,
        init: { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' },
      },
    ];
    for (const { path, init } of cases) {
      const own = await publicApp.request(path, init);
      const staff = await app.request(path, init);
      const strip = async (res: Response) => {
        const { requestId: _, ...rest } = (await res.json()) as Record<string, unknown>;
        return { status: res.status, type: res.headers.get('content-type'), ...rest };
      };
      const ownProblem = await strip(own);
      expect(ownProblem.status, `${path} ${init?.body}`).toBeGreaterThanOrEqual(400);
      expect(ownProblem.status).toBeLessThan(500);
      expect(ownProblem, `${path} ${init?.body}`).toEqual(await strip(staff));
    }
  });

  it('has no staff routes: they are 404 problems here, not served without a token', async () => {
    for (const path of ['/api/templates', '/api/openapi.json', '/api/surveys/x/results', '/api/health']) {
      const res = await publicApp.request(path, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers the Lambda event compressed for a viewer that accepts gzip', async () => {
    const path = `/api/public/surveys/${survey.code}`;
    const event = {
      version: '2.0',
      routeKey: 'ANY /api/public/{proxy+}',
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'example.org', 'accept-encoding': 'gzip, br' },
      requestContext: {
        http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9' },
        requestId: 'r1',
        routeKey: 'ANY /api/public/{proxy+}',
        stage: '$default',
        timeEpoch: Date.now(),
      },
      isBase64Encoded: false,
    };
    const res = (await handler(event as never, {} as never)) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(Buffer.from(res.body, 'base64')).toString('utf8')) as { code: string };
    expect(body.code).toBe(survey.code);
  });

  it('keeps a survey read per process for a few seconds; its own edits are seen at once', async () => {
    const activityId = await putActivity({ title: 'Cached survey check' });
    const res = await app.request(`/api/activities/${activityId}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event' }),
    });
    const { id, code } = (await res.json()) as { id: string; code: string };
    const t0 = Date.now();
    const status = async (at: number) => {
      const meta = await getSurveyByCode(code, at);
      return meta ? surveyStatus(meta, new Date(at)) : 'missing';
    };
    expect(await status(t0)).toBe('open');
    // Closed by another process (the staff Lambda in AWS): straight into the table.
    const past = new Date(t0 - 60_000).toISOString();
    await ddb().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.survey(id),
        UpdateExpression: 'SET closesAt = :c',
        ExpressionAttributeValues: { ':c': past },
      }),
    );
    expect(await status(t0 + PUBLIC_SURVEY_TTL_MS - 1)).toBe('open'); // this process's copy
    expect(await status(t0 + PUBLIC_SURVEY_TTL_MS)).toBe('closed'); // read again: closed
    // Reopened by this process: seen at once, no waiting for the copy to expire.
    const now = Date.now();
    const meta = await getSurveyByCode(code, now);
    await updateSchedule(id, {
      opensAt: new Date(now - 60_000).toISOString(),
      closesAt: new Date(now + 3_600_000).toISOString(),
      sendInvitationsAt: meta?.sendInvitationsAt ?? null,
      reminderDays: meta?.reminderDays ?? [],
    });
    expect(await status(now + 1)).toBe('open');
  });
});
