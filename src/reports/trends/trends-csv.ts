import { toCsv } from '../report-csv.js';
import type { TrendCount, TrendsReport } from './report-trends.dto.js';

export const TRENDS_CSV_COLUMNS = [
  'as_of', 'section', 'period_from', 'period_to', 'label', 'level', 'rule_id', 'right', 'owner',
  'due', 'met', 'met_late', 'breached', 'open', 'on_time_percent', 'protected', 'target_percent',
  'previous_on_time_percent', 'last_year_on_time_percent', 'change_on_previous', 'change_on_last_year', 'direction',
] as const;

/** Numeric columns stay numeric: a protected count is left empty, with `protected` true on its line. */
function number(count: TrendCount): number | null {
  return typeof count === 'number' ? count : null;
}

function isProtected(...counts: TrendCount[]): boolean {
  return counts.some((count) => typeof count !== 'number');
}

/**
 * The trends as CSV, one shape: `section` `period` (each rule, then the total, with its
 * target, the previous period, last year, the change and direction), then `month` (the
 * rolling 12 months, of rollingRuleId or all rules, with the target).
 */
export function trendsCsv(report: TrendsReport): string {
  const asOf = report.asOf;
  const rows = [
    ...report.rows.map((row) => ({
      as_of: asOf,
      section: 'period',
      period_from: report.period.from,
      period_to: report.period.to,
      label: 'all',
      level: row.level,
      rule_id: row.ruleId,
      right: row.right,
      owner: row.owner,
      due: number(row.due),
      met: number(row.met),
      met_late: number(row.metLate),
      breached: number(row.breached),
      open: number(row.open),
      on_time_percent: row.onTimePercent,
      protected: isProtected(row.due, row.met, row.metLate, row.breached, row.open),
      target_percent: row.targetPercent,
      previous_on_time_percent: row.previousOnTimePercent,
      last_year_on_time_percent: row.lastYearOnTimePercent,
      change_on_previous: row.changeOnPrevious,
      change_on_last_year: row.changeOnLastYear,
      direction: row.direction,
    })),
    ...report.rolling.map((month) => ({
      as_of: asOf,
      section: 'month',
      period_from: month.from,
      period_to: month.to,
      label: month.label,
      level: report.rollingRuleId ? 'rule' : 'total',
      rule_id: report.rollingRuleId,
      due: number(month.due),
      met: number(month.met),
      met_late: number(month.metLate),
      breached: number(month.breached),
      open: number(month.open),
      on_time_percent: month.onTimePercent,
      protected: isProtected(month.due, month.met, month.metLate, month.breached, month.open),
      target_percent: month.targetPercent,
    })),
  ];
  return toCsv(TRENDS_CSV_COLUMNS, rows);
}
