/**
 * Honesty rules, pure: small-cell suppression, low-n warnings, and percents that say what they
 * are a percent of. Every view and export runs its breakdowns through these before rendering.
 */

import { protect } from '../disclosure/protect.js';

/** Cells with fewer respondents than this are suppressed. */
export const MIN_CELL_N = 5;

/** A breakdown cell before suppression: a key (e.g. 'female'), its respondents n, anything else. */
export interface CellInput {
  key: string;
  n: number;
}

/**
 * A suppressed cell carries its key and nothing else: n and every value are removed, not hidden,
 * so no view or export can leak them.
 * - `small`: n below the minimum;
 * - `complementary`: n at or above the minimum, suppressed so that a small cell cannot be
 *   recomputed as the breakdown total minus the cells shown.
 */
export interface SuppressedCell {
  key: string;
  suppressed: true;
  /** What to show instead of the figures, e.g. `'< 5'`. */
  display: string;
  reason: 'small' | 'complementary';
}

export type ShownCell<T extends CellInput> = T & { suppressed: false };
export type Cell<T extends CellInput> = ShownCell<T> | SuppressedCell;

/**
 * Suppress the cells of one breakdown (one dimension: the cells partition the published total),
 * by the disclosure-control layer (`shared/src/disclosure/protect.ts`, docs/disclosure.md):
 * 1. every cell of 1 to `minN − 1` people becomes `{ key, suppressed: true, display: '< minN' }`;
 * 2. complementary cells are withheld until no small cell, and no group of withheld cells of fewer
 *    than `minN` people, can be recomputed as the total minus the cells shown.
 * Cells of 0 people are shown as '< minN' too (as before: an empty cell says nothing worth a figure).
 * Cells keep their input order.
 */
export function suppressSmallCells<T extends CellInput>(cells: readonly T[], minN = MIN_CELL_N): Cell<T>[] {
  const total = cells.reduce((s, c) => s + c.n, 0);
  const ids = cells.map((c) => `c:${c.key}`);
  const withheld = protect(
    [
      { id: 'total', n: total, fixed: true, suppressed: false },
      // An empty cell is withheld like a small one (as before), and protected like one.
      ...cells.map((c, i) => ({
        id: ids[i] as string,
        n: c.n,
        ...(c.n === 0 ? { fixed: true, suppressed: true } : {}),
      })),
    ],
    [{ total: 'total', parts: ids }],
    minN,
  );
  const display = `< ${minN}`;
  return cells.map((c, i): Cell<T> => {
    const reason = c.n === 0 || !(c.n >= minN) ? 'small' : withheld.get(ids[i] as string);
    return reason ? { key: c.key, suppressed: true, display, reason } : { ...c, suppressed: false };
  });
}

export interface LowNWarning {
  n: number;
  minimumN: number;
  message: string;
}

/** A warning when a value rests on fewer respondents than the indicator's minimum; null otherwise. */
export function lowNWarning(n: number, minimumN: number): LowNWarning | null {
  if (n >= minimumN) return null;
  return {
    n,
    minimumN,
    message: `Based on ${n} ${n === 1 ? 'response' : 'responses'}, fewer than the ${minimumN} needed for a reliable value.`,
  };
}

export interface PercentOf {
  /** numerator / denominator × 100, unrounded; null when the denominator is 0. */
  value: number | null;
  numerator: number;
  denominator: number;
  /** What the denominator counts, e.g. 'paired respondents', 'respondents who answered'. */
  of: string;
}

/** A percent that always states its numerator, denominator and what it is a percent of. */
export function percentOf(numerator: number, denominator: number, label: string): PercentOf {
  if (!(numerator >= 0 && Number.isFinite(numerator) && denominator >= 0 && Number.isFinite(denominator)))
    throw new RangeError(`percent of non-negative finite counts only: ${numerator} / ${denominator}`);
  if (numerator > denominator) throw new RangeError(`part ${numerator} exceeds the whole ${denominator}`);
  return {
    value: denominator === 0 ? null : (numerator * 100) / denominator,
    numerator,
    denominator,
    of: label,
  };
}
