import { beforeAll, describe, expect, it } from 'vitest';
import { app, MAX_BODY_BYTES } from '../../functions/src/app.js';
import { handler } from '../../functions/src/handlers/api.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';

let adminToken = '';
beforeAll(async () => {
  adminToken = (await signIn(DEMO_USERS[0].email, DEMO_USERS[0].password)).accessToken;
});

const asAdmin = (path: string, init: RequestInit = {}) =>
  app.request(path, {
    ...init,
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json', ...init.headers },
  });

describe('errors are RFC 9457 problems, never 500 for bad input', () => {
  it('answers 400 problem+json for malformed JSON', async () => {
    const res = await asAdmin('/api/users', { method: 'POST', body: '{"email":' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: 400,
      type: '/api/problems/malformed-request',
      instance: '/api/users',
    });
    expect(body.requestId).toEqual(expect.any(String));
  });

  it('answers 422 with the offending field paths for invalid fields', async () => {
    const res = await asAdmin('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email: 'nope', role: 'owner' }),
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { path: string[] }[] };
    expect(body.errors.map((e) => e.path.join('.')).sort()).toEqual(['json.email', 'json.role']);
  });

  it('answers 413 for a body over the limit, without reading it as JSON', async () => {
    const big = JSON.stringify({ email: `${'a'.repeat(MAX_BODY_BYTES)}@example.org`, role: 'admin' });
    const res = await asAdmin('/api/users', { method: 'POST', body: big });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers 404 problem+json for an unknown path', async () => {
    const res = await app.request('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { type: string }).type).toBe('/api/problems/not-found');
  });

  it('echoes a caller-supplied request id', async () => {
    const res = await app.request('/api/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
  });
});

describe('OpenAPI', () => {
  it('serves an OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/users');
    expect(doc.components.schemas).toHaveProperty('Problem');
  });
});

describe('users', () => {
  it('invites a user: account with the role, and an e-mail in the local SES inbox', async () => {
    const email = `invitee-${Date.now()}@example.org`;
    const res = await asAdmin('/api/users', {
      method: 'POST',
      body: JSON.stringify({ email, role: 'evaluator' }),
    });
    expect(res.status).toBe(201);
    const list = (await (await asAdmin('/api/users')).json()) as {
      email: string;
      role: string;
      status: string;
    }[];
    expect(list.find((u) => u.email === email)).toMatchObject({
      role: 'evaluator',
      status: 'FORCE_CHANGE_PASSWORD',
    });
    const store = (await (await fetch(`${process.env.SES_ENDPOINT}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text: string } }[];
    };
    const mail = store.emails.find((m) => m.destination.to.includes(email));
    expect(mail?.body.text).toContain('temporary password');
    expect(mail?.body.text).toContain('/signin?email=');
  });

  it('refuses to invite the same e-mail twice with 409', async () => {
    const email = `twice-${Date.now()}@example.org`;
    const body = JSON.stringify({ email, role: 'evaluator' });
    expect((await asAdmin('/api/users', { method: 'POST', body })).status).toBe(201);
    const again = await asAdmin('/api/users', { method: 'POST', body });
    expect(again.status).toBe(409);
  });

  it('changes a role so the user holds exactly the new one', async () => {
    const email = `promote-${Date.now()}@example.org`;
    await asAdmin('/api/users', { method: 'POST', body: JSON.stringify({ email, role: 'evaluator' }) });
    const res = await asAdmin(`/api/users/${encodeURIComponent(email)}/role`, {
      method: 'PUT',
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(res.status).toBe(204);
    const list = (await (await asAdmin('/api/users')).json()) as { email: string; role: string }[];
    expect(list.find((u) => u.email === email)?.role).toBe('admin');
  });

  it('answers 404 when setting the role of an unknown user', async () => {
    const res = await asAdmin('/api/users/ghost%40example.org/role', {
      method: 'PUT',
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(res.status).toBe(404);
  });
});

describe('Lambda handler', () => {
  it('answers an HTTP API v2 event through the same app', async () => {
    const event = {
      version: '2.0',
      routeKey: 'ANY /api/{proxy+}',
      rawPath: '/api/health',
      rawQueryString: '',
      headers: { host: 'example.execute-api.eu-central-1.amazonaws.com', 'x-request-id': 'lambda-1' },
      requestContext: {
        accountId: '123456789012',
        apiId: 'example',
        domainName: 'example.execute-api.eu-central-1.amazonaws.com',
        domainPrefix: 'example',
        http: {
          method: 'GET',
          path: '/api/health',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'test',
        },
        requestId: 'req-1',
        routeKey: 'ANY /api/{proxy+}',
        stage: '$default',
        time: '26/Nov/2026:05:00:00 +0000',
        timeEpoch: Date.now(),
      },
      isBase64Encoded: false,
    };
    const result = (await handler(event as any, {} as any)) as {
      statusCode: number;
      body: string;
      headers: Record<string, string>;
    };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ status: 'ok' });
    expect(result.headers['x-request-id']).toBe('lambda-1');
  });
});

describe('audit trail', () => {
  it('lists recent changes newest first with who made them, by e-mail, for admins only', async () => {
    const { putActivity } = await import('../support/fixtures.js');
    const activityId = await putActivity();
    const attach = await asAdmin(`/api/activities/${activityId}/surveys`, {
      method: 'POST',
      body: JSON.stringify({
        templateId: 'post_event_feedback',
        kind: 'post_event',
        sendInvitationsAt: null,
      }),
    });
    const survey = (await attach.json()) as { id: string };
    const res = await asAdmin('/api/audit?entity=survey&limit=50');
    expect(res.status).toBe(200);
    const entries = (await res.json()) as {
      entityId: string;
      action: string;
      actorEmail: string;
      at: string;
    }[];
    const entry = entries.find((e) => e.entityId === survey.id);
    expect(entry).toMatchObject({ action: 'create', actorEmail: DEMO_USERS[0].email });
    const times = entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
