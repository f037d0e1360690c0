/** Sending a response to the public API, and what the page should do with each answer. */

export interface AnswerIssue {
  path: (string | number)[];
  code: string;
  message: string;
}

export type SendOutcome =
  /** 201 created or 200 identical resend: the server has it. */
  | { kind: 'sent' }
  /** No answer at all (offline, timeout, DNS...): keep it and retry. */
  | { kind: 'offline' }
  /** 429 or 5xx: keep it and retry after `after` ms (or the usual backoff). */
  | { kind: 'busy'; after?: number }
  /** 409: this response id already holds different answers. */
  | { kind: 'conflict' }
  /** 409: this personal link was already used to answer (another response). */
  | { kind: 'answered' }
  /** 410 closed, 404 unknown (deleted). */
  | { kind: 'closed' }
  | { kind: 'gone' }
  /** 422 with the answers at fault. */
  | { kind: 'invalid'; errors: AnswerIssue[] }
  /** 413 or any other 4xx. */
  | { kind: 'tooLarge' };

const TIMEOUT_MS = 30_000;

export async function send(code: string, body: unknown): Promise<SendOutcome> {
  let res: Response;
  try {
    res = await fetch(`/api/public/surveys/${encodeURIComponent(code)}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { kind: 'offline' };
  }
  if (res.status === 200 || res.status === 201) return { kind: 'sent' };
  if (res.status === 409) {
    // 409 also says "not open yet" (problem type survey-not-open): that one is not a conflict.
    const problem = (await res.json().catch(() => null)) as { type?: string } | null;
    if (problem?.type?.includes('invitation-answered')) return { kind: 'answered' };
    return problem?.type?.includes('not-open') ? { kind: 'busy' } : { kind: 'conflict' };
  }
  if (res.status === 410) return { kind: 'closed' };
  if (res.status === 404) return { kind: 'gone' };
  if (res.status === 422) {
    const problem = (await res.json().catch(() => null)) as { errors?: AnswerIssue[] } | null;
    return { kind: 'invalid', errors: problem?.errors ?? [] };
  }
  if (res.status === 429 || res.status >= 500) {
    const seconds = Number(res.headers.get('retry-after'));
    return { kind: 'busy', after: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined };
  }
  return { kind: 'tooLarge' };
}

/** Retry delays: 2 s, 4 s, 8 s ... capped at one minute, with a little jitter. */
export function backoff(attempt: number): number {
  const base = Math.min(60_000, 2000 * 2 ** Math.min(attempt, 5));
  return base * (0.8 + Math.random() * 0.4);
}
