import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { forgetDirectoryEntry } from '../../functions/src/lib/auth.js';
import { DEMO_USERS, ensureUser } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { otherCode, totp } from '../support/totp.js';

// ADMIN_MFA=required: administrator routes need an authenticator app (TOTP) on the account, as the
// user pool says now; evaluator routes do not. cognito-local emulates TOTP enrolment.
process.env.ADMIN_MFA = 'required'; // before this file's first env()
// The worker process may run other files next: leave its environment as it was.
afterAll(() => {
  delete process.env.ADMIN_MFA;
});

const [, evaluator] = DEMO_USERS;

async function cognito(target: string, body: unknown) {
  const res = await fetch(process.env.COGNITO_ENDPOINT as string, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${target}`,
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, string>;
  if (!res.ok) throw new Error(`${target}: ${JSON.stringify(json)}`);
  return json;
}

let evaluatorToken = '';
beforeAll(async () => {
  evaluatorToken = (await signIn(evaluator.email, evaluator.password)).accessToken;
});

const call = (token: string, path: string) =>
  app.request(path, { headers: { authorization: `Bearer ${token}` } });

describe('MFA required for administrators', () => {
  it('refuses admin routes until the account has TOTP, and never asks it of evaluator routes', async () => {
    // A fresh admin (the demo admin other test files sign in as must not get a TOTP challenge).
    const email = `mfa-admin-${Date.now()}@example.org`;
    const password = 'Mfa-admin-2026!';
    await ensureUser(process.env.COGNITO_ENDPOINT as string, process.env.COGNITO_USER_POOL_ID as string, {
      email,
      password,
      role: 'admin',
    });
    const token = (await signIn(email, password)).accessToken;

    const refused = await call(token, '/api/users');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { type: string }).type).toBe('/api/problems/mfa-required');
    expect((await call(token, '/api/activities')).status).toBe(200);
    expect((await call(evaluatorToken, '/api/activities')).status).toBe(200);

    // The admin adds an authenticator app with their own token, as the web app would.
    const { SecretCode } = await cognito('AssociateSoftwareToken', { AccessToken: token });
    await cognito('VerifySoftwareToken', { AccessToken: token, UserCode: totp(SecretCode as string) });
    await cognito('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    // This process read the directory a moment ago and trusts it for DIRECTORY_CACHE_SECONDS; a new
    // Lambda instance would read it fresh. Clear the entry as a role change does.
    const me = await cognito('GetUser', { AccessToken: token });
    forgetDirectoryEntry(me.Username as string);
    expect((await call(token, '/api/users')).status).toBe(200);
    // From now on signing in asks for the app's code (the local pool, as in AWS, has optional TOTP).
    const clientId = process.env.COGNITO_CLIENT_ID;
    const started = await cognito('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    expect(started.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect((started as unknown as { AuthenticationResult?: unknown }).AuthenticationResult).toBeUndefined();
    const answer = (code: string) =>
      cognito('RespondToAuthChallenge', {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ClientId: clientId,
        Session: started.Session,
        ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
      });
    const right = totp(SecretCode as string);
    await expect(answer(otherCode(right))).rejects.toThrow(/CodeMismatch/);
    const done = (await answer(right)) as unknown as { AuthenticationResult?: { AccessToken: string } };
    expect((await call(done.AuthenticationResult?.AccessToken ?? '', '/api/users')).status).toBe(200);
  });
});
