/**
 * Pairing codes made by the participant page: 8 random characters and a check character, shown as
 * `K7Q-F3M-ZP5`. The alphabet leaves out 0/O and 1/I, so a code noted by hand reads back one way.
 * The check character is Luhn mod N (N = 32, the alphabet's size): it catches every single
 * mistyped character and every swap of two neighbours but one pair per position class. Pure, tiny
 * (the participant page bundles it).
 */

export const PAIRING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = PAIRING_ALPHABET.length;

/** Upper case, without spaces or hyphens: `k7q f3m-zpw` → `K7QF3MZP5`. */
export const compactPairingCode = (code: string) => code.toUpperCase().replace(/[\s-]+/g, '');

/** The Luhn mod N sum of a string of alphabet characters (null if a character is not in it). */
function luhnSum(chars: string, doubleFirst: boolean): number | null {
  let factor = doubleFirst ? 2 : 1;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cp = PAIRING_ALPHABET.indexOf(chars[i] as string);
    if (cp < 0) return null;
    let addend = factor * cp;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return sum;
}

/** The check character of a code's 8 random characters. */
export function pairingCheckCharacter(body: string): string {
  const sum = luhnSum(body, true);
  if (sum === null) throw new Error('not a pairing code body');
  return PAIRING_ALPHABET[(N - (sum % N)) % N] as string;
}

/** A code as shown: `K7Q-F3M-ZP5`. */
export const formatPairingCode = (compact: string) =>
  `${compact.slice(0, 3)}-${compact.slice(3, 6)}-${compact.slice(6)}`;

/** A new code from 8 random bytes (40 bits) and its check character. */
export function pairingCodeFromBytes(bytes: ArrayLike<number>): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += PAIRING_ALPHABET[(bytes[i] ?? 0) % N];
  return formatPairingCode(body + pairingCheckCharacter(body));
}

/**
 * What is wrong with a pairing code typed in or sent, or null when it is fine. A code written in
 * capitals, digits, spaces and hyphens only is taken as one of this page's:
 * - `check`: nine characters of the alphabet whose check character does not match (a typo);
 * - `format`: anything else but the eight characters of the codes made before the check character
 *   (`K7QF-3MZP`, still accepted so that a pre-test answered then pairs with its post-test).
 * Other codes (lower case, other characters: made by other clients of the API) are taken as they are.
 */
export function pairingCodeIssue(code: string): 'format' | 'check' | null {
  const trimmed = code.trim();
  if (!/^[A-Z0-9\s-]+$/.test(trimmed)) return null;
  const compact = compactPairingCode(trimmed);
  if ([...compact].some((ch) => !PAIRING_ALPHABET.includes(ch))) return 'format';
  if (compact.length === 9) return (luhnSum(compact, false) as number) % N === 0 ? null : 'check';
  if (/^[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(trimmed)) return null;
  return 'format';
}
