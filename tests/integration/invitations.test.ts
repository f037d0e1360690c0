import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { localQueueIdle } from '../../functions/src/invitations/queue.js';
import { runScheduledSending } from '../../functions/src/invitations/send.js';
import { hashStoredTokens } from '../../functions/src/invitations/store.js';
import { ddb, queryAll, tableName } from '../../functions/src/lib/aws.js';
import { GetCommand, PutCommand } from '../../functions/src/lib/dynamodb.js';
import { keys } from '../../functions/src/lib/keys.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { findInvitation } from '../../functions/src/responses/store.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, putAttendees, sentMail } from '../support/fixtures.js';
import { rollupsSettled } from '../support/rollups.js';

let admin = '';
beforeAll(async () => {
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});

const call = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  });

const unique = () => randomUUID().slice(0, 8);

async function setup(schedule: { sendInvitationsAt: string | null; reminderAt?: string | null }) {
  const activityId = await putActivity();
  const tag = unique();
  const emails = [`amina-${tag}@example.org`, `bilal-${tag}@example.org`, `chen-${tag}@example.org`];
  await putAttendees(activityId, [
    { name: 'Amina', email: emails[0]! },
    { name: 'Bilal', email: emails[1]! },
    { name: 'Chen', email: emails[2]! },
    { name: 'No e-mail', email: null },
  ]);
  const res = await call(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', ...schedule }),
  });
  expect(res.status).toBe(201);
  const survey = (await res.json()) as { id: string; code: string };
  return { survey, emails };
}

const tokenIn = (text: string) => /\?i=([\w-]+)/.exec(text)?.[1];

