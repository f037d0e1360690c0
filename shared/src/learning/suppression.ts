/**
 * Honesty rules, pure: small-cell suppression, low-n warnings, and percents that say what they
 * are a percent of. Every view and export runs its breakdowns through these before rendering.
 */

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
 * Suppress the cells of one breakdown (one dimension: the cells partition the total).
 * 1. Every cell with n < minN becomes `{ key, suppressed: true, display: '< minN' }`.
 * 2. Complementary rule: if exactly one cell is suppressed and another is shown, the smallest shown
 *    cell (ties: first by key) is suppressed too, so the total minus the shown cells gives only the
 *    sum of two cells. (When the breakdown has a single cell, the total itself discloses it: the
 *    caller applies `lowNWarning`/suppression to the total.)
 * Cells keep their input order.
 */
export function suppressSmallCells<T extends CellInput>(cells: readonly T[], minN = MIN_CELL_N): Cell<T>[] {
  const small = new Set(cells.filter((c) => !(c.n >= minN)).map((c) => c.key));
  const complementary = new Set<string>();
  if (small.size === 1) {
    const next = cells
      .filter((c) => !small.has(c.key))
      .sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))[0];
    if (next) complementary.add(next.key);
  }
  const display = `< ${minN}`;
  return cells.map((c): Cell<T> => {
    if (small.has(c.key)) return { key: c.key, suppressed: true, display, reason: 'small' };
    if (complementary.has(c.key)) return { key: c.key, suppressed: true, display, reason: 'complementary' };
    return { ...c, suppressed: false };
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
