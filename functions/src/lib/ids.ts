import { createHash, randomBytes } from 'node:crypto';

// Crockford's base32 without i, l, o, u: no look-alikes when a code is read aloud or typed.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Buffer, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[(bytes[i] ?? 0) & 31];
  return out;
}

/** A new id: 10 characters of time (so ids sort by creation) and 16 random ones (80 bits). */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  return time + base32(randomBytes(16), 16);
}

/** A survey's public code: 12 random base32 characters (60 bits), short enough for a link or QR code. */
export function newPublicCode(): string {
  return base32(randomBytes(12), 12);
}

/** A personal invitation token: 128 random bits; only its hash is stored (`hashToken`). */
export function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * What the table keeps of an invitation token: its SHA-256, base64url (43 characters). The token
 * has 128 random bits, so a plain hash (no salt, no stretching) cannot be reversed by guessing,
 * and it still finds the invitation in one index query.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * A fixed id derived from a name: 26 base32 characters of its SHA-256, so writing the same thing
 * twice (demo data, a re-imported attendee) addresses the same item. `stableId('demo:ohrid')`.
 */
export function stableId(name: string): string {
  return base32(createHash('sha256').update(name).digest(), 26);
}
