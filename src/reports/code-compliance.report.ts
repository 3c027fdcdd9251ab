import { RULE_IDS, VC_2020_1 } from '../../libs/victims-code/src/index.js';
import type { ComplianceFigures, ComplianceOrganisationRow, CompliancePeriod } from './dto/report-responses.dto.js';
import { type DutyLateRow, type DutyOwnerTotalsRow, type DutyTotalsRow, statusCountsOf } from './facts/duty-facts.js';
import { NOT_NAMED, type OwingOrganisation, type OwingOrganisations } from './owing-organisations.js';
import type { PeriodGroup } from './report-periods.js';
import { addStatusCounts, countStatusBlock, noStatusCounts, relateStatusBlocks, showStatusBlock, type StatusCounts } from './status-counts.js';
import { type CellProtection, FigureTable, type ShownFigures } from './disclosure/figure-table.js';

/** Counts of a rule, right or total in one period, with the lateness of its late duties. */
interface LateCounts extends StatusCounts {
  /** Working days late -> how many duties (met late, or breached so far). */
  late: Map<number, number>;
}

function noLateCounts(): LateCounts {
  return { met: 0, metLate: 0, breached: 0, open: 0, withdrawn: 0, late: new Map() };
}

function addLate(late: Map<number, number>, days: number, count: number): void {
  late.set(days, (late.get(days) ?? 0) + count);
}

function addLateCounts(into: LateCounts, from: LateCounts, lateDays: boolean): void {
  addStatusCounts(into, from);
  if (!lateDays) return;
  for (const [days, count] of from.late) addLate(into.late, days, count);
}

/** Days late and their counts packed in one number each (days * 2^32 + count, exact in a double), sorted by days. */
const PACK = 2 ** 32;
let packed = new Float64Array(512);

/** For each of `qs` (ascending), the value at rank ceil(q * n) of the late duties sorted by days late (nearest rank). */
export function nearestRanks(late: ReadonlyMap<number, number>, qs: readonly number[]): Array<number | null> {
  let total = 0;
  for (const count of late.values()) total += count;
  if (total === 0) return qs.map(() => null);
  // One typed array, reused and sorted natively (no comparator call, no look-up of each day's count while walking).
  if (packed.length < late.size) packed = new Float64Array(late.size * 2);
  let filled = 0;
  for (const [days, count] of late) packed[filled++] = days * PACK + count;
  const sorted = packed.subarray(0, filled).sort();
  const found: Array<number | null> = [];
  let seen = 0;
  let at = 0;
  for (const q of qs) {
    const rank = Math.max(1, Math.ceil(q * total));
    while (at < filled && seen + (sorted[at] % PACK) < rank) seen += sorted[at++] % PACK;
    found.push(at < filled ? Math.floor(sorted[at] / PACK) : null);
  }
  return found;
}

const RULES_BY_ID = new Map(VC_2020_1.map((rule) => [rule.id as string, rule]));

interface PeriodCounts {
  group: PeriodGroup;
  rules: Map<string, LateCounts>;
  rights: Map<number, LateCounts>;
  total: LateCounts;
  organisations: Map<string, OrganisationCounts>;
}

/** The cell name of the duties no directory entry names. */
const UNNAMED = 'unnamed';

/** One owing organisation's duties in a period, and (for the whole period) by rule and owner kind. */
interface OrganisationCounts {
  counts: StatusCounts;
  rules: Map<string, StatusCounts>;
}

/** A row of duties' statuses, with their key sums, by area (null: summed over the areas), month, rule and owner kind. */
export type ComplianceDutyRow = Omit<DutyOwnerTotalsRow, 'area_id'> & { area_id: string | null };

/** What the compliance report is built from. */
export interface ComplianceFacts {
  /** Where the duties stand, by area, month, rule and owner kind (dutyOwnerTotalsQuery). */
  duties: readonly ComplianceDutyRow[];
  /** The late duties among them, by month, rule and working days late (dutyLateDaysQuery). */
  late: readonly DutyLateRow[];
}

