/**
 * The report as an XLSX workbook, one sheet per part (goals and indicators, activities, learning,
 * lessons, methods), built with exceljs. Pure: the exceljs module is passed in, so the browser
 * loads it only when a user asks for the file (a dynamic import), and no server bundle carries it.
 * Numbers are numeric cells; every text cell goes through the formula-injection guard.
 */
import type ExcelJSModule from 'exceljs';
import type { Workbook, Worksheet } from 'exceljs';
import { type CellValue, guardCell } from '../exports/cells.js';
import type { ReportDocument, ReportFigure } from './model.js';

type ExcelJS = typeof ExcelJSModule;

/** Sheet names, in order (at most 31 characters each, as Excel requires). */
export const REPORT_SHEETS = [
  'Goals and indicators',
  'Activities',
  'Learning',
  'Lessons',
  'Methods',
] as const;

const STATUS: Record<string, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
  no_data: 'No data',
};

function addRows(ws: Worksheet, header: readonly string[], rows: readonly (readonly CellValue[])[]): void {
  const h = ws.addRow(header.map((x) => guardCell(x)));
  h.font = { bold: true };
  for (const r of rows) ws.addRow(r.map((x) => guardCell(x)));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.columns.forEach((c, i) => {
    const longest = Math.max(
      ...[header[i] ?? '', ...rows.map((r) => String(r[i] ?? ''))].map((s) => s.length),
    );
    c.width = Math.min(60, Math.max(8, longest + 2));
  });
}

const yearsOf = (doc: ReportDocument) => {
  const out: number[] = [];
  const last = Number(doc.period.to.slice(0, 4));
  for (let y = Number(doc.framework.periodStart.slice(0, 4)); y <= last; y++) out.push(y);
  return out;
};

const figureRow = (f: ReportFigure): CellValue[] => [
  f.label,
  f.value,
  f.display,
  f.unit,
  f.ci?.lower ?? null,
  f.ci?.upper ?? null,
  f.n,
  f.nOf,
  f.withheld ? 'yes' : 'no',
  f.reason,
];
const FIGURE_HEADER = [
  'Figure',
  'Value',
  'As shown',
  'Unit',
  'CI lower',
  'CI upper',
  'n',
  'n counts',
  'Withheld',
  'Note',
];

