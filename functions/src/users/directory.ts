import { randomInt } from 'node:crypto';
import type { UserType } from '@aws-sdk/client-cognito-identity-provider';
import { primaryRole } from '../../../shared/src/users/rules.js';
import type { Role, User } from '../../../shared/src/users/schema.js';
import { forgetDirectoryEntry } from '../lib/auth.js';
import { cognito } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { ProblemError } from '../lib/problem.js';

// The user directory is Cognito itself: users and roles (groups) are not copied into the table.

const pool = () => env().COGNITO_USER_POOL_ID;

function emailOf(u: UserType): string {
  return u.Attributes?.find((a) => a.Name === 'email')?.Value ?? u.Username ?? '';
}

async function groupsOf(username: string): Promise<string[]> {
  const out = await cognito('AdminListGroupsForUser', { UserPoolId: pool(), Username: username });
  return (out.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : []));
}

/** The e-mail of a user, by username or sub (access tokens carry no e-mail). */
export async function emailByUsername(username: string): Promise<string> {
  const out = await cognito('AdminGetUser', { UserPoolId: pool(), Username: username });
  return out.UserAttributes?.find((a) => a.Name === 'email')?.Value ?? username;
}

/** All users of the pool with their role (a few hundred at most: secretariat and evaluators). */
export async function listUsers(): Promise<User[]> {
  const users: UserType[] = [];
  let token: string | undefined;
  do {
    const page = await cognito('ListUsers', { UserPoolId: pool(), PaginationToken: token, Limit: 60 });
    users.push(...(page.Users ?? []));
    token = page.PaginationToken;
  } while (token);
  return Promise.all(
    users.map(async (u) => ({
      email: emailOf(u),
      role: primaryRole(await groupsOf(u.Username ?? '')),
      status: u.UserStatus ?? 'UNKNOWN',
      enabled: u.Enabled ?? true,
      createdAt: u.UserCreateDate ? new Date(u.UserCreateDate).toISOString() : null,
    })),
  ).then((list) => list.sort((a, b) => a.email.localeCompare(b.email)));
}

/** A temporary password meeting Cognito's default policy; the user must change it at first sign-in. */
export function temporaryPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#%+-=?@'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]);
  // Shuffle so the character classes are not in a fixed order.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** Creates a user with a temporary password and a role; Cognito's own message is suppressed. */
export async function createUser(email: string, role: Role): Promise<{ password: string }> {
  const password = temporaryPassword();
  try {
    await cognito('AdminCreateUser', {
      UserPoolId: pool(),
      Username: email,
      TemporaryPassword: password,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: email },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
  } catch (err) {
    if ((err as Error).name === 'UsernameExistsException') {
      throw new ProblemError(409, 'user-exists', `${email} already has an account.`);
    }
    throw err;
  }
  await cognito('AdminAddUserToGroup', { UserPoolId: pool(), Username: email, GroupName: role });
  return { password };
}

/**
 * Gives a user exactly one role, removing the other (or every role, for null). Cognito answers
 * AdminRemoveUserFromGroup with success even when nothing changed, so the groups are read back and
 * the change is refused with an error if the directory does not show it. Tokens issued before keep
 * their old `cognito:groups` until they expire; lib/auth.ts reads roles from the directory instead.
 */
export async function setRole(email: string, role: Role | null): Promise<void> {
  let username = email;
  try {
    const user = await cognito('AdminGetUser', { UserPoolId: pool(), Username: email });
    username = user.Username ?? email;
  } catch (err) {
    if ((err as Error).name === 'UserNotFoundException') {
      throw new ProblemError(404, 'user-not-found', `No user ${email}.`);
    }
    throw err;
  }
  if (role) {
    await cognito('AdminAddUserToGroup', { UserPoolId: pool(), Username: username, GroupName: role });
  }
  for (const other of (await groupsOf(username)).filter((g) => g !== role)) {
    await cognito('AdminRemoveUserFromGroup', { UserPoolId: pool(), Username: username, GroupName: other });
  }
  forgetDirectoryEntry(username, email);
  const now = await groupsOf(username);
  if (primaryRole(now) !== role || now.length > (role ? 1 : 0)) {
    throw new Error(
      `role change of ${username} not applied: the directory shows ${now.join(', ') || 'none'}`,
    );
  }
}

const NAME_TTL_MS = 10 * 60_000;
const names = new Map<string, { name: string; until: number }>();
const looksLikeId = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * How to show who did something: the user's e-mail, looked up in the directory (tokens carry only
 * an id), cached for 10 minutes. A name the directory does not know is shown as it is, unless it is
 * an id (a deleted user): then "a former user", never the id.
 */
export async function displayNames(usernames: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const now = Date.now();
  for (const u of new Set(usernames)) {
    const cached = names.get(u);
    if (cached && cached.until > now) {
      out.set(u, cached.name);
      continue;
    }
    const email = await emailByUsername(u).catch(() => null);
    const name = email && email !== u ? email : looksLikeId(u) ? 'a former user' : u;
    names.set(u, { name, until: now + NAME_TTL_MS });
    out.set(u, name);
  }
  return out;
}
