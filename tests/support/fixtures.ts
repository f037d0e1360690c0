import { randomUUID } from 'node:crypto';
import { ddb, tableName } from '../../functions/src/lib/aws.js';
import { PutCommand } from '../../functions/src/lib/dynamodb.js';
import { newId } from '../../functions/src/lib/ids.js';
import { keys } from '../../functions/src/lib/keys.js';

/** Writes an activity straight into the real table, for tests of features that hang off one. */
export async function putActivity(overrides: Record<string, unknown> = {}): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const startsAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const endsAt = new Date(Date.now() - 86_400_000).toISOString();
  await ddb().send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...keys.activity(id),
        gsi1pk: keys.activityList().gsi1pk,
        gsi1sk: `${startsAt}#${id}`,
        type: 'activity',
        id,
        title: 'Regional training on integrated border management',
        activityType: 'training',
        startsAt,
        endsAt,
        format: 'in_person',
        place: { city: 'Sofia', country: 'BG' },
        expectedParticipants: 30,
        actionPointCodes: [],
        priorityGoals: [],
        pillar: null,
        projectId: null,
        attendance: null,
        attendeeCount: 0,
        createdAt: now,
        updatedAt: now,
        version: 1,
        ...overrides,
      },
    }),
  );
  return id;
}

/** A complete, valid set of answers to the post-event feedback template. */
export const postEventAnswers = {
  satisfaction: 5,
  relevance: 4,
  intent_to_apply: 4,
  self_rated_knowledge: { before: 2, after: 4 },
  recommend: 9,
  most_useful: 'The exchange with colleagues from the border police.',
  gender: 'female',
  country: 'AF',
};

/** Writes attendees straight into the real table (the shape the activities feature stores). */
export async function putAttendees(
  activityId: string,
  people: { name: string; email: string | null }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const p of people) {
    const id = newId();
    ids.push(id);
    await ddb().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...keys.attendee(activityId, id),
          type: 'attendee',
          id,
          activityId,
          name: p.name,
          email: p.email,
          country: null,
          organisation: null,
          gender: null,
        },
      }),
    );
  }
  return ids;
}

/** Every e-mail aws-ses-v2-local has received, optionally only those to `to`. */
export async function sentMail(
  to?: string,
): Promise<{ subject: string; body: { text: string }; destination: { to: string[] } }[]> {
  const store = (await (await fetch(`${process.env.SES_ENDPOINT}/store`)).json()) as {
    emails: { subject: string; body: { text: string }; destination: { to: string[] } }[];
  };
  return store.emails.filter((m) => !to || m.destination.to.includes(to));
}

/**
 * Attaches the post-event feedback template to an activity through the API at `web` (no invitations),
 * as an administrator with `token` would; fails the test unless it is created.
 */
export async function attachFeedbackSurvey(
  web: string,
  token: string,
  activityId: string,
): Promise<{ id: string; code: string }> {
  const res = await fetch(`${web}/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event', sendInvitationsAt: null }),
  });
  if (res.status !== 201) throw new Error(`attaching a survey answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; code: string };
}

/** Sends one response to a post-event feedback survey as a participant's device does; `answers` override. */
export function submitFeedback(
  web: string,
  code: string,
  answers: Record<string, unknown> = {},
  at = new Date().toISOString(),
): Promise<Response> {
  return fetch(`${web}/api/public/surveys/${code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(responseBody({ ...postEventAnswers, ...answers }, { at })),
  });
}

/** A response as a participant's device sends it: a new response id, version 1, started when sent. */
function responseBody(
  answers: Record<string, unknown>,
  opts: { pairingCode?: string; language?: string; at?: string } = {},
) {
  const at = opts.at ?? new Date().toISOString();
  return {
    responseId: randomUUID(),
    surveyVersion: 1,
    language: opts.language ?? 'en',
    answers,
    ...(opts.pairingCode ? { pairingCode: opts.pairingCode } : {}),
    startedAt: at,
    submittedAt: at,
  };
}

/**
 * One response through the participants' route, as a phone sends it: a new response id, version 1,
 * and a random viewer address, so the per-address abuse limit (counted by the app in tests) never
 * refuses it. Throws unless it was stored (201); returns its response id.
 */
export async function submitAnswers(
  code: string,
  answers: Record<string, unknown>,
  opts: { pairingCode?: string; language?: string; at?: string } = {},
): Promise<string> {
  const { app } = await import('../../functions/src/app.js');
  const body = responseBody(answers, opts);
  const res = await app.request(`/api/public/surveys/${code}/responses`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'cloudfront-viewer-address': `198.51.100.${Math.floor(Math.random() * 250)}:443`,
    },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`submission answered ${res.status}: ${await res.text()}`);
  return body.responseId;
}
