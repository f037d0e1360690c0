import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { pairingCodeFromBytes } from '../../shared/src/learning/pairing-code.js';
import { knowledgeTestTemplate } from '../../shared/src/surveys/templates.js';
import { signIn } from '../support/auth.js';
import { putActivity } from '../support/fixtures.js';

// Pairing code typos (issue 13 defect: "XXXX" went through and stayed unpaired): the server refuses
// a code of the participant page's shape that fails its check character, with 422 on the field.

let code = '';
beforeAll(async () => {
  const admin = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
  const activityId = await putActivity();
  const res = await app.request(`/api/activities/${activityId}/surveys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ templateId: 'knowledge_test', kind: 'pre_test', sendInvitationsAt: null }),
  });
  expect(res.status).toBe(201);
  code = ((await res.json()) as { code: string }).code;
});

const answers = Object.fromEntries(
  knowledgeTestTemplate('pre_test').questions.flatMap((q) =>
    q.type === 'knowledge' ? [[q.id, q.correct]] : [],
  ),
);

const submit = (pairingCode: string) => {
  const now = new Date().toISOString();
  return app.request(`/api/public/surveys/${code}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      responseId: randomUUID(),
      surveyVersion: 1,
      language: 'en',
      answers,
      pairingCode,
      startedAt: now,
      submittedAt: now,
    }),
  });
};

describe('pairing codes sent with a response', () => {
  it('refuses a code with a typo or of no known shape with 422 on the field', async () => {
    const good = pairingCodeFromBytes([9, 8, 7, 6, 5, 4, 3, 2]);
    const last = good.at(-1) === 'Z' ? 'Y' : 'Z';
    for (const bad of ['XXXX', `${good.slice(0, -1)}${last}`, 'K7Q-F3M-ZP']) {
      const res = await submit(bad);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { errors: { path: unknown[]; message: string }[] };
      expect(problem.errors[0]?.path).toEqual(['json', 'pairingCode']);
    }
    expect((await submit(good)).status).toBe(201);
    // A code made before the check character existed still pairs its pre-test with its post-test.
    expect((await submit('K7QF-3MZP')).status).toBe(201);
  });

  it('says in the API reference what the check refuses', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const body = doc.paths['/api/public/surveys/{code}/responses']?.post?.requestBody.content[
      'application/json'
    ]?.schema as { properties: { pairingCode: { description?: string } } };
    expect(body.properties.pairingCode.description).toMatch(/check character/);
    expect(body.properties.pairingCode.description).toMatch(/422/);
  });
});
