import { fileURLToPath } from 'node:url';

/** Repository root, resolved from this file so synth works from any working directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export const fromRoot = (relative: string): string =>
  fileURLToPath(new URL(relative, new URL('../../', import.meta.url)));
