import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { guardCell } from '../exports/cells.js';
import { buildReport, reportPeriod } from './model.js';
import { buildReportWorkbook, REPORT_SHEETS } from './xlsx.js';

const FW = {
  id: 'fw',
  name: 'Plan',
  periodStart: '2019-01-01',
  periodEnd: '2024-12-31',
  priorityGoals: [{ number: 1, title: '=HYPERLINK("x")' }],
};

describe('report workbook', () => {
  it('has one sheet per part, numbers as numbers and every text guarded', async () => {
    const doc = buildReport({
      framework: FW,
      periodKey: '2023',
      period: reportPeriod(FW, '2023') as NonNullable<ReturnType<typeof reportPeriod>>,
      goals: [],
      definitions: [],
      inputs: [
        {
          activity: {
            id: 'a',
            title: 'A',
            startsAt: '2023-02-01T00:00:00Z',
            type: 'training',
            pillar: null,
            projectId: null,
            attendance: { participants: 40 },
          },
          surveys: [],
        },
      ],
      lessons: [],
      narratives: { '1': { text: '+1 narrative; -2', updatedAt: '', updatedBy: '' } },
      draftVersion: 1,
      generatedAt: '2026-11-30T00:00:00Z',
      asOf: '2026-11-30',
    });
    const buf = await buildReportWorkbook(doc, ExcelJS).xlsx.writeBuffer();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([...REPORT_SHEETS]);
    const goals = wb.getWorksheet('Goals and indicators');
    const row = goals?.getRow(2).values as unknown[];
    expect(row[2]).toBe(`'=HYPERLINK("x")`);
    expect(row.at(-1)).toBe("'+1 narrative; '-2");
    const acts = wb.getWorksheet('Activities');
    const participants = acts?.getRows(2, 20)?.find((r) => r.getCell(1).value === 'Participants');
    expect(participants?.getCell(2).value).toBe(40);
    expect(typeof participants?.getCell(2).value).toBe('number');
  });

  it('guards formula starts, also after separators, and keeps numbers', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1'])
      expect(String(guardCell(s)).startsWith("'")).toBe(true);
    expect(guardCell('ok;=1+1')).toBe("ok;'=1+1");
    expect(guardCell(-3)).toBe(-3);
  });
});
