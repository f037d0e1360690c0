import { createMiddleware } from 'hono/factory';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { allows } from '../../../shared/src/users/rules.js';
import { type Access, Role } from '../../../shared/src/users/schema.js';
import { cognitoIssuer, env } from './env.js';
import { ProblemError } from './problem.js';

/** Who made the request, as proven by a verified access token. */
export interface Principal {
  sub: string;
  username: string;
  roles: Role[];
}

let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

function keySet() {
  // jose caches the keys and refetches on an unknown key id, so one set per process.
  jwks ??= createRemoteJWKSet(new URL(`${cognitoIssuer()}/.well-known/jwks.json`));
  return jwks;
}

/**
 * Verifies a Cognito access token: RS256 signature against the pool's JWKS, issuer, expiry,
 * `token_use` and the app client it was issued to. Throws ProblemError(401) otherwise.
 */
export async function verifyAccessToken(token: string): Promise<Principal> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keySet(), {
      issuer: cognitoIssuer(),
      algorithms: ['RS256'],
      clockTolerance: 5,
    }));
  } catch (err) {
    const expired = err instanceof Error && 'code' in err && err.code === 'ERR_JWT_EXPIRED';
    throw new ProblemError(
      401,
      expired ? 'token-expired' : 'invalid-token',
      expired ? 'Your session has expired. Please sign in again.' : 'The access token is not valid.',
      undefined,
      { 'www-authenticate': `Bearer error="invalid_token"` },
    );
  }
  // Access tokens carry client_id (ID tokens carry aud); only our app client's tokens count.
  if (payload.token_use !== 'access' || payload.client_id !== env().COGNITO_CLIENT_ID) {
    throw new ProblemError(401, 'invalid-token', 'The token was not issued to this application.');
  }
  const groups = Array.isArray(payload['cognito:groups']) ? payload['cognito:groups'] : [];
  return {
    sub: String(payload.sub),
    username: String(payload.username ?? payload['cognito:username'] ?? payload.sub),
    roles: groups.flatMap((g) => {
      const r = Role.safeParse(g);
      return r.success ? [r.data] : [];
    }),
  };
}

export type AuthVariables = { principal: Principal | undefined; requestId: string };

/** Middleware that lets a request through only if its token grants `access`. */
export function requireAccess(access: Access) {
  return createMiddleware<{ Variables: AuthVariables }>(async (c, next) => {
    if (access === 'public') return next();
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new ProblemError(401, 'sign-in-required', 'Sign in to use this part of the API.', undefined, {
        'www-authenticate': 'Bearer',
      });
    }
    const principal = await verifyAccessToken(match[1]);
    if (!allows(access, principal.roles)) {
      throw new ProblemError(403, 'forbidden', `This needs the ${access} role.`);
    }
    c.set('principal', principal);
    return next();
  });
}
