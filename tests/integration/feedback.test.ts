import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { sendFeedback } from '../../functions/src/feedback/mail.js';
import { FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE } from '../../functions/src/feedback/public-routes.js';
import { summaryOf } from '../../functions/src/feedback/summary.js';
import { listAuditEntries } from '../../functions/src/lib/audit.js';
import { ddb, tableName } from '../../functions/src/lib/aws.js';
import { PutCommand } from '../../functions/src/lib/dynamodb.js';
import { keys } from '../../functions/src/lib/keys.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { publicApp } from '../../functions/src/public-app.js';
import { getSurvey } from '../../functions/src/surveys/store.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, putAttendees, sentMail } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

const tokens = { admin: '', evaluator: '' };
beforeAll(async () => {
  tokens.admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  tokens.evaluator = (await signIn(DEMO_USERS[1].email, DEMO_USERS[1].password)).accessToken;
});

const call = (path: string, init: RequestInit = {}, who: keyof typeof tokens = 'admin') =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
  });
const post = (path: string, body: unknown = {}, who: keyof typeof tokens = 'admin') =>
  call(path, { method: 'POST', body: JSON.stringify(body) }, who);

/** A public request from one client address, as CloudFront passes it. */
const view = (url: string, address = '198.51.100.7') => {
  const path = new URL(url).pathname.replace('/s/summary/', '/api/public/feedback/');
  return publicApp.request(path, { headers: { 'cloudfront-viewer-address': `${address}:4711` } });
};

interface Summary {
  respondents: number | null;
  withheld: boolean;
  shares: { measure: string; percent: number; n: number }[];
}

