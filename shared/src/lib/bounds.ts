/**
 * Bounds every request field stays within, so that whatever validation accepts, storage holds:
 * the DynamoDB marshaller refuses numbers beyond ±(2^53 − 1), and a string that becomes part of an
 * index key must stay under 1,024 bytes (a sort key; 3 bytes per UTF-16 unit in the worst case).
 */
export const MAX_NUMBER = Number.MAX_SAFE_INTEGER;
/** Longest free text in a form field (a description, a question, a comment). */
export const MAX_TEXT = 5000;
/** Longest string that goes into an index key: 1,024 bytes / 3 bytes per unit, with room for a prefix. */
export const MAX_KEY_TEXT = 300;
/** Longest short name or label (titles, names, organisations). */
export const MAX_NAME = 300;

/**
 * Whether storage can hold a number: within ±(2^53 − 1) (the marshaller refuses more), and zero or
 * at least 1e-100 in magnitude (DynamoDB refuses magnitudes under 1e-130). No zod here: the
 * participant page checks answers with it too.
 */
export const storableNumber = (n: number): boolean =>
  Number.isFinite(n) && Math.abs(n) <= MAX_NUMBER && (n === 0 || Math.abs(n) >= 1e-100);

/** The message for a number `storableNumber` refuses. */
export const UNSTORABLE_NUMBER = 'too large, or too close to zero, to store; enter 0 or another number';
