import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only: the seeds sit beside the project root (../shared/seeds), not inside it.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const seedsDir = path.resolve(repoRoot, '..', 'shared', 'seeds');

/** Whitespace collapsed and markdown/HTML emphasis removed, so layout cannot fail a comparison. */
export function normalise(text: string): string {
  return text
    .replace(/\*\*|<\/?i>|<\/?u>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalised text of the seed whose file name starts with `prefix`, e.g. "000_". */
export function readSeed(prefix: string): string {
  const file = readdirSync(seedsDir).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no seed starting with ${prefix} in ${seedsDir}`);
  return normalise(readFileSync(path.join(seedsDir, file), 'utf8'));
}
