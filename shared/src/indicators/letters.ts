import type { SmartLetter } from './schema.js';

// The S.M.A.R.T. letters and their names, apart from the rules (./rules.ts), which read the survey
// templates: a page that only shows findings needs these and nothing else.

export const SMART_LETTERS: readonly SmartLetter[] = ['S', 'M', 'A', 'R', 'T'];

export const SMART_NAMES: Record<SmartLetter, string> = {
  S: 'Specific',
  M: 'Measurable',
  A: 'Achievable',
  R: 'Relevant',
  T: 'Time-bound',
};
