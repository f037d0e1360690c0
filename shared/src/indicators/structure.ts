import type { IndicatorDefinition } from './schema.js';

// Apart from the S.M.A.R.T. rules (./rules.ts), which read the survey templates: the results engine
// (shared/src/results/indicators.ts) checks this too and needs nothing else of the rules.

/** What no survey could ever make computable (the engine checks this itself, whatever the templates). */
export function structuralIssue(def: Pick<IndicatorDefinition, 'computation' | 'unit'>): string | null {
  const c = def.computation;
  if (!c) return null;
  switch (c.kind) {
    case 'normalised_gain':
      return c.measure === 'self_rated_knowledge'
        ? 'The normalised gain needs a test with a maximum score; self-ratings have none. Use the mean pre/post change or the share improved.'
        : null;
    case 'mean_prepost_change':
      return c.measure === 'self_rated_knowledge' && def.unit === 'percent'
        ? 'Self-ratings are points of a 1-5 scale, not a percent of a test maximum: use the unit "mean score".'
        : null;
    default:
      return null;
  }
}
