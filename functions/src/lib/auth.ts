import { createMiddleware } from 'hono/factory';
import { createRemoteJWKSet, customFetch, type JWTPayload, jwtVerify } from 'jose';
import { allows, isRole } from '../../../shared/src/users/rules.js';
import type { Access, Role } from '../../../shared/src/users/schema.js';
import { cognito } from './aws.js';
import { get } from './aws-http.js';
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
  // jose caches the keys and refetches on an unknown key id, so one set per process. Fetched over
  // node:http(s) as AWS is (lib/aws-http.ts), not `fetch`: a cold process's first `fetch` sets up
  // Node's second HTTP client, about 20 ms of a signed-in cold start (measured 2 December).
  jwks ??= createRemoteJWKSet(new URL(`${cognitoIssuer()}/.well-known/jwks.json`), {
    [customFetch]: async (url, { headers, signal }) => {
      const answer = await get(url, Object.fromEntries(headers), signal);
      return new Response(answer.text, { status: answer.status });
    },
  });
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
    roles: rolesOf(groups),
  };
}

const rolesOf = (groups: readonly unknown[]): Role[] => groups.filter(isRole);

interface DirectoryEntry {
  roles: Role[];
  enabled: boolean;
  /** Whether the account has an authenticator app (TOTP) as a second factor. */
  mfa: boolean;
  at: number;
}
const directory = new Map<string, DirectoryEntry>();
/** Users whose directory entry a process keeps; beyond this the cache starts over (staff are a few dozen). */
const MAX_CACHED_USERS = 1000;

/**
 * The roles the user pool gives a user now, not the ones the token was issued with: a token stays
 * valid for up to an hour after a demotion, a removal or a disabled account, and Cognito's sign-out
 * (AdminUserGlobalSignOut) revokes refresh tokens but not access tokens checked by signature, as this
 * API checks them. Cached for DIRECTORY_CACHE_SECONDS per process; a role change made through this
 * API clears the entry at once (`forgetDirectoryEntry`). Null when the user no longer exists.
 */
export async function directoryEntry(username: string, now = Date.now()): Promise<DirectoryEntry | null> {
  const cached = directory.get(username);
  if (cached && now - cached.at < env().DIRECTORY_CACHE_SECONDS * 1000) return cached;
  const pool = env().COGNITO_USER_POOL_ID;
  try {
    const [user, groups] = await Promise.all([
      cognito('AdminGetUser', { UserPoolId: pool, Username: username }),
      cognito('AdminListGroupsForUser', { UserPoolId: pool, Username: username }),
    ]);
    const entry: DirectoryEntry = {
      roles: rolesOf((groups.Groups ?? []).map((g) => g.GroupName)),
      enabled: user.Enabled ?? true,
      mfa: (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA'),
      at: now,
    };
    if (directory.size >= MAX_CACHED_USERS) directory.clear();
    directory.set(username, entry);
    return entry;
  } catch (err) {
    if ((err as Error).name === 'UserNotFoundException') {
      directory.delete(username);
      return null;
    }
    throw err;
  }
}

/** Drops the cached directory entry of these user names (a role change made by this process). */
export function forgetDirectoryEntry(...usernames: string[]): void {
  for (const name of usernames) directory.delete(name);
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
    const token = await verifyAccessToken(match[1]);
    // Authorisation follows the directory, not the groups frozen into the token.
    const current = await directoryEntry(token.username);
    if (!current?.enabled) {
      throw new ProblemError(
        401,
        'account-disabled',
        'This account no longer exists or is disabled.',
        undefined,
        {
          'www-authenticate': 'Bearer error="invalid_token"',
        },
      );
    }
    const principal: Principal = { ...token, roles: current.roles };
    if (!allows(access, principal.roles)) {
      throw new ProblemError(403, 'forbidden', `This needs the ${access} role.`);
    }
    if (access === 'admin' && env().ADMIN_MFA === 'required' && !current.mfa) {
      throw new ProblemError(
        403,
        'mfa-required',
        'Administrator work needs two-step sign-in: add an authenticator app on your account page (/account), then try again in a minute.',
      );
    }
    c.set('principal', principal);
    return next();
  });
}
