/** The option id of "I don't know" in knowledge items (the built-in tests and the question bank). */
export const DONT_KNOW = 'dont_know';

/**
 * The order in which one respondent sees a knowledge item's options: shuffled per respondent so the
 * correct answer is not always in the same place (the built-in tests list it first), yet stable for
 * that respondent across reloads (the seed is the response id the device keeps). "I don't know"
 * stays last, where a participant who does not know looks for it. Pure, no I/O.
 * Example: `shuffledFor('3f1c…', 'k_regular_migration', [a, b, c, dont_know])` → `[c, a, b, dont_know]`.
 */
export function shuffledFor<T extends { id: string }>(
  seed: string,
  questionId: string,
  options: readonly T[],
): T[] {
  const shuffled = options
    .filter((o) => o.id !== DONT_KNOW)
    .map((o) => ({ o, key: fnv1a(`${seed}|${questionId}|${o.id}`) }))
    .sort((a, b) => a.key - b.key || (a.o.id < b.o.id ? -1 : 1))
    .map((x) => x.o);
  return [...shuffled, ...options.filter((o) => o.id === DONT_KNOW)];
}

/** 32-bit FNV-1a: small, fast, and spread enough to order a handful of options. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
