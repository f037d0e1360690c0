import { serve } from '@hono/node-server';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { freePort } from '../../functions/src/local/stack.js';
import { startTestStack } from '../support/emulators.js';
import { putActivity } from '../support/fixtures.js';

/**
 * For the benchmarks: the emulators, the staff API on Node on a free port, an admin token and a
 * post-event survey (the 14 questions of the template) to answer.
 */
export async function startBenchApi() {
  const stack = await startTestStack();
  Object.assign(process.env, stack.env);
  const { app } = await import('../../functions/src/app.js');
  const port = await freePort();
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const signin = await fetch(stack.env.COGNITO_ENDPOINT as string, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: stack.env.COGNITO_CLIENT_ID,
      AuthParameters: { USERNAME: DEMO_USERS[0].email, PASSWORD: DEMO_USERS[0].password },
    }),
  });
  const token = ((await signin.json()) as { AuthenticationResult: { AccessToken: string } })
    .AuthenticationResult.AccessToken;
  async function newSurvey(): Promise<{ id: string; code: string }> {
    const activityId = await putActivity();
    const res = await fetch(`${base}/api/activities/${activityId}/surveys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ templateId: 'post_event_feedback', kind: 'post_event' }),
    });
    if (res.status !== 201) throw new Error(`survey not created: ${res.status}`);
    return (await res.json()) as { id: string; code: string };
  }
  return {
    stack,
    base,
    token,
    newSurvey,
    close: async () => {
      server.close();
      await stack.stop();
    },
  };
}
