/**
 * Cells of every export (CSV, XLSX, chart data), guarded against formula injection (CWE-1236).
 *
 * A spreadsheet runs a text cell as a formula when it starts with `=`, `+`, `-` or `@` (and some
 * also after a leading tab, CR or LF). Two ways round a first-character check exist and both are
 * closed here:
 * - a cell whose text contains a separator (`ok;=1+1`, `a,=1`, `x\t=1`) is split into several
 *   cells by a spreadsheet that reads the file with another separator (a semicolon locale, a
 *   tab-separated paste), and the part after the separator starts a new cell. Every part after a
 *   `;`, `,`, tab, CR or LF that starts (after spaces or control characters) with a formula character gets the same
 *   apostrophe, and `toCsv` quotes every text cell as well;
 * - full-width forms (`＝`, `＋`, `－`, `＠`) that some spreadsheets normalise are treated alike.
 *
 * Numbers stay numbers: a JavaScript number is written as a plain numeral (`-3`, `0.5`), which
 * every spreadsheet reads as a number and never as a formula, so a negative number is NOT
 * prefixed, neither in XLSX (a numeric cell) nor in CSV (an unquoted numeral). Only text is
 * guarded: the text answer "-3" becomes `'-3`.
 */

/** What an export cell may hold before guarding. */
export type CellValue = string | number | boolean | Date | null | undefined;
/** A guarded cell: text that cannot run as a formula, or a finite number. */
export type SafeCell = string | number;

/**
 * A text a spreadsheet may run: a formula character, possibly after spaces or control characters
 * (some programs trim them), or a leading tab, CR or LF.
 */
const FORMULA_START = /^(?:[ \p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|[\t\r\n])/u;
/**
 * A formula character at the start of a part after a separator: a `;`, `,`, tab, CR or LF, then
 * optional spaces, then the formula character. The apostrophe goes after the separator.
 */
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

/** One guarded CSV field: numbers as plain numerals, every text quoted (RFC 4180). */
function csvField(value: CellValue): string {
  const cell = guardCell(value);
  if (typeof cell === 'number') return String(cell);
  return `"${cell.replaceAll('"', '""')}"`;
}

/** One CSV line (with its CRLF line end), every cell guarded and every text cell quoted. */
export function csvLine(cells: readonly CellValue[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

/**
 * A CSV document (RFC 4180: comma separated, CRLF line ends) from a header and rows, every cell
 * guarded and every text cell quoted, so that no separator inside a cell can split it. No
 * byte-order mark: the caller adds one where a spreadsheet needs it (a download).
 */
export function toCsv(header: readonly CellValue[], rows: Iterable<readonly CellValue[]>): string {
  let out = csvLine(header);
  for (const row of rows) out += csvLine(row);
  return out;
}

/** The byte-order mark that lets spreadsheet programs read a UTF-8 CSV (Arabic, Cyrillic) right. */
export const CSV_BOM = '\uFEFF';