/** Compliance facts from fact rows that carry their days late (the attack harness's and specs' synthetic rows). */
export function complianceFactsOf(rows: readonly DutyTotalsRow[]): ComplianceFacts {
  return {
    duties: rows,
    late: rows
      .filter((row) => row.met_late + row.breached > 0)
      .map((row) => ({ month: row.month, rule_id: row.rule_id, code_right: row.code_right, working_days_late: row.working_days_late, late: row.met_late + row.breached })),
  };
}

/** A rule of an organisation's breakdown: the rule and the owner kind its duties were owed as (a complaint's vary). */
function ruleOwnerKey(ruleId: string, owner: string): string {
  return `${ruleId}@${owner}`;
}

/**
 * The Code compliance report: for each period, each rule, each right and overall, the
 * duties due and where they stand, every count protected; the relations declared (a rule's
 * row, a right and its rules, the total and its rights, the whole period and its months)
 * hold between the true counts.
 */
export function buildComplianceReport(
  facts: ComplianceFacts,
  groups: readonly PeriodGroup[],
  whole: PeriodGroup,
  protection: CellProtection,
  directory?: OwingOrganisations,
): { periods: CompliancePeriod[]; whole: CompliancePeriod } {
  const ruleOrder = new Map<string, number>(RULE_IDS.map((id, index) => [id, index]));
  const rightOfRule = new Map<string, number>();
  for (const row of facts.duties) rightOfRule.set(row.rule_id, row.code_right);
  for (const row of facts.late) rightOfRule.set(row.rule_id, row.code_right);
  const ruleIds = [...rightOfRule.keys()].sort((a, b) => (ruleOrder.get(a) ?? 99) - (ruleOrder.get(b) ?? 99) || a.localeCompare(b));
  const rights = [...new Set(ruleIds.map((id) => rightOfRule.get(id)!))].sort((a, b) => a - b);

  // The breakdown by owing organisation, when the directory is given: each (area, owner)
  // resolved once; the organisations with duties, by name, then the unnamed.
  const owingOf = new Map<string, OwingOrganisation | null>();
  const ownerRows = (directory ? facts.duties : []).map((row) => {
    const pair = `${row.area_id}|${row.owner}`;
    if (!owingOf.has(pair)) owingOf.set(pair, directory!.of(row.area_id, row.owner));
    return { row, organisation: owingOf.get(pair)! };
  });
  const organisations = new Map<string, { organisation: OwingOrganisation | null; owners: Set<string> }>();
  for (const { row, organisation } of ownerRows) {
    const key = organisation?.id ?? UNNAMED;
    if (!organisations.has(key)) organisations.set(key, { organisation, owners: new Set() });
    organisations.get(key)!.owners.add(row.owner);
  }
  if (directory && !organisations.has(UNNAMED)) organisations.set(UNNAMED, { organisation: null, owners: new Set() });
  const organisationKeys = [...organisations.keys()].sort((a, b) => {
    const [first, second] = [organisations.get(a)!.organisation, organisations.get(b)!.organisation];
    if (!first || !second) return first ? -1 : second ? 1 : 0;
    return first.name.localeCompare(second.name) || first.id.localeCompare(second.id);
  });

  // Cell names, internal to this build (the figures never show them): short, so each of the
  // tens of thousands of cells of a national report is hashed over a few characters rather
  // than over an organisation's id and a rule's. Made from the rows alone, so both passes of
  // protectedBuild name every cell alike.
  const ruleCell = new Map(ruleIds.map((id, index) => [id, `r${index}`]));
  const organisationCell = new Map(organisationKeys.map((key, index) => [key, `o${index}`]));
  const ruleOwnerCell = new Map([...new Set(ownerRows.map(({ row }) => ruleOwnerKey(row.rule_id, row.owner)))].sort().map((key, index) => [key, `k${index}`]));
  const ruleOf = (id: string) => ruleCell.get(id)!;
  const organisationOf = (key: string) => organisationCell.get(key)!;
  const ruleOwnerOf = (rule: string) => ruleOwnerCell.get(rule)!;

  const noCounts = (group: PeriodGroup): PeriodCounts => ({
    group,
    rules: new Map(ruleIds.map((id) => [id, noLateCounts()])),
    rights: new Map(rights.map((right) => [right, noLateCounts()])),
    total: noLateCounts(),
    organisations: new Map(organisationKeys.map((key) => [key, { counts: noStatusCounts(), rules: new Map() }])),
  });
  // Each fact row is counted once, into its month; a period is the sum of its months.
  const byMonth = new Map<string, PeriodCounts>();
  const monthOf = (month: string): PeriodCounts => {
    let counts = byMonth.get(month);
    if (!counts) byMonth.set(month, (counts = noCounts(whole)));
    return counts;
  };
  for (const row of facts.duties) {
    const into = monthOf(row.month);
    const status = statusCountsOf(row);
    addStatusCounts(into.rules.get(row.rule_id)!, status);
    addStatusCounts(into.rights.get(row.code_right)!, status);
    addStatusCounts(into.total, status);
  }
  // Days late are never a cell: the key pass (which only records cells' keys) leaves them out.
  const lateDays = !protection.isRecording;
  for (const row of lateDays ? facts.late : []) {
    const into = monthOf(row.month);
    addLate(into.rules.get(row.rule_id)!.late, row.working_days_late, row.late);
    addLate(into.rights.get(row.code_right)!.late, row.working_days_late, row.late);
    addLate(into.total.late, row.working_days_late, row.late);
  }
  const addOrganisationCounts = (into: OrganisationCounts, rule: string, counts: StatusCounts) => {
    addStatusCounts(into.counts, counts);
    let ruleCounts = into.rules.get(rule);
    if (!ruleCounts) into.rules.set(rule, (ruleCounts = noStatusCounts()));
    addStatusCounts(ruleCounts, counts);
  };
  for (const { row, organisation } of ownerRows) {
    addOrganisationCounts(monthOf(row.month).organisations.get(organisation?.id ?? UNNAMED)!, ruleOwnerKey(row.rule_id, row.owner), statusCountsOf(row));
  }
  const countsOf = (group: PeriodGroup): PeriodCounts => {
    // A group of one month is that month's counts (read from here on, never added to).
    if (group.months.length === 1) {
      const ofMonth = byMonth.get(group.months[0]);
      if (ofMonth) return { ...ofMonth, group };
    }
    const counts = noCounts(group);
    for (const month of group.months) {
      const ofMonth = byMonth.get(month);
      if (!ofMonth) continue;
      for (const [id, ruleCounts] of ofMonth.rules) addLateCounts(counts.rules.get(id)!, ruleCounts, lateDays);
      for (const [right, rightCounts] of ofMonth.rights) addLateCounts(counts.rights.get(right)!, rightCounts, lateDays);
      addLateCounts(counts.total, ofMonth.total, lateDays);
      // An organisation's counts are the sum of its rules' (each owner row is added to both), so adding rule by rule adds both.
      for (const [key, organisation] of ofMonth.organisations) {
        for (const [rule, ruleCounts] of organisation.rules) addOrganisationCounts(counts.organisations.get(key)!, rule, ruleCounts);
      }
    }
    return counts;
  };
  const periods = groups.map(countsOf);
  const overall = countsOf(whole);

  const figures = new FigureTable();
  for (const period of [...periods, overall]) {
    const at = period === overall ? 'all' : period.group.label;
    for (const [ruleId, counts] of period.rules) countStatusBlock(figures, `${at}|${ruleOf(ruleId)}`, counts);
    for (const [right, counts] of period.rights) countStatusBlock(figures, `${at}|g${right}`, counts);
    countStatusBlock(figures, `${at}|total`, period.total);
    for (const right of rights) {
      relateStatusBlocks(figures, `${at}|g${right}`, ruleIds.filter((id) => rightOfRule.get(id) === right).map((id) => `${at}|${ruleOf(id)}`));
    }
    relateStatusBlocks(figures, `${at}|total`, rights.map((right) => `${at}|g${right}`));
    relateStatusBlocks(figures, `${at}|total`, ruleIds.map((id) => `${at}|${ruleOf(id)}`));
    // By owing organisation: every duty in exactly one row, the unnamed included.
    for (const [key, organisation] of period.organisations) {
      countStatusBlock(figures, `${at}|${organisationOf(key)}`, organisation.counts);
      if (period !== overall) continue;
      for (const [rule, counts] of organisation.rules) countStatusBlock(figures, `${at}|${organisationOf(key)}|${ruleOwnerOf(rule)}`, counts);
      relateStatusBlocks(figures, `${at}|${organisationOf(key)}`, [...organisation.rules.keys()].map((rule) => `${at}|${organisationOf(key)}|${ruleOwnerOf(rule)}`));
    }
    if (directory) relateStatusBlocks(figures, `${at}|total`, organisationKeys.map((key) => `${at}|${organisationOf(key)}`));
  }
  const rowsOfPeriod = [
    ...ruleIds.map(ruleOf), ...rights.map((right) => `g${right}`), 'total', ...organisationKeys.map(organisationOf),
  ];
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
          ...showFigures(shown, `${at}|${ruleOf(ruleId)}`, period.rules.get(ruleId)!),
        };
      }),
      rights: rights.map((right) => ({ right, ...showFigures(shown, `${at}|g${right}`, period.rights.get(right)!) })),
      total: showFigures(shown, `${at}|total`, period.total),
      organisations: organisationKeys.map((key): ComplianceOrganisationRow => {
        const { organisation, owners } = organisations.get(key)!;
        const counts = period.organisations.get(key)!;
        const rules = period === overall
          ? [...counts.rules.keys()]
              .sort((a, b) => (ruleOrder.get(a.split('@')[0]) ?? 99) - (ruleOrder.get(b.split('@')[0]) ?? 99) || a.localeCompare(b))
              .map((rule) => {
                const [ruleId, owner] = rule.split('@');
                return {
                  ruleId,
                  title: RULES_BY_ID.get(ruleId)?.title ?? ruleId,
                  right: rightOfRule.get(ruleId) ?? RULES_BY_ID.get(ruleId)?.right ?? 0,
                  owner,
                  ...showStatusBlock(shown, `${at}|${organisationOf(key)}|${ruleOwnerOf(rule)}`, counts.rules.get(rule)!),
                };
              })
          : undefined;
        return {
          organisationId: organisation?.id ?? null,
          organisationName: organisation?.name ?? NOT_NAMED,
          organisationKind: organisation?.kind ?? null,
          owners: [...owners].sort(),
          ...showStatusBlock(shown, `${at}|${organisationOf(key)}`, counts.counts),
          ...(rules ? { rules } : {}),
        };
      }),
    };
  };
  return { periods: periods.map(render), whole: render(overall) };
}

const MEDIAN_AND_P90 = [0.5, 0.9] as const;

function showFigures(shown: ShownFigures, prefix: string, counts: LateCounts): ComplianceFigures {
  const block = showStatusBlock(shown, prefix, counts);
  // Over the late duties as shown (met late and breached): null below the minimum base.
  const [median, p90] = shown.isBase(block.metLate + block.breached) ? nearestRanks(counts.late, MEDIAN_AND_P90) : [null, null];
  return {
    due: block.due, met: block.met, metLate: block.metLate, breached: block.breached, open: block.open, withdrawn: block.withdrawn,
    onTimePercent: block.onTimePercent, medianWorkingDaysLate: median, p90WorkingDaysLate: p90,
  };
}