/** A post-event survey with `people` satisfied respondents, closed an hour ago; its attendees. */
async function closedSurvey(people: number, close = true) {
  const activityId = await putActivity({
    title: `Workshop on return counselling ${randomUUID().slice(0, 6)}`,
  });
  const tag = randomUUID().slice(0, 8);
  const emails = [`layla-${tag}@example.org`, `oleg-${tag}@example.org`];
  const [layla, oleg] = await putAttendees(activityId, [
    { name: 'Layla', email: emails[0]! },
    { name: 'Oleg', email: emails[1]! },
    { name: 'No e-mail', email: null },
  ]);
  const res = await post(`/api/activities/${activityId}/surveys`, {
    templateId: 'post_event_feedback',
    kind: 'post_event',
    sendInvitationsAt: null,
    reminderDays: [],
  });
  expect(res.status).toBe(201);
  const survey = (await res.json()) as { id: string; code: string };
  for (let i = 0; i < people; i++) {
    const now = new Date().toISOString();
    const r = await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: { ...postEventAnswers, satisfaction: 5 },
        startedAt: now,
        submittedAt: now,
      }),
    });
    expect(r.status).toBe(201);
  }
  // Layla was invited in Arabic (the language her invitation stored); Oleg's invitation has none.
  for (const [attendeeId, language] of [
    [layla, 'ar'],
    [oleg, undefined],
  ] as const) {
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.invitation(survey.id, attendeeId as string),
          type: 'invitation',
          surveyId: survey.id,
          attendeeId,
          status: 'sent',
          ...(language ? { language } : {}),
        },
      }),
    );
  }
  if (close) {
    const res2 = await call(`/api/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({
        opensAt: new Date(Date.now() - 7_200_000).toISOString(),
        closesAt: new Date(Date.now() - 1_000).toISOString(),
        sendInvitationsAt: null,
        reminderDays: [],
      }),
    });
    expect(res2.status).toBe(204);
  }
  return { survey, emails };
}

describe('feedback to those who took part', () => {
  it('refuses to share or send anything before the survey closes', async () => {
    const { survey } = await closedSurvey(0, false);
    const send = await post(`/api/surveys/${survey.id}/feedback/send`);
    expect(send.status).toBe(409);
    expect(send.headers.get('content-type')).toContain('application/problem+json');
    expect((await post(`/api/surveys/${survey.id}/feedback/links`)).status).toBe(409);
    // Evaluators may not share: administrators only.
    expect((await call(`/api/surveys/${survey.id}/feedback`, {}, 'evaluator')).status).toBe(403);
    expect((await post(`/api/surveys/${survey.id}/feedback/links`, {}, 'evaluator')).status).toBe(403);
  });

  it("e-mails the summary once, in each invitee's language, to the local inbox; again only when resent", async () => {
    const { survey, emails } = await closedSurvey(6);
    const organiser = `organiser-${randomUUID().slice(0, 8)}@example.org`;
    const res = await post(`/api/surveys/${survey.id}/feedback/send`, { organisers: [organiser] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toMatchObject({ round: 1, recipients: 3, sent: 3, failed: 0 });

    const [arabic] = await sentMail(emails[0]);
    expect(arabic?.subject).toMatch(/^النتائج: Workshop on return counselling/);
    expect(arabic?.body.text).toContain('كانوا راضين عن الفعالية');
    expect(arabic?.body.text).toMatch(/أجاب على الاستبيان (6|٦) شخصًا/);
    const [english] = await sentMail(emails[1]);
    expect(english?.body.text).toContain('6 people answered the survey.');
    expect(english?.body.text).toContain('100% were satisfied with the event.');
    expect(await sentMail(organiser)).toHaveLength(1);
    // Nothing about any respondent, and no link token.
    expect(english?.body.text).not.toMatch(/pairing|response id|\?i=/i);

    const again = await post(`/api/surveys/${survey.id}/feedback/send`);
    expect(again.status).toBe(409);
    expect(await sentMail(emails[1])).toHaveLength(1);
    const resent = await post(`/api/surveys/${survey.id}/feedback/send`, { resend: true });
    expect(await resent.json()).toMatchObject({ round: 2, recipients: 2, sent: 2 });
    expect(await sentMail(emails[1])).toHaveLength(2);

    const actions = (await listAuditEntries('survey', survey.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['feedback.send', 'feedback.resend']));
  });

  it('leaves what it could not send in time to the next call, which continues the same round', async () => {
    const { survey, emails } = await closedSurvey(6);
    const record = await getSurvey(survey.id);
    const snapshot = await summaryOf(record!);
    // Out of time before the first e-mail: the round is started, nothing sent, not finished.
    const first = await sendFeedback(record!, snapshot, {
      resend: false,
      organisers: [],
      actor: 'test',
      deadline: Date.now(),
    });
    expect(first).toMatchObject({ round: 1, sent: 0, finishedAt: null });
    const next = await post(`/api/surveys/${survey.id}/feedback/send`);
    expect(await next.json()).toMatchObject({ round: 1, sent: 2, recipients: 2 });
    for (const email of emails) expect(await sentMail(email)).toHaveLength(1);
    expect((await post(`/api/surveys/${survey.id}/feedback/send`)).status).toBe(409);
  });

  it('shares a read-only link whose token is stored hashed; a revoked link answers 410, an unknown one 404', async () => {
    const { survey } = await closedSurvey(6);
    const res = await post(`/api/surveys/${survey.id}/feedback/links`);
    expect(res.status).toBe(201);
    const link = (await res.json()) as { id: string; url: string };
    expect(link.url).toMatch(/\/s\/summary\/[A-Za-z0-9_-]{22}$/);
    const token = link.url.split('/').at(-1) as string;

    const opened = await view(link.url);
    expect(opened.status).toBe(200);
    const body = (await opened.json()) as { summary: Summary; activityTitle: string; languages: string[] };
    expect(body.summary.respondents).toBe(6);
    expect(body.summary.shares).toContainEqual({ measure: 'satisfaction', percent: 100, n: 6 });
    expect(body.activityTitle).toMatch(/^Workshop on return counselling/);
    expect(body.languages[0]).toBe('en');
    expect(JSON.stringify(body)).not.toMatch(/pairing|responseId|email/i);

    // Only the hash is stored: the token itself appears nowhere in the survey's feedback items.
    const state = await call(`/api/surveys/${survey.id}/feedback`);
    const text = await state.text();
    expect(text).not.toContain(token);
    expect(JSON.parse(text).links).toEqual([
      expect.objectContaining({ id: link.id, revokedAt: null, respondents: 6 }),
    ]);

    const revoked = await call(`/api/surveys/${survey.id}/feedback/links/${link.id}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    expect((await view(link.url)).status).toBe(410);
    expect((await view(link.url.replace(token, 'A'.repeat(22)))).status).toBe(404);
    expect([400, 422]).toContain((await view(link.url.replace(token, 'short'))).status);
    const actions = (await listAuditEntries('survey', survey.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['feedback.link.create', 'feedback.link.revoke']));
  });

  it('shows no figure at all when fewer than 5 people answered', async () => {
    const { survey } = await closedSurvey(3);
    const link = (await (await post(`/api/surveys/${survey.id}/feedback/links`)).json()) as { url: string };
    const { summary } = (await (await view(link.url)).json()) as { summary: Summary };
    expect(summary).toMatchObject({ respondents: null, withheld: true, shares: [], knowledge: null });
  });

  it('limits views per client address', async () => {
    const { survey } = await closedSurvey(0);
    const link = (await (await post(`/api/surveys/${survey.id}/feedback/links`)).json()) as { url: string };
    const address = `203.0.113.${Math.floor(Math.random() * 250) + 1}`;
    const statuses: number[] = [];
    // Fixed one-minute windows: should the run cross a window's end, the next window stops it.
    for (let i = 0; i < 2 * FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE + 2 && statuses.at(-1) !== 429; i++)
      statuses.push((await view(link.url, address)).status);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(
      FEEDBACK_VIEWS_PER_ADDRESS_PER_MINUTE,
    );
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
  });
});

