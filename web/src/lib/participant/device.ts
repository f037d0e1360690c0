/**
 * What the participant page keeps on the device: the draft answers, the pending submission,
 * the pairing code and the chosen language. Every read tolerates a missing, full or disabled
 * localStorage (private mode): the survey then still works, it just forgets on reload.
 */
import { pairingCodeFromBytes } from '$shared/learning/pairing-code';

const PREFIX = 'rlt.participant.';

function read<T>(key: string): T | null {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: keep going in memory.
  }
}

/** A random UUID v4, also where `crypto.randomUUID` is missing (plain http on a LAN). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Answers in progress for one survey version. */
export interface Draft {
  responseId: string;
  startedAt: string;
  answers: Record<string, unknown>;
  /** -1 the welcome screen, else the position among the shown questions. */
  step: number;
}

const draftKey = (code: string, version: number) => `draft.${code}.v${version}`;

export const loadDraft = (code: string, version: number) => read<Draft>(draftKey(code, version));
export const saveDraft = (code: string, version: number, draft: Draft | null) =>
  write(draftKey(code, version), draft);

/** A submission sent but not yet confirmed by the server; resent as is (same responseId). */
export interface Pending {
  body: Record<string, unknown> & { responseId: string; surveyVersion: number };
}

export const loadPending = (code: string) => read<Pending>(`pending.${code}`);
export const savePending = (code: string, pending: Pending | null) => write(`pending.${code}`, pending);

/** The language the participant last chose, on any survey. */
export const loadLanguage = () => read<string>('lang');
export const saveLanguage = (lang: string) => write('lang', lang);

/**
 * A code easy to note by hand: `K7Q-F3M-ZP5` (40 random bits, no 0/O or 1/I, and a check character
 * that catches a mistyped one: shared/src/learning/pairing-code.ts).
 */
export function newPairingCode(): string {
  return pairingCodeFromBytes(crypto.getRandomValues(new Uint8Array(8)));
}

/**
 * The pairing code of this device for one activity (the pre-test and the post-test of the same
 * training share it), created on first use.
 */
export function pairingCodeFor(activityKey: string): string {
  const key = `pairing.${activityKey}`;
  const known = read<string>(key);
  if (known) return known;
  const code = newPairingCode();
  write(key, code);
  return code;
}

export const savePairingCode = (activityKey: string, code: string) => write(`pairing.${activityKey}`, code);

/**
 * The language to show: the one chosen before if offered, else the first the browser prefers
 * that is offered (exact tag, then its primary language; Afghan Persian `fa-AF` → Dari `prs`),
 * else the first offered.
 */
export function pickLanguage(
  offered: readonly string[],
  preferred: readonly string[],
  chosen?: string | null,
): string {
  if (chosen && offered.includes(chosen)) return chosen;
  for (const tag of preferred) {
    if (offered.includes(tag)) return tag;
    if (/^fa-AF$/i.test(tag) && offered.includes('prs')) return 'prs';
    const primary = tag.split('-')[0]?.toLowerCase() ?? '';
    if (offered.includes(primary)) return primary;
  }
  return offered[0] ?? 'en';
}

/**
 * Keeps the survey just loaded in the participant worker's cache (web/participant/sw.ts), so the
 * page reopens offline even on the first visit, when the worker was not yet in control while the
 * survey was fetched. Best effort: no Cache Storage (plain http, private mode) means no offline copy.
 */
export async function keepSurvey(code: string, body: unknown): Promise<void> {
  try {
    if (typeof caches === 'undefined') return;
    const cache = await caches.open('participant-surveys');
    await cache.put(
      `/api/public/surveys/${encodeURIComponent(code)}`,
      new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    );
  } catch {
    // Storage refused or full: the page still works online.
  }
}
