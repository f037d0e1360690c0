/**
 * CSV exports built in the browser. Every cell goes through the shared guard against formula
 * injection (`$shared/exports/cells`): a text starting with =, +, -, @, a tab, CR or LF gets a
 * leading apostrophe, so does every part after a `;`, `,`, tab or line break inside a cell
 * (`ok;=1+1` would otherwise run in a semicolon-locale spreadsheet), and every text cell is quoted.
 * Numbers stay numbers.
 */
import { type CellValue, CSV_BOM, guardCell, toCsv as sharedToCsv } from '$shared/exports/cells';

export type Cell = CellValue;

/** `'=SUM(A1)` for `=SUM(A1)`; numbers unchanged; null and undefined as empty. */
export const safeCell = guardCell;

/** A CSV document (RFC 4180, CRLF line ends) from a header and rows, every cell guarded. */
export async function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): Promise<string> {
  return sharedToCsv(header, rows);
}

/** Offers a text or binary content as a file download. */
export function download(filename: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark lets spreadsheet programs read the UTF-8 (Arabic, Cyrillic) correctly.
  const blob =
    typeof content === 'string'
      ? new Blob([type.startsWith('text/csv') ? CSV_BOM : '', content], { type })
      : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