describe('scheduled invitations and reminders', () => {
  it('invites every attendee with an e-mail once, even with overlapping runs, and never before the time', async () => {
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const { survey, emails } = await setup({ sendInvitationsAt: inAnHour, reminderAt: null });
    await runScheduledSending(new Date());
    expect(await sentMail(emails[0])).toHaveLength(0);

    const later = new Date(Date.now() + 2 * 3_600_000);
    await Promise.all([runScheduledSending(later), runScheduledSending(later), runScheduledSending(later)]);
    await runScheduledSending(later);
    for (const email of emails) {
      const mails = await sentMail(email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.body.text).toContain(`/s/${survey.code}?i=`);
    }
    const list = (await (await call(`/api/surveys/${survey.id}/invitations`)).json()) as { status: string }[];
    expect(list.map((i) => i.status)).toEqual(['sent', 'sent', 'sent']);
    const detail = (await (await call(`/api/surveys/${survey.id}`)).json()) as { invitedCount: number };
    expect(detail.invitedCount).toBe(3);
  });

  it('counts an answer through a personal link for the response rate without storing the token on the response', async () => {
    const { survey, emails } = await setup({ sendInvitationsAt: null, reminderAt: null });
    const res = await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { queued: number }).queued).toBe(3);
    await localQueueIdle();
    const token = tokenIn((await sentMail(emails[1]))[0]?.body.text ?? '');
    expect(token).toBeDefined();
    const now = new Date().toISOString();
    const responseId = randomUUID();
    const body = {
      responseId,
      surveyVersion: 1,
      language: 'en',
      answers: postEventAnswers,
      startedAt: now,
      submittedAt: now,
      invitation: token,
    };
    const post = () =>
      app.request(`/api/public/surveys/${survey.code}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(200);
    // A second, different response through the same personal link is refused: one link, one answer.
    const other = await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, responseId: randomUUID() }),
    });
    expect(other.status).toBe(409);
    expect(((await other.json()) as { type: string }).type).toContain('invitation-answered');

    // The counters are moved by the stream consumer, a moment later.
    await rollupsSettled();
    const results = (await (await call(`/api/surveys/${survey.id}/results`)).json()) as {
      responseCount: number;
      invitedCount: number;
      respondedCount: number;
      responseRate: number;
    };
    expect(results).toMatchObject({ responseCount: 1, invitedCount: 3, respondedCount: 1 });
    expect(results.responseRate).toBeCloseTo(1 / 3);
    // The counters the consumer moved agree with a recount of the raw items (answered invitations).
    const rebuilt = (await (
      await call(`/api/surveys/${survey.id}/aggregates/rebuild`, { method: 'POST', body: '{}' })
    ).json()) as { differences: unknown[] };
    expect(rebuilt.differences).toEqual([]);

    const stored = await ddb().send(
      new GetCommand({ TableName: tableName(), Key: keys.response(survey.id, responseId) }),
    );
    expect(JSON.stringify(stored.Item)).not.toContain(token as string);
  });

  it("ignores another survey's invitation token: that invitee stays unanswered, the response counts anonymously", async () => {
    const x = await setup({ sendInvitationsAt: null, reminderAt: null });
    const y = await setup({ sendInvitationsAt: null, reminderAt: null });
    await call(`/api/surveys/${x.survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    const token = tokenIn((await sentMail(x.emails[0]))[0]?.body.text ?? '');
    expect(token).toBeDefined();
    const now = new Date().toISOString();
    const res = await app.request(`/api/public/surveys/${y.survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
        invitation: token,
      }),
    });
    expect(res.status).toBe(201);
    await rollupsSettled();
    const rx = (await (await call(`/api/surveys/${x.survey.id}/results`)).json()) as Record<string, number>;
    const ry = (await (await call(`/api/surveys/${y.survey.id}/results`)).json()) as Record<string, number>;
    expect(rx).toMatchObject({ responseCount: 0, respondedCount: 0 });
    expect(ry).toMatchObject({ responseCount: 1, respondedCount: 0 });
  });

  it('reminds only those who have not answered, once', async () => {
    const { survey, emails } = await setup({ sendInvitationsAt: null, reminderAt: null });
    await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    const token = tokenIn((await sentMail(emails[0]))[0]?.body.text ?? '');
    const now = new Date().toISOString();
    await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
        invitation: token,
      }),
    });
    const detail = (await (await call(`/api/surveys/${survey.id}`)).json()) as Record<string, string>;
    const put = await call(`/api/surveys/${survey.id}/schedule`, {
      method: 'PUT',
      body: JSON.stringify({
        opensAt: detail.opensAt,
        closesAt: detail.closesAt,
        sendInvitationsAt: null,
        reminderDays: [1],
      }),
    });
    expect(put.status).toBe(204);
    const later = new Date(Date.now() + 86_400_000 + 120_000);
    await Promise.all([runScheduledSending(later), runScheduledSending(later)]);
    await runScheduledSending(later);
    expect(await sentMail(emails[0])).toHaveLength(1);
    const tokens: string[] = [token as string];
    for (const email of emails.slice(1)) {
      const mails = await sentMail(email);
      expect(mails.map((m) => m.subject.startsWith('Reminder'))).toEqual([false, true]);
      // Only hashes are stored, so the reminder cannot resend the first token: it has its own.
      const [first, reminder] = mails.map((m) => tokenIn(m.body.text) as string);
      expect(reminder).toBeDefined();
      expect(reminder).not.toBe(first);
      tokens.push(first as string, reminder as string);
    }
    // The reminder's link counts for the response rate like the invitation's.
    const reminderToken = tokens[2] as string;
    const answered = await app.request(`/api/public/surveys/${survey.code}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        responseId: randomUUID(),
        surveyVersion: 1,
        language: 'en',
        answers: postEventAnswers,
        startedAt: now,
        submittedAt: now,
        invitation: reminderToken,
      }),
    });
    expect(answered.status).toBe(201);
    await rollupsSettled();
    const results = (await (await call(`/api/surveys/${survey.id}/results`)).json()) as {
      respondedCount: number;
    };
    expect(results.respondedCount).toBe(2);
    // No token is in the table in clear: not as an attribute, not in an index key.
    const items = await queryAll({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.survey(survey.id).pk },
    });
    const invitationItems = items.filter((i) => String(i.sk).startsWith('INVITE'));
    expect(invitationItems.length).toBeGreaterThanOrEqual(5);
    for (const t of tokens) expect(JSON.stringify(items)).not.toContain(t);
    for (const i of invitationItems) expect(i).not.toHaveProperty('token');
  });

  it('migrates invitations stored with a clear token to its hash, so old links keep working', async () => {
    const { survey } = await setup({ sendInvitationsAt: null, reminderAt: null });
    const token = 'legacy-token-0123456789';
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.invitation(survey.id, 'legacy'),
          gsi2pk: `INVITE#${token}`,
          gsi2sk: 'INVITE',
          type: 'invitation',
          surveyId: survey.id,
          attendeeId: 'legacy',
          name: 'Legacy',
          email: 'legacy@example.org',
          token,
          status: 'sent',
          claimedAt: new Date().toISOString(),
        },
      }),
    );
    expect(await hashStoredTokens()).toBeGreaterThanOrEqual(1);
    const migrated = await ddb().send(
      new GetCommand({ TableName: tableName(), Key: keys.invitation(survey.id, 'legacy') }),
    );
    expect(JSON.stringify(migrated.Item)).not.toContain(token);
    expect(await findInvitation(token)).toMatchObject({ sk: keys.invitation(survey.id, 'legacy').sk });
    expect(await hashStoredTokens()).toBe(0);
  });
});
