import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Test-only: the source documents the default framework and the demo activities are copied from
// are kept in the repository under docs/sources/ (see its README for each file's origin).
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const sourcesDir = path.resolve(repoRoot, 'docs', 'sources');

/** Whitespace collapsed and markdown/HTML emphasis removed, so layout cannot fail a comparison. */
export function normalise(text: string): string {
  return text
    .replace(/\*\*|<\/?i>|<\/?u>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The normalised text of the source whose file name starts with `prefix`, e.g. "000_". */
export function readSeed(prefix: string): string {
  const file = readdirSync(sourcesDir).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`no source text starting with ${prefix} in ${sourcesDir}`);
  return normalise(readFileSync(path.join(sourcesDir, file), 'utf8'));
}
