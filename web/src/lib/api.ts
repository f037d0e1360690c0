import { goto } from '$app/navigation';
import { accessToken, setSession } from './session.svelte';

/** An RFC 9457 problem answered by the API. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: (string | number)[]; code: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
  /** The 422 the API would answer, from a zod check of a request body run in the browser first. */
  static invalid(
    issues: readonly { path: readonly PropertyKey[]; code: string; message: string }[],
    detail: string,
  ): ApiError {
    return new ApiError({
      type: '/api/problems/invalid-input',
      title: 'Invalid input',
      status: 422,
      detail,
      errors: issues.map((i) => ({
        path: ['json', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
        code: i.code,
        message: i.message,
      })),
    });
  }
  /** The message for one field, by its path inside the body (`email`, `answers.q1`). */
  field(path: string): string | undefined {
    return this.problem.errors?.find((e) => e.path.slice(1).join('.') === path)?.message;
  }
}

async function send(path: string, init: RequestInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
  return fetch(`/api${path}`, { ...init, headers });
}

/**
 * Calls the API with the session's token. On 401 it refreshes the token once and retries;
 * when the session is over it sends the user to sign in again, back to where they were.
 */
export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await authorised(path, init);
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) throw problemOf(res, body);
  return body as T;
}

/** Like `api`, for binary answers (QR codes, exports): the body as a Blob. */
export async function apiBlob(path: string, init: RequestInit = {}): Promise<Blob> {
  const res = await authorised(path, init);
  if (!res.ok) throw problemOf(res, await res.json().catch(() => null));
  return res.blob();
}

function problemOf(res: Response, body: unknown): ApiError {
  return new ApiError(
    (body as Problem | null) ?? { type: 'about:blank', title: res.statusText, status: res.status },
  );
}

async function authorised(path: string, init: RequestInit): Promise<Response> {
  let res = await send(path, init, await accessToken());
  if (res.status === 401) {
    const token = await accessToken(true);
    if (token) res = await send(path, init, token);
    if (res.status === 401) {
      setSession(null);
      const next = location.pathname + location.search;
      await goto(`/signin?expired=1&next=${encodeURIComponent(next)}`);
    }
  }
  return res;
}

export const json = (body: unknown): RequestInit => ({ body: JSON.stringify(body) });