describe('feedback on a knowledge test given before and after', () => {
  interface Detail {
    id: string;
    code: string;
    currentVersion: number;
    definition: {
      questions: { id: string; type: string; correct?: string[]; options?: { id: string }[] }[];
    };
  }
  const detail = async (id: string) => (await (await call(`/api/surveys/${id}`)).json()) as Detail;

  async function answer(survey: Detail, pairingCode: string, right: boolean) {
    const answers = Object.fromEntries(
      survey.definition.questions.flatMap((q) => {
        if (q.type === 'knowledge') {
          const wrong = q.options?.find((o) => !q.correct?.includes(o.id))?.id;
          return [[q.id, right ? ((q.correct?.length ?? 0) > 1 ? q.correct : q.correct?.[0]) : wrong]];
        }
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
        pairingCode,
        startedAt: now,
        submittedAt: now,
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
  }

  it('reports the paired change in percent of the test, through the results engine', async () => {
    const activityId = await putActivity();
    const preRes = await post(`/api/activities/${activityId}/surveys`, {
      templateId: 'knowledge_test',
      kind: 'pre_test',
      sendInvitationsAt: null,
    });
    const pre = await detail(((await preRes.json()) as { id: string }).id);
    const postRes = await post(`/api/activities/${activityId}/surveys`, {
      sameTestAs: pre.id,
      kind: 'post_event',
      sendInvitationsAt: null,
    });
    const postTest = await detail(((await postRes.json()) as { id: string }).id);
    // Six people: everything wrong before, everything right after.
    for (let i = 0; i < 6; i++) {
      const code = `pair-${randomUUID()}`;
      await answer(pre, code, false);
      await answer(postTest, code, true);
    }
    await rollupsSettled();
    const closed = await call(`/api/surveys/${postTest.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({
        opensAt: new Date(Date.now() - 7_200_000).toISOString(),
        closesAt: new Date(Date.now() - 1_000).toISOString(),
        sendInvitationsAt: null,
        reminderDays: [],
      }),
    });
    expect(closed.status).toBe(204);
    const link = (await (await post(`/api/surveys/${postTest.id}/feedback/links`)).json()) as { url: string };
    const { summary } = (await (await view(link.url)).json()) as {
      summary: Summary & { knowledge: { n: number; before: number; after: number; improvedPercent: number } };
    };
    expect(summary.respondents).toBe(6);
    expect(summary.knowledge).toEqual({ n: 6, before: 0, after: 100, improvedPercent: 100 });
  });
});
