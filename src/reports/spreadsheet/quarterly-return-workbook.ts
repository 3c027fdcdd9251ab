import type { QuarterlyReturnReport } from '../dto/report-responses.dto.js';

/**
 * The quarterly return as an XLSX workbook (ExcelJS; docs/reports.md says why that library):
 * one sheet of the return, the same columns and rows as its CSV, numbers as number cells so
 * an analyst can sum them, and a protected figure as the report gives it (a text marker) so
 * it is never mistaken for a count; a second sheet says what the figures are.
 */
export async function quarterlyReturnWorkbook(report: QuarterlyReturnReport): Promise<Buffer> {
  // Loaded on the first download, not at start: ExcelJS is the heaviest module the api
  // imports (about a third of a second), and most processes never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Victim journey service';
  // A fixed date: the same return gives the same file (asOf says when the figures are from).
  workbook.created = new Date(report.asOf);
  workbook.modified = new Date(report.asOf);
  const sheet = workbook.addWorksheet('Quarterly return', { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = report.columns.map((name) => ({ header: name, key: name, width: Math.max(12, Math.min(40, name.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of report.rows) {
    // Text that a spreadsheet would read as a formula is never written as one: cells are values.
    sheet.addRow(report.columns.map((name) => row[name] ?? null));
  }
  const notes = workbook.addWorksheet('About');
  notes.columns = [{ header: 'item', key: 'item', width: 24 }, { header: 'value', key: 'value', width: 90 }];
  notes.getRow(1).font = { bold: true };
  notes.addRows([
    ['layout', report.layout],
    ['as of', new Date(report.asOf).toISOString()],
    ['source', report.source],
    ['areas', report.filters.areaIds.length],
    ['protected figures', `${report.disclosure.notice} Table ${report.disclosure.tableVersion ?? 'none'}; definitions in docs/reports.md.`],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
