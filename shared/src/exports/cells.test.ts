import * as fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvLine, guardCell, toCsv } from './cells.js';

const RUNS = /^[ \p{Cc}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

/** Every part a spreadsheet could make of a cell by splitting it at any separator. */
const parts = (text: string): string[] => text.split(/[;,\t\r\n]/);

describe('guardCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(1)', "'@SUM(1)"],
    // A leading tab, CR or LF is itself a separator: the part after it is guarded as well.
    ['\t=1', "'\t'=1"],
    ['\r=1', "'\r'=1"],
    ['\n=1', "'\n'=1"],
    ['\tplain', "'\tplain"],
    ['＝1+1', "'＝1+1"],
    [' =1+1', "' =1+1"],
  ])('prefixes a text starting with a formula character: %j', (input, expected) => {
    expect(guardCell(input)).toBe(expected);
  });

  it.each([
    ['ok;=1+1', "ok;'=1+1"],
    ['a,=1', "a,'=1"],
    ['x\t=1', "x\t'=1"],
    ['a; +1', "a; '+1"],
    ['a\n@b', "a\n'@b"],
    ['a\r\n-2', "a\r\n'-2"],
    ['=1;=2,@3', "'=1;'=2,'@3"],
  ])('guards the part after a separator inside a cell: %j', (input, expected) => {
    expect(guardCell(input)).toBe(expected);
  });

  it('leaves ordinary texts alone', () => {
    for (const text of ['Good', 'well-known', 'e-mail: a@b.org', 'ok; fine', '1,5', 'ok-', 'سلام', ''])
      expect(guardCell(text)).toBe(text);
  });

  it('keeps numbers as numbers, negative ones included', () => {
    expect(guardCell(3)).toBe(3);
    expect(guardCell(-3)).toBe(-3);
    expect(guardCell(-0.25)).toBe(-0.25);
    expect(guardCell(0)).toBe(0);
  });

  it('writes empty, non-finite, boolean and date values as text', () => {
    expect(guardCell(null)).toBe('');
    expect(guardCell(undefined)).toBe('');
    expect(guardCell(Number.NaN)).toBe('');
    expect(guardCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(guardCell(true)).toBe('true');
    expect(guardCell(new Date('2024-05-01T00:00:00Z'))).toBe('2024-05-01T00:00:00.000Z');
  });

  it('never leaves a part that could run, whatever the text and wherever it is split', () => {
    const alphabet = fc.constantFrom(
      '=',
      '+',
      '-',
      '@',
      '\t',
      '\r',
      '\n',
      ';',
      ',',
      ' ',
      'a',
      '1',
      '"',
      "'",
      '＝',
    );
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 30 }), (text) => {
        const guarded = guardCell(text) as string;
        expect(guarded).not.toMatch(RUNS);
        expect(guarded).not.toMatch(/^[\t\r\n]/);
        for (const part of parts(guarded).slice(1)) expect(part).not.toMatch(RUNS);
        // Only apostrophes are added: removing them gives the text back.
        expect(guarded.replaceAll("'", '')).toBe(text.replaceAll("'", ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('toCsv', () => {
  it('quotes every text cell, leaves numbers bare, ends lines with CRLF', () => {
    const csv = toCsv(
      ['id', 'answer', 'score'],
      [
        ['r1', 'ok;=1+1', -2],
        ['r2', 'say "hi"', 3.5],
      ],
    );
    expect(csv).toBe('"id","answer","score"\r\n"r1","ok;\'=1+1",-2\r\n"r2","say ""hi""",3.5\r\n');
  });

  it('reads back to the guarded cells with a CSV parser', () => {
    const rows = [
      ['=cmd|/c calc!A0', 'a,=1', 'x\t=1'],
      ['line\nbreak', '@x', '-1'],
    ];
    const parsed = Papa.parse<string[]>(toCsv(['a', 'b', 'c'], rows), { skipEmptyLines: true }).data;
    expect(parsed).toEqual([['a', 'b', 'c'], ...rows.map((r) => r.map((c) => guardCell(c)))]);
    expect(parsed).toHaveLength(3);
  });

  it('guards the header too', () => {
    expect(csvLine(['=evil', 2])).toBe('"\'=evil",2\r\n');
  });
});
