import { describe, expect, it } from 'vitest';
import {
  PAIRING_ALPHABET,
  pairingCheckCharacter,
  pairingCodeFromBytes,
  pairingCodeIssue,
} from './pairing-code.js';

describe('pairing codes with a check character (Luhn mod 32)', () => {
  it('makes codes of three groups of three that pass their own check', () => {
    for (let seed = 0; seed < 200; seed++) {
      const bytes = Array.from({ length: 8 }, (_, i) => (seed * 31 + i * 17) % 256);
      const code = pairingCodeFromBytes(bytes);
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3}$/);
      expect(pairingCodeIssue(code)).toBeNull();
      // Typed without hyphens, or with spaces, it is the same code.
      expect(pairingCodeIssue(code.replaceAll('-', ''))).toBeNull();
      expect(pairingCodeIssue(code.replaceAll('-', ' '))).toBeNull();
    }
  });

  it('catches every single mistyped character', () => {
    const code = pairingCodeFromBytes([1, 2, 3, 4, 5, 6, 7, 8]).replaceAll('-', '');
    for (let i = 0; i < code.length; i++)
      for (const ch of PAIRING_ALPHABET) {
        if (ch === code[i]) continue;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(pairingCodeIssue(typo)).toBe('check');
      }
  });

  it('catches swapped neighbours (all but the pairs the scheme cannot see)', () => {
    let caught = 0;
    let swaps = 0;
    for (let seed = 0; seed < 50; seed++) {
      const code = pairingCodeFromBytes(Array.from({ length: 8 }, (_, i) => seed * 13 + i * 7)).replaceAll(
        '-',
        '',
      );
      for (let i = 0; i + 1 < code.length; i++) {
        if (code[i] === code[i + 1]) continue;
        swaps++;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        if (pairingCodeIssue(swapped) === 'check') caught++;
      }
    }
    expect(caught / swaps).toBeGreaterThan(0.95);
  });

  it('refuses codes that are not this page’s shape, and keeps the earlier eight-character codes', () => {
    expect(pairingCodeIssue('XXXX')).toBe('format');
    expect(pairingCodeIssue('K7Q-F3M-ZP')).toBe('format');
    expect(pairingCodeIssue('K7Q-F3M-ZP0')).toBe('format'); // 0 is not in the alphabet
    expect(pairingCodeIssue('K7QF-3MZP')).toBeNull(); // made before the check character
    // Codes of other API clients (lower case or other characters) are theirs.
    expect(pairingCodeIssue('pair-p1')).toBeNull();
    expect(pairingCodeIssue('demo-erbil-3')).toBeNull();
  });

  it('computes the check character of a known body', () => {
    // Body 22222222 is all zeros in the alphabet: sum 0, check character the zero, '2'.
    expect(pairingCheckCharacter('22222222')).toBe('2');
    // Body 2222222 + '3' (value 1, doubled: 2): check value 32 − 2 = 30, 'Y'.
    expect(pairingCheckCharacter('22222223')).toBe('Y');
  });
});
