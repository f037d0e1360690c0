import type { Tokens } from './cognito';

export type Role = 'admin' | 'evaluator';

export interface Session extends Tokens {
  email: string;
  roles: Role[];
}

const KEY = 'session';

function claims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

/** A session from fresh tokens: the e-mail from the ID token, the roles from the access token. */
export function sessionFrom(tokens: Tokens): Session {
  const id = claims(tokens.idToken);
  const access = claims(tokens.accessToken);
  const groups = Array.isArray(access['cognito:groups']) ? (access['cognito:groups'] as string[]) : [];
  return {
    ...tokens,
    email: String(id.email ?? ''),
    roles: groups.filter((g): g is Role => g === 'admin' || g === 'evaluator'),
  };
}

function load(): Session | null {
  if (typeof localStorage === 'undefined') return null;
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The signed-in user, shared by every page; persisted so a reload keeps the session. */
export const auth = $state<{ session: Session | null }>({ session: load() });

export function setSession(session: Session | null): void {
  auth.session = session;
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
}

export function hasRole(role: Role): boolean {
  const roles = auth.session?.roles ?? [];
  return roles.includes('admin') || roles.includes(role);
}

let refreshing: Promise<Session | null> | undefined;

/** A valid access token, refreshed when it expires within a minute; null when the session is over. */
export async function accessToken(force = false): Promise<string | null> {
  const s = auth.session;
  if (!s) return null;
  if (!force && s.expiresAt - Date.now() > 60_000) return s.accessToken;
  // Loaded on demand: the root layout imports this module, and the participant page must not
  // carry the Cognito client in its first load.
  refreshing ??= import('./cognito')
    .then(({ refresh }) => refresh(s.refreshToken))
    .then((t) => {
      const next = sessionFrom(t);
      setSession(next);
      return next;
    })
    .catch(() => {
      setSession(null);
      return null;
    })
    .finally(() => {
      refreshing = undefined;
    });
  return (await refreshing)?.accessToken ?? null;
}
