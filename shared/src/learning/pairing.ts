/**
 * Pre/post pairing of anonymous respondents. Pure.
 *
 * A respondent is linked across the pre-test and the post-test by a code, never by identity:
 * 1. the pairing code kept on the participant's device (`pairingCode`), when both responses came
 *    from the same device;
 * 2. otherwise a self-generated code (`selfGeneratedCode`), built from three questions a person
 *    answers the same way twice.
 * Pairing happens within one activity only: the same code in two activities is two people.
 */
import type { Answers } from '../responses/schema.js';

// ---------------------------------------------------------------------------
// Self-generated code

/** Question ids of the self-generated code questions (short text or number answers). */
export const SELF_CODE_QUESTIONS = {
  /** "First letter of your mother's first name" (short text). */
  motherInitial: 'code_mother_initial',
  /** "Day of the month you were born, 1 to 31" (number or short text). */
  birthDay: 'code_birth_day',
  /** "Last digit of your phone number" (number or short text; a whole number may be typed). */
  phoneDigit: 'code_phone_digit',
} as const;

/** Zero of each decimal digit block participants are likely to type in; each block is 0..9 in order. */
const DIGIT_ZEROS = [
  0x0660, // Arabic-Indic ٠..٩
  0x06f0, // Extended Arabic-Indic (Persian, Urdu) ۰..۹
  0x0966, // Devanagari
  0x09e6, // Bengali
  0xff10, // Fullwidth
];

/** Map every digit of the blocks above to its ASCII digit; other characters unchanged. */
export function asciiDigits(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((z) => cp >= z && cp <= z + 9);
    out += zero === undefined ? ch : String(cp - zero);
  }
  return out;
}

/**
 * Letters that differ only by keyboard: Arabic and Persian yeh and kaf, alef maksura, teh marbuta.
 * (Hamza and madda on alef are combining marks after NFKD and are removed with the diacritics.)
 */
const LETTER_FOLD: Readonly<Record<string, string>> = {
  '\u064A': '\u06CC', // ARABIC YEH → FARSI YEH
  '\u0649': '\u06CC', // ALEF MAKSURA → FARSI YEH
  '\u0643': '\u06A9', // ARABIC KAF → KEHEH
  '\u0629': '\u0647', // TEH MARBUTA → HEH
};

/**
 * A name's first letter, normalised: compatibility decomposition, diacritics removed, lower case,
 * keyboard variants folded. 'Élodie' → 'e', 'Ёлка' → 'е' (Cyrillic), 'إيمان' → 'ا', 'كريمة' → 'ک'.
 */
export function normaliseInitial(text: string): string | null {
  const folded = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  const letter = folded.match(/\p{L}/u)?.[0];
  return letter === undefined ? null : (LETTER_FOLD[letter] ?? letter);
}

/** The digits of an answer (number or text in any supported digit script), or null. */
function digitsOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const digits = asciiDigits(value.normalize('NFKC')).replace(/[^0-9]/g, '');
  return digits === '' ? null : digits;
}

/**
 * The self-generated pairing code, or null when any part is missing or invalid.
 *
 * Recipe (documented for participants in the survey's help texts):
 *   first letter of the mother's first name  → normalised as `normaliseInitial`
 *   + birth day, 1..31                        → two ASCII digits ('7', '07', '٠٧' → '07')
 *   + last digit of the phone number          → one ASCII digit ('0171 234 5679' → '9')
 * joined as `self:<letter><dd><d>`, e.g. Marie, born on the 7th, phone ending in 3 → `self:m073`.
 * The `self:` prefix keeps these codes apart from device pairing codes. Digits typed in Arabic,
 * Persian, Devanagari, Bengali or fullwidth forms become ASCII; Cyrillic text uses ASCII digits,
 * its letters are normalised like any other (ё → е).
 */
export function selfGeneratedCode(
  answers: Readonly<Answers> | Readonly<Record<string, unknown>>,
  ids: { motherInitial: string; birthDay: string; phoneDigit: string } = SELF_CODE_QUESTIONS,
): string | null {
  const get = (id: string): unknown => (Object.hasOwn(answers, id) ? answers[id] : undefined);
  const initialRaw = get(ids.motherInitial);
  const initial = typeof initialRaw === 'string' ? normaliseInitial(initialRaw) : null;
  const dayDigits = digitsOf(get(ids.birthDay));
  const phoneDigits = digitsOf(get(ids.phoneDigit));
  if (initial === null || dayDigits === null || phoneDigits === null) return null;
  const day = Number(dayDigits);
  if (!(day >= 1 && day <= 31)) return null;
  return `self:${initial}${String(day).padStart(2, '0')}${phoneDigits.at(-1)}`;
}

// ---------------------------------------------------------------------------
// Pairing

export interface PairableResponse {
  responseId: string;
  activityId: string;
  /** ISO 8601 with offset. */
  submittedAt: string;
  /** Code kept on the device, if any. */
  pairingCode?: string | null;
  /** `selfGeneratedCode(answers)`, if the survey asks the code questions. */
  selfCode?: string | null;
}

export interface Pair<T extends PairableResponse> {
  activityId: string;
  /** The code that linked them. */
  code: string;
  by: 'device' | 'self';
  pre: T;
  post: T;
}

