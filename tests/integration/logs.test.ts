import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app } from '../../functions/src/app.js';
import { localQueueIdle } from '../../functions/src/invitations/queue.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { postEventAnswers, putActivity, putAttendees, sentMail } from '../support/fixtures.js';

// The API's own log lines, at info level, over requests that carry e-mail addresses (in bodies and
// in paths) and invitation tokens: none of them may reach the log.

const logLevel = process.env.LOG_LEVEL;
process.env.LOG_LEVEL = 'info'; // before the first env() of this file's module graph
const lines: string[] = [];
let admin = '';

beforeAll(async () => {
  for (const method of ['log', 'error', 'warn', 'info'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  }
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});
afterAll(() => {
  vi.restoreAllMocks();
  if (logLevel === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = logLevel;
});

const call = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
  });

describe('logs', () => {
  it('carry no e-mail address and no invitation token', async () => {
    const tag = randomUUID().slice(0, 8);
    const staff = `staff-${tag}@example.org`;
    expect(
      (
        await call('/api/users', {
          method: 'POST',
          body: JSON.stringify({ email: staff, role: 'evaluator' }),
        })
      ).status,
    ).toBe(201);
    const role = await call(`/api/users/${encodeURIComponent(staff)}/role`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(role.status).toBe(204);
    expect(
      (await call(`/api/users/ghost-${tag}%40example.org/role`, { method: 'PUT', body: '{"role":"admin"}' }))
        .status,
    ).toBe(404);

    const activityId = await putActivity();
    const attendee = `amina-${tag}@example.org`;
    await putAttendees(activityId, [{ name: 'Amina', email: attendee }]);
    const attached = await call(`/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({
        templateId: 'post_event_feedback',
        kind: 'post_event',
        sendInvitationsAt: null,
      }),
    });
    const survey = (await attached.json()) as { id: string; code: string };
    await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    await localQueueIdle();
    const token = /\?i=([\w-]+)/.exec((await sentMail(attendee))[0]?.body.text ?? '')?.[1] as string;
    expect(token).toBeDefined();
    const now = new Date().toISOString();
    const body = {
      responseId: randomUUID(),
      surveyVersion: 1,
      language: 'en',
      answers: postEventAnswers,
      startedAt: now,
      submittedAt: now,
      invitation: token,
    };
    const sent = await app.request(`/api/public/surveys/${survey.code}/responses?i=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(sent.status).toBe(201);

    const all = lines.join('\n');
    expect(lines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(6);
    for (const secret of [staff, attendee, `ghost-${tag}`, encodeURIComponent(staff), token, admin]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('/api/users/<email>/role');
  });
});
