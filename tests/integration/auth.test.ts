import { createHmac, createPublicKey, type JsonWebKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { app, loadRouteGroups } from '../../functions/src/app.js';
import { routeAccess } from '../../functions/src/lib/route.js';
import { DEMO_USERS } from '../../functions/src/local/bootstrap.js';
import { signIn } from '../support/auth.js';
import { NO_ROLE_USER } from '../support/emulators.js';

// The route groups load on first use (lib/lazy-routes.ts): load them all to list every route.
await loadRouteGroups();

const [admin, evaluator] = DEMO_USERS;
const tokens: Record<'admin' | 'evaluator' | 'none', string> = { admin: '', evaluator: '', none: '' };

beforeAll(async () => {
  tokens.admin = (await signIn(admin.email, admin.password)).accessToken;
  tokens.evaluator = (await signIn(evaluator.email, evaluator.password)).accessToken;
  tokens.none = (await signIn(NO_ROLE_USER.email, NO_ROLE_USER.password)).accessToken;
});

/** A concrete URL for an OpenAPI path template: `/users/{email}/role` -> `/users/x%40example.org/role`. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'probe%40example.org');

function call(method: string, path: string, token?: string) {
  return app.request(concrete(path), {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
  });
}

describe('every route declares its access, and the access is enforced', () => {
  it('lists every route of the OpenAPI document in the access registry and vice versa', async () => {
    const doc = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const declared = routeAccess.map((r) => `${r.method} ${r.path}`);
    expect(new Set(declared)).toEqual(new Set(documented));
    expect(declared.length).toBeGreaterThan(3);
  });

  it('registers no Hono route outside the declared ones (besides the docs endpoints)', () => {
    const declared = new Set(routeAccess.map((r) => `${r.method} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const undeclared = app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !declared.has(r) && r !== 'GET /api/openapi.json' && r !== 'GET /api/docs');
    expect(undeclared).toEqual([]);
  });

  const protectedRoutes = routeAccess.filter((r) => r.access !== 'public');

  it.each(protectedRoutes)('$method $path answers 401 problem+json without a token', async (route) => {
    const res = await call(route.method, route.path);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each(protectedRoutes.filter((r) => r.access === 'admin' || r.access === 'evaluator'))(
    '$method $path answers 403 to a signed-in user without the $access role',
    async (route) => {
      const wrong = route.access === 'admin' ? tokens.evaluator : tokens.none;
      const res = await call(route.method, route.path, wrong);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    },
  );

  it.each(protectedRoutes)('$method $path lets the right role past the access check', async (route) => {
    const token = route.access === 'evaluator' ? tokens.evaluator : tokens.admin;
    const res = await call(route.method, route.path, token);
    expect([401, 403]).not.toContain(res.status);
  });
});

describe('token verification', () => {
  it('accepts a valid access token and tells who it is', async () => {
    const res = await call('GET', '/api/me', tokens.evaluator);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email: evaluator.email, roles: ['evaluator'] });
  });

  it('refuses a token signed with another key, even with the right claims', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = await exportJWK(publicKey);
    const real = JSON.parse(Buffer.from(tokens.admin.split('.')[0] as string, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(tokens.admin.split('.')[1] as string, 'base64url').toString());
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: real.kid ?? jwk.kid ?? 'k' })
      .sign(privateKey);
    const res = await call('GET', '/api/users', forged);
    expect(res.status).toBe(401);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [h, p, s] = tokens.evaluator.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    claims['cognito:groups'] = ['admin'];
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    expect((await call('GET', '/api/users', tampered)).status).toBe(401);
  });

  it('refuses an unsigned token (alg none) and one signed by HMAC with the public key (algorithm confusion)', async () => {
    const [h, p] = tokens.evaluator.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>;
    const encode = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    expect((await call('GET', '/api/me', `${encode({ ...header, alg: 'none' })}.${p}.`)).status).toBe(401);
    const { cognitoIssuer } = await import('../../functions/src/lib/env.js');
    const { keys } = (await (await fetch(`${cognitoIssuer()}/.well-known/jwks.json`)).json()) as {
      keys: JsonWebKey[];
    };
    const pem = createPublicKey({ key: keys[0] as JsonWebKey, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const input = `${encode({ ...header, alg: 'HS256' })}.${p}`;
    const mac = createHmac('sha256', pem).update(input).digest('base64url');
    expect((await call('GET', '/api/me', `${input}.${mac}`)).status).toBe(401);
    // The same request with the real token passes: the refusals above are the signature's.
    expect((await call('GET', '/api/me', tokens.evaluator)).status).toBe(200);
  });

  it('refuses a token from another user pool of the same Cognito', async () => {
    const { ensureUserPool, ensureUser } = await import('../../functions/src/local/bootstrap.js');
    const endpoint = process.env.COGNITO_ENDPOINT as string;
    const other = await ensureUserPool(endpoint, 'another-pool');
    await ensureUser(endpoint, other.userPoolId, {
      email: 'x@example.org',
      password: 'Other-pool-2026',
      role: 'admin',
    });
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: JSON.stringify({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: other.clientId,
        AuthParameters: { USERNAME: 'x@example.org', PASSWORD: 'Other-pool-2026' },
      }),
    });
    const token = ((await res.json()) as { AuthenticationResult: { AccessToken: string } })
      .AuthenticationResult.AccessToken;
    const answer = await call('GET', '/api/users', token);
    expect(answer.status).toBe(401);
  });

  it('refuses an ID token (wrong token use) from our own pool', async () => {
    const { idToken } = await signIn(admin.email, admin.password);
    expect((await call('GET', '/api/users', idToken)).status).toBe(401);
  });

  it('refuses an expired token, otherwise valid, saying the session expired', async () => {
    // cognito-local signs with a key shipped in its package: sign an expired token with it, so
    // the signature, issuer and client are right and only the expiry is wrong.
    const require = createRequire(import.meta.url);
    const { jwk } = require('cognito-local/lib/keys/cognitoLocal.private.json') as {
      jwk: JWK & { kid?: string };
    };
    const key = await importJWK(jwk, 'RS256');
    const claims = JSON.parse(Buffer.from(tokens.admin.split('.')[1] as string, 'base64url').toString());
    const header = JSON.parse(Buffer.from(tokens.admin.split('.')[0] as string, 'base64url').toString());
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader(header)
      .sign(key);
    const fresh = await new SignJWT({ ...claims, iat: now, exp: now + 600 })
      .setProtectedHeader(header)
      .sign(key);
    expect((await call('GET', '/api/me', fresh)).status).toBe(200);
    const res = await call('GET', '/api/me', expired);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { type: string }).type).toBe('/api/problems/token-expired');
  });
});
