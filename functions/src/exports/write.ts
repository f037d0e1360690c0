/**
 * Streamed export files. Rows come from an async source a page at a time and leave as they are
 * written, so neither the function's memory nor its time grows with a whole file held at once:
 * CSV as text chunks, XLSX through exceljs' streaming `WorkbookWriter` (each row committed, i.e.
 * serialised and released, as soon as it is added).
 */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { CSV_BOM, csvLine, type SafeCell } from '../../../shared/src/exports/cells.js';

/** A sheet of an export: header rows (codes, labels…) and the rows, page by page. */
export interface SheetSource {
  name: string;
  header: SafeCell[][];
  rows: AsyncIterable<SafeCell[][]> | Iterable<SafeCell[][]>;
  /** Column widths in characters, when known. */
  widths?: number[];
}

/** The counts an export reports when done (for the log and the benchmark). */
export interface WriteStats {
  rows: number;
}

/**
 * A CSV file (UTF-8 with byte-order mark, RFC 4180, every text cell quoted and guarded) of one
 * sheet, as a byte stream. Rows already guarded (`SafeCell`) are written as they come.
 */
export function csvStream(sheet: SheetSource, stats: WriteStats = { rows: 0 }): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield encoder.encode(CSV_BOM + sheet.header.map((h) => csvLine(h)).join(''));
    for await (const page of sheet.rows) {
      let text = '';
      for (const row of page) text += csvLine(row);
      stats.rows += page.length;
      if (text) yield encoder.encode(text);
    }
  }
  return Readable.toWeb(Readable.from(chunks())) as ReadableStream<Uint8Array>;
}

/**
 * An XLSX workbook of several sheets, as a byte stream, written with exceljs' streaming writer: no
 * shared strings table (it would grow with the file), header rows bold and frozen. Numbers stay
 * numeric cells; text cells are already guarded. The sheets are written one after the other.
 */
export function xlsxStream(
  sheets: readonly SheetSource[],
  stats: WriteStats = { rows: 0 },
): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  workbook.creator = 'Results and learning tool';
  (async () => {
    for (const sheet of sheets) {
      const ws = workbook.addWorksheet(sheet.name.slice(0, 31), {
        views: [{ state: 'frozen', ySplit: sheet.header.length }],
      });
      if (sheet.widths) ws.columns = sheet.widths.map((width) => ({ width }));
      for (const h of sheet.header) {
        const row = ws.addRow(h);
        row.font = { bold: true };
        row.commit();
      }
      for await (const page of sheet.rows) {
        for (const cells of page) ws.addRow(cells).commit();
        stats.rows += page.length;
        // Let the zip stream drain before the next page: memory stays at about one page.
        if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
      }
      ws.commit();
    }
    await workbook.commit();
  })().catch((err: Error) => out.destroy(err));
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

/** Reads a whole byte stream (tests and the benchmark). */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}
