/**
 * CSV exports built in the browser. Every cell is guarded against formula injection: a text
 * starting with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it.
 */

export type Cell = string | number | null | undefined;

/** `'=SUM(A1)` for `=SUM(A1)`; numbers and other texts unchanged; null and undefined as empty. */
export function safeCell(value: Cell): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return value < 0 ? `'${value}` : value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV document (RFC 4180, CRLF line ends) from a header and rows, every cell guarded. */
export async function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): Promise<string> {
  // Loaded on demand: the export is rare and papaparse is not needed for reading results.
  const { default: Papa } = await import('papaparse');
  return Papa.unparse(
    {
      fields: header.map((h) => String(safeCell(h))),
      data: rows.map((r) => r.map(safeCell)),
    },
    { newline: '\r\n', quotes: false },
  );
}

/** Offers a text as a file download. */
export function download(filename: string, content: string, type = 'text/csv;charset=utf-8'): void {
  // A byte-order mark lets spreadsheet programs read the UTF-8 (Arabic, Cyrillic) correctly.
  const blob = new Blob(['\uFEFF', content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
