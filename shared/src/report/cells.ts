/**
 * The formula-injection guard of every export cell. TEMPORARY COPY of `guardCell` from
 * shared/src/exports/cells.ts (written by the exports work on its branch): identical function and
 * name; at merge this file is replaced by `export { guardCell } from '../exports/cells.js'`.
 */

/** What an export cell may hold before guarding. */
export type CellValue = string | number | boolean | Date | null | undefined;
/** A guarded cell: text that cannot run as a formula, or a finite number. */
export type SafeCell = string | number;

const FORMULA_START = /^(?:[ \p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/u;
const FORMULA_AFTER_SEPARATOR = /([;,\t\r\n])([ \p{Cc}]*?)(?=[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/gu;

/** Guards one text: an apostrophe before the text and before every part that could run. */
function guardText(text: string): string {
  const inner = text.replace(FORMULA_AFTER_SEPARATOR, "$1$2'");
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

/**
 * One cell of any export format, safe to write: `'=SUM(A1)` for `=SUM(A1)`, `ok;'=1+1` for
 * `ok;=1+1`; finite numbers unchanged (negative ones too); null, undefined and non-finite numbers
 * as empty text; booleans as `true`/`false`; dates as ISO 8601 text.
 */
export function guardCell(value: CellValue): SafeCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? value : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return guardText(value);
}
