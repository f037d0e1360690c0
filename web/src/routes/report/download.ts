import type { ReportDocument } from '$shared/report/model';

/**
 * Builds the report's workbook in the browser and saves it. exceljs and the builder are loaded
 * only here, on click (a dynamic import): they are in no page's first load.
 */
export async function downloadWorkbook(doc: ReportDocument): Promise<string> {
  const [excel, { buildReportWorkbook }] = await Promise.all([
    import('exceljs'),
    import('$shared/report/xlsx'),
  ]);
  const ExcelJS = (excel as unknown as { default?: typeof excel }).default ?? excel;
  const buffer = await buildReportWorkbook(doc, ExcelJS).xlsx.writeBuffer();
  const name = `results-report-${doc.framework.id}-${doc.periodKey}${doc.status === 'issued' ? '-issued' : '-draft'}.xlsx`;
  const url = URL.createObjectURL(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