export interface Duplicate<T extends PairableResponse> {
  phase: 'pre' | 'post';
  activityId: string;
  code: string;
  /** The dropped response. */
  response: T;
  /** The earlier response with the same code that was kept instead (the first attempt counts). */
  keptResponseId: string;
}

export interface PairingResult<T extends PairableResponse> {
  pairs: Pair<T>[];
  unmatchedPre: T[];
  unmatchedPost: T[];
  /** Earlier responses that reused a code in the same phase and activity, dropped. */
  duplicates: Duplicate<T>[];
  counts: {
    pre: number;
    post: number;
    pairs: number;
    unmatchedPre: number;
    unmatchedPost: number;
    duplicates: number;
    /** Distinct respondents per phase: responses minus duplicates. */
    distinctPre: number;
    distinctPost: number;
  };
  /**
   * pairs / max(distinctPre, distinctPost): the share of the larger phase's respondents that
   * could be followed from before to after. Null when neither phase has a response.
   */
  matchRate: number | null;
}

const time = (r: PairableResponse) => {
  const t = Date.parse(r.submittedAt);
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
};

/** Later first: submittedAt, then responseId, so the outcome never depends on input order. */
const laterFirst = (a: PairableResponse, b: PairableResponse) =>
  time(b) - time(a) || (a.responseId < b.responseId ? 1 : a.responseId > b.responseId ? -1 : 0);

const keyOf = (activityId: string, code: string) => JSON.stringify([activityId, code]);

/**
 * Keep the first attempt per (activity, code) in one phase (earliest submittedAt, then smallest
 * responseId); later attempts are duplicates. The first attempt counts: a repeated pre-test has
 * seen the questions, a repeated post-test has seen its own first score.
 * Responses without this kind of code pass through untouched in `rest`.
 */
function dedupe<T extends PairableResponse>(
  phase: 'pre' | 'post',
  responses: readonly T[],
  codeOf: (r: T) => string | null | undefined,
  duplicates: Duplicate<T>[],
): { byKey: Map<string, T>; rest: T[] } {
  const byKey = new Map<string, T>();
  const rest: T[] = [];
  for (const r of [...responses].sort((a, b) => laterFirst(b, a))) {
    const code = codeOf(r);
    if (!code) {
      rest.push(r);
      continue;
    }
    const key = keyOf(r.activityId, code);
    const kept = byKey.get(key);
    if (kept)
      duplicates.push({
        phase,
        activityId: r.activityId,
        code,
        response: r,
        keptResponseId: kept.responseId,
      });
    else byKey.set(key, r);
  }
  return { byKey, rest };
}

/**
 * Pair pre-test and post-test responses, within each activity:
 * 1. by device pairing code; a code used twice in one phase keeps the first attempt (by
 *    submittedAt) and reports the others as duplicates;
 * 2. the responses left unpaired are then paired by self-generated code, with the same duplicate rule.
 * Every input response ends up in exactly one of pairs, unmatchedPre, unmatchedPost or duplicates.
 * Order of the output: pairs by activity then code; unmatched by submittedAt (later first).
 */
export function pairResponses<T extends PairableResponse>(
  pre: readonly T[],
  post: readonly T[],
): PairingResult<T> {
  const duplicates: Duplicate<T>[] = [];
  const pairs: Pair<T>[] = [];

  const stage = (
    by: 'device' | 'self',
    preIn: readonly T[],
    postIn: readonly T[],
    codeOf: (r: T) => string | null | undefined,
  ): { preLeft: T[]; postLeft: T[] } => {
    const a = dedupe('pre', preIn, codeOf, duplicates);
    const b = dedupe('post', postIn, codeOf, duplicates);
    const preLeft = [...a.rest];
    for (const [key, p] of a.byKey) {
      const q = b.byKey.get(key);
      if (q) {
        pairs.push({ activityId: p.activityId, code: codeOf(p)!, by, pre: p, post: q });
        b.byKey.delete(key);
      } else preLeft.push(p);
    }
    return { preLeft, postLeft: [...b.rest, ...b.byKey.values()] };
  };

  const device = stage('device', pre, post, (r) => r.pairingCode);
  const self = stage('self', device.preLeft, device.postLeft, (r) => r.selfCode);

  pairs.sort((x, y) => {
    const [kx, ky] = [keyOf(x.activityId, x.code), keyOf(y.activityId, y.code)];
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  const unmatchedPre = self.preLeft.sort(laterFirst);
  const unmatchedPost = self.postLeft.sort(laterFirst);
  const dupPre = duplicates.filter((d) => d.phase === 'pre').length;
  const distinctPre = pre.length - dupPre;
  const distinctPost = post.length - (duplicates.length - dupPre);
  const denominator = Math.max(distinctPre, distinctPost);
  return {
    pairs,
    unmatchedPre,
    unmatchedPost,
    duplicates,
    counts: {
      pre: pre.length,
      post: post.length,
      pairs: pairs.length,
      unmatchedPre: unmatchedPre.length,
      unmatchedPost: unmatchedPost.length,
      duplicates: duplicates.length,
      distinctPre,
      distinctPost,
    },
    matchRate: denominator === 0 ? null : pairs.length / denominator,
  };
}
