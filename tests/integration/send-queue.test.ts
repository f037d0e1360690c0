import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { handler as consume } from '../../functions/src/handlers/send.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { putActivity, putAttendees, sentMail } from '../support/fixtures.js';

// "Send now" as it runs in AWS: the API puts the survey's job on the SQS sending queue and answers;
// the queue's consumer (handlers/send.ts) sends. SQS has no local emulator in this stack, so the
// queue is a small HTTP endpoint speaking SQS's JSON protocol that records what it is sent (a
// third-party service, like SES refusing in sending.test.ts); the rest is the real code and stack.

let queue: Server;
const received: { target: string; body: { QueueUrl: string; MessageBody: string } }[] = [];
let admin = '';

beforeAll(async () => {
  queue = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as { QueueUrl: string; MessageBody: string };
      received.push({ target: String(req.headers['x-amz-target']), body });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({
          MessageId: randomUUID(),
          MD5OfMessageBody: createHash('md5').update(body.MessageBody).digest('hex'),
        }),
      );
    });
  });
  await new Promise<void>((r) => queue.listen(0, '127.0.0.1', r));
  // Before this file's first env(): the API enqueues on "SQS".
  process.env.SEND_QUEUE_URL = `http://127.0.0.1:${(queue.address() as AddressInfo).port}/123456789012/send`;
  admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});
afterAll(async () => {
  delete process.env.SEND_QUEUE_URL;
  await new Promise<void>((r) => queue.close(() => r()));
});

describe('send now with the SQS sending queue', () => {
  it('puts the job on the queue and answers 202 without sending; the consumer then sends each e-mail once', async () => {
    const activityId = await putActivity();
    const tag = randomUUID().slice(0, 8);
    const emails = [`q1-${tag}@example.org`, `q2-${tag}@example.org`];
    await putAttendees(
      activityId,
      emails.map((email, i) => ({ name: `Q${i}`, email })),
    );
    const call = (path: string, init: RequestInit = {}) =>
      app.request(path, {
        ...init,
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      });
    const attached = await call(`/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({
        templateId: 'post_event_feedback',
        kind: 'post_event',
        sendInvitationsAt: null,
      }),
    });
    const survey = (await attached.json()) as { id: string };

    const res = await call(`/api/surveys/${survey.id}/invitations/send`, { method: 'POST' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ queued: 2 });
    const mine = received.filter((m) => JSON.parse(m.body.MessageBody).surveyId === survey.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.target).toBe('AmazonSQS.SendMessage');
    expect(JSON.parse(mine[0]?.body.MessageBody ?? '{}')).toMatchObject({
      surveyId: survey.id,
      kind: 'invite',
    });
    for (const email of emails) expect(await sentMail(email)).toHaveLength(0);

    // The message delivered twice (SQS is at-least-once): each e-mail goes once.
    const record = (id: string) => ({
      messageId: id,
      receiptHandle: id,
      body: mine[0]?.body.MessageBody ?? '',
      attributes: { ApproximateReceiveCount: '1' },
    });
    const context = { getRemainingTimeInMillis: () => 600_000 };
    expect(await consume({ Records: [record('m1')] }, context)).toEqual({ batchItemFailures: [] });
    expect(await consume({ Records: [record('m2')] }, context)).toEqual({ batchItemFailures: [] });
    for (const email of emails) expect(await sentMail(email)).toHaveLength(1);
  });
});
