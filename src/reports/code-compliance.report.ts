import { RULE_IDS, VC_2020_1 } from '../../libs/victims-code/src/index.js';
import type { ComplianceFigures, CompliancePeriod } from './dto/report-responses.dto.js';
import { type DutyTotalsRow, statusCountsOf } from './facts/duty-facts.js';
import type { PeriodGroup } from './report-periods.js';
import { addStatusCounts, countStatusBlock, noStatusCounts, relateStatusBlocks, showStatusBlock, type StatusCounts } from './status-counts.js';
import { type CellProtection, FigureTable, type ShownFigures } from './disclosure/figure-table.js';

/** Counts of a rule, right or total in one period, with the lateness of its late duties. */
interface LateCounts extends StatusCounts {
  /** Working days late -> how many duties (met late, or breached so far). */
  late: Map<number, number>;
}

function noLateCounts(): LateCounts {
  return { ...noStatusCounts(), late: new Map() };
}

function addLateCounts(into: LateCounts, from: LateCounts): void {
  addStatusCounts(into, from);
  for (const [days, count] of from.late) into.late.set(days, (into.late.get(days) ?? 0) + count);
}

/** The value at rank ceil(q * n) of the late duties sorted by days late (nearest rank). */
export function nearestRank(late: ReadonlyMap<number, number>, q: number): number | null {
  const total = [...late.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const days of [...late.keys()].sort((a, b) => a - b)) {
    seen += late.get(days)!;
    if (seen >= rank) return days;
  }
  return null;
}

const RULES_BY_ID = new Map(VC_2020_1.map((rule) => [rule.id as string, rule]));

interface PeriodCounts {
  group: PeriodGroup;
  rules: Map<string, LateCounts>;
  rights: Map<number, LateCounts>;
  total: LateCounts;
}

/**
 * The Code compliance report: for each period, each rule, each right and overall, the
 * duties due and where they stand, every count protected; the relations declared (a rule's
 * row, a right and its rules, the total and its rights, the whole period and its months)
 * hold between the true counts.
 */
export function buildComplianceReport(
  rows: readonly DutyTotalsRow[],
  groups: readonly PeriodGroup[],
  whole: PeriodGroup,
  protection: CellProtection,
): { periods: CompliancePeriod[]; whole: CompliancePeriod } {
  const ruleOrder = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]));
  const rightOfRule = new Map<string, number>();
  for (const row of rows) rightOfRule.set(row.rule_id, row.code_right);
  const ruleIds = [...rightOfRule.keys()].sort((a, b) => (ruleOrder.get(a) ?? 99) - (ruleOrder.get(b) ?? 99) || a.localeCompare(b));
  const rights = [...new Set(ruleIds.map((id) => rightOfRule.get(id)!))].sort((a, b) => a - b);

  const countsOf = (group: PeriodGroup): PeriodCounts => {
    const counts: PeriodCounts = {
      group,
      rules: new Map(ruleIds.map((id) => [id, noLateCounts()])),
      rights: new Map(rights.map((right) => [right, noLateCounts()])),
      total: noLateCounts(),
    };
    for (const row of rows) {
      if (!group.months.includes(row.month)) continue;
      const rowCounts: LateCounts = {
        ...statusCountsOf(row),
        late: new Map(row.met_late + row.breached > 0 ? [[row.working_days_late, row.met_late + row.breached]] : []),
      };
      addLateCounts(counts.rules.get(row.rule_id)!, rowCounts);
      addLateCounts(counts.rights.get(row.code_right)!, rowCounts);
      addLateCounts(counts.total, rowCounts);
    }
    return counts;
  };
  const periods = groups.map(countsOf);
  const overall = countsOf(whole);

  const figures = new FigureTable();
  for (const period of [...periods, overall]) {
    const at = period === overall ? 'all' : period.group.label;
    for (const [ruleId, counts] of period.rules) countStatusBlock(figures, `${at}|rule:${ruleId}`, counts);
    for (const [right, counts] of period.rights) countStatusBlock(figures, `${at}|right:${right}`, counts);
    countStatusBlock(figures, `${at}|total`, period.total);
    for (const right of rights) {
      relateStatusBlocks(figures, `${at}|right:${right}`, ruleIds.filter((id) => rightOfRule.get(id) === right).map((id) => `${at}|rule:${id}`));
    }
    relateStatusBlocks(figures, `${at}|total`, rights.map((right) => `${at}|right:${right}`));
    relateStatusBlocks(figures, `${at}|total`, ruleIds.map((id) => `${at}|rule:${id}`));
  }
  const rowsOfPeriod = [...ruleIds.map((id) => `rule:${id}`), ...rights.map((right) => `right:${right}`), 'total'];
  for (const row of rowsOfPeriod) relateStatusBlocks(figures, `all|${row}`, periods.map((period) => `${period.group.label}|${row}`));

  const shown = figures.protect(protection);
  const render = (period: PeriodCounts): CompliancePeriod => {
    const at = period === overall ? 'all' : period.group.label;
    return {
      label: period.group.label,
      from: period.group.from,
      to: period.group.to,
      rules: ruleIds.map((ruleId) => {
        const rule = RULES_BY_ID.get(ruleId);
        return {
          ruleId,
          title: rule?.title ?? ruleId,
          right: rightOfRule.get(ruleId)!,
          owner: rule?.owner ?? 'unknown',
          ...showFigures(shown, `${at}|rule:${ruleId}`, period.rules.get(ruleId)!),
        };
      }),
      rights: rights.map((right) => ({ right, ...showFigures(shown, `${at}|right:${right}`, period.rights.get(right)!) })),
      total: showFigures(shown, `${at}|total`, period.total),
    };
  };
  return { periods: periods.map(render), whole: render(overall) };
}

function showFigures(shown: ShownFigures, prefix: string, counts: LateCounts): ComplianceFigures {
  const lateInputs = [`${prefix}|metLate`, `${prefix}|breached`];
  return {
    ...showStatusBlock(shown, prefix, counts),
    medianWorkingDaysLate: shown.overBase(lateInputs, () => nearestRank(counts.late, 0.5)),
    p90WorkingDaysLate: shown.overBase(lateInputs, () => nearestRank(counts.late, 0.9)),
  };
}