/** Builds the workbook of a report document. `buildReportWorkbook(doc, ExcelJS).xlsx.writeBuffer()` */
export function buildReportWorkbook(doc: ReportDocument, excel: ExcelJS): Workbook {
  const wb = new excel.Workbook();
  wb.creator = 'Results and learning tool';
  wb.created = new Date(doc.issuedAt ?? doc.generatedAt);
  const years = yearsOf(doc);

  const goals = wb.addWorksheet(REPORT_SHEETS[0]);
  addRows(
    goals,
    [
      'Goal',
      'Goal title',
      'Code',
      'Indicator',
      'Value',
      'As shown',
      'Unit',
      'CI lower',
      'CI upper',
      'n',
      'n counts',
      'Target',
      'Target period',
      'Baseline',
      'Progress (%)',
      'Status',
      'Definition version',
      ...years.map(String),
      'Goal narrative',
    ],
    doc.goals.flatMap((g) => {
      const narrative = g.narrative?.text ?? '';
      if (g.indicators.length === 0)
        return [
          [g.number, g.title, '', 'no active indicator', ...Array(13 + years.length).fill(null), narrative],
        ];
      return g.indicators.map((i, k) => [
        g.number,
        g.title,
        i.code,
        i.name,
        i.value,
        i.display,
        i.unit,
        i.ci?.lower ?? null,
        i.ci?.upper ?? null,
        i.n,
        i.nOf,
        i.target?.value ?? null,
        i.target?.label ?? null,
        i.baseline?.value ?? null,
        i.progress === null ? null : i.progress * 100,
        STATUS[i.status] ?? i.status,
        i.version,
        ...years.map((y) => {
          const t = i.trend.find((x) => x.year === y);
          return t && !t.withheld ? t.value : t?.withheld ? '< 5' : null;
        }),
        k === 0 ? narrative : '',
      ]);
    }),
  );

  const acts = wb.addWorksheet(REPORT_SHEETS[1]);
  addRows(acts, FIGURE_HEADER, [
    ...doc.activities.figures.map(figureRow),
    [
      'Mean countries per activity',
      doc.activities.meanCountries.value,
      doc.activities.meanCountries.display,
      'count',
      null,
      null,
      doc.activities.meanCountries.n,
      'activities with attendance figures',
      'no',
      null,
    ],
    ...doc.activities.byType.map((t) => [
      `Activities: ${t.type.replace(/_/g, ' ')}`,
      t.count,
      String(t.count),
      'count',
      null,
      null,
      t.count,
      'activities',
      'no',
      null,
    ]),
  ]);

  const learning = wb.addWorksheet(REPORT_SHEETS[2]);
  const b = doc.learning.behaviour;
  addRows(
    learning,
    [...FIGURE_HEADER, 'Method'],
    [
      ...doc.learning.figures.map((f) => [...figureRow(f), f.method]),
      [
        'Applied what they learned (follow-up)',
        b.value,
        b.display,
        'percent',
        b.ci?.lower ?? null,
        b.ci?.upper ?? null,
        b.n,
        'follow-up respondents',
        b.withheld ? 'yes' : 'no',
        b.fully === null ? null : `fully: ${b.fully.toFixed(1)} %`,
        b.method,
      ],
    ],
  );

  const lessons = wb.addWorksheet(REPORT_SHEETS[3]);
  addRows(
    lessons,
    [
      'Date',
      'Kind',
      'Title',
      'Text',
      'Priority goals',
      'Action points',
      'Activities',
      'Indicator evidence',
      'Quotes',
    ],
    doc.lessons.map((l) => [
      l.date,
      l.kind === 'practice' ? 'Promising practice' : 'Lesson learned',
      l.title,
      l.text,
      l.priorityGoals.join(', '),
      l.actionPointCodes.join(', '),
      l.activities.map((a) => a.title).join('; '),
      l.indicators
        .map((e) => `${e.code} ${e.periodLabel}: ${e.display} (n ${e.n ?? '—'}, v${e.version})`)
        .join('; '),
      l.quotes.map((q) => `“${q.text}”`).join(' | '),
    ]),
  );

  const methods = wb.addWorksheet(REPORT_SHEETS[4]);
  addRows(
    methods,
    ['Item', 'Version', 'Text'],
    [
      ['Framework', null, doc.framework.name],
      ['Period', null, doc.period.label],
      ['Status', null, doc.status === 'issued' ? `Issued ${doc.issuedAt} by ${doc.issuedBy}` : 'Draft'],
      ['Computed at', null, doc.generatedAt],
      ['Suppression rule', null, doc.methods.suppression],
      ['Pairing rule', null, doc.methods.pairing],
      ['Repeat attempts', null, doc.methods.attempts],
      ['Normalised gain', null, doc.methods.gain],
      ['Periods and versions', null, doc.methods.period],
      ['Progress and status', null, doc.methods.status],
      ...doc.methods.definitions.map((d) => [
        `${d.code} ${d.name}`,
        d.version,
        [
          d.definition,
          `Computation: ${d.computation}`,
          d.dataSource && `Source: ${d.dataSource}`,
          d.limitations && `Limitations: ${d.limitations}`,
        ]
          .filter(Boolean)
          .join(' · '),
      ]),
      ...doc.methods.figures.map((f) => [f.label, null, f.definition]),
    ],
  );
  for (const ws of [lessons, methods])
    ws.getColumn(ws.columnCount).alignment = { wrapText: true, vertical: 'top' };
  return wb;
}
