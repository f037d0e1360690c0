import {
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { beforeAll, describe, expect, it } from 'vitest';
import { app } from '../../functions/src/app.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';

// Authorisation follows the user pool, not the groups frozen into an access token: a demotion or a
// removal takes effect on the next request of a token issued before it.

const [admin] = DEMO_USERS;
let adminToken = '';

const cognito = () =>
  new CognitoIdentityProviderClient({
    endpoint: process.env.COGNITO_ENDPOINT,
    region: process.env.AWS_REGION,
  });

function call(token: string, path: string, init: RequestInit = {}) {
  return app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

/** Invites a user with `role` through the API and signs them in with a permanent password. */
async function staffMember(role: 'admin' | 'evaluator') {
  const email = `staff-${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
  const invited = await call(adminToken, '/api/users', {
    method: 'POST',
    body: JSON.stringify({ email, role }),
  });
  expect(invited.status).toBe(201);
  const password = 'Staff-member-2026!';
  const client = cognito();
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: process.env.COGNITO_USER_POOL_ID,
      Username: email,
      Password: password,
      Permanent: true,
    }),
  );
  client.destroy();
  return { email, token: (await signIn(email, password)).accessToken };
}

/**
 * The user's groups as the pool holds them. By the user's own name (the sub): cognito-local's
 * AdminListGroupsForUser matches group members by the name as given, so an e-mail alias finds none
 * (AWS resolves the alias). That quirk is why demotions used to leave the admin group in place.
 */
async function groupsInPool(email: string): Promise<string[]> {
  const client = cognito();
  const pool = process.env.COGNITO_USER_POOL_ID;
  const user = await client.send(new AdminGetUserCommand({ UserPoolId: pool, Username: email }));
  const out = await client.send(
    new AdminListGroupsForUserCommand({ UserPoolId: pool, Username: user.Username }),
  );
  client.destroy();
  return (out.Groups ?? []).map((g) => g.GroupName ?? '').sort();
}

const setRole = (email: string, role: string | null) =>
  call(adminToken, `/api/users/${encodeURIComponent(email)}/role`, {
    method: 'PUT',
    body: JSON.stringify({ role }),
  });

beforeAll(async () => {
  adminToken = (await signIn(admin.email, admin.password)).accessToken;
});

describe('roles follow the directory', () => {
  it('takes admin rights away from a token issued before the demotion, at once', async () => {
    const demoted = await staffMember('admin');
    expect((await call(demoted.token, '/api/users')).status).toBe(200);

    expect((await setRole(demoted.email, 'evaluator')).status).toBe(204);
    expect(await groupsInPool(demoted.email)).toEqual(['evaluator']);

    // The same token, still carrying cognito:groups = [admin], minutes before it expires.
    const refused = await call(demoted.token, '/api/users');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // Evaluator work still goes through, and /me says what the directory says.
    expect((await call(demoted.token, '/api/activities')).status).toBe(200);
    const me = (await (await call(demoted.token, '/api/me')).json()) as { roles: string[] };
    expect(me.roles).toEqual(['evaluator']);
  });

  it('takes every role away with role null, and gives it back on promotion', async () => {
    const removed = await staffMember('evaluator');
    expect((await call(removed.token, '/api/activities')).status).toBe(200);

    expect((await setRole(removed.email, null)).status).toBe(204);
    expect(await groupsInPool(removed.email)).toEqual([]);
    expect((await call(removed.token, '/api/activities')).status).toBe(403);

    expect((await setRole(removed.email, 'admin')).status).toBe(204);
    expect(await groupsInPool(removed.email)).toEqual(['admin']);
    // A promotion also counts at once: the token says no group at all, the directory says admin.
    expect((await call(removed.token, '/api/users')).status).toBe(200);
  });

  it('lists the demoted user with the new role', async () => {
    const user = await staffMember('admin');
    await setRole(user.email, 'evaluator');
    const list = (await (await call(adminToken, '/api/users')).json()) as { email: string; role: string }[];
    expect(list.find((u) => u.email === user.email)?.role).toBe('evaluator');
  });
});
