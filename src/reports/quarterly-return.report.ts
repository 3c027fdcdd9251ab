import { type DutyTotalsRow, statusCountsOf } from './facts/duty-facts.js';
import type { ClosedJourneyDomainTotalsRow, ClosedJourneyTotalsRow } from './facts/closed-journey-facts.js';
import type { ReferralTotalsRow } from './facts/referral-facts.js';
import { type CopeRecoverCounts, MISSING_END_KEYS, sumCopeRecoverRows } from './cope-recover.report.js';
import { addReferralRow, noReferralCounts, type ReferralCounts } from './referral-timeliness.report.js';
import { countRightsReturnFigures, type RightsReturnCounts, type RightsRows, rightsReturnCounts } from './rights-offered.report.js';
import { addStatusCounts, countStatusBlock, dueOf, noStatusCounts, type StatusCounts } from './status-counts.js';
import { type CellProtection, FigureTable, mean, percent, type ShownFigures } from './disclosure/figure-table.js';
import { type WitnessTrialReturnCounts, type WitnessTrialRows, witnessTrialReturnCounts } from './witness-trial.report.js';

export const QUARTERLY_RETURN_LAYOUT = 'vjs-quarterly-return-3';

export type ColumnKind = 'label' | 'count' | 'derived';

/** A column of the quarterly return: docs/reports.md describes each, in this order. */
export interface ReturnColumn {
  name: string;
  kind: ColumnKind;
}

const RIGHTS = Array.from({ length: 12 }, (_, index) => index + 1);

const statusColumns = (prefix: string): ReturnColumn[] => [
  { name: `${prefix}_due`, kind: 'count' },
  { name: `${prefix}_on_time`, kind: 'count' },
  { name: `${prefix}_met_late`, kind: 'count' },
  { name: `${prefix}_breached`, kind: 'count' },
  { name: `${prefix}_open`, kind: 'count' },
  { name: `${prefix}_withdrawn`, kind: 'count' },
  { name: `${prefix}_on_time_percent`, kind: 'derived' },
];

/**
 * The columns, in order. A later layout only adds columns at the end, under a new layout
 * name, so a reader that takes columns by name keeps working: layout 2 added trials,
 * witnesses and the rights offered after the satisfaction columns of layout 1; layout 3
 * each right's late, breached and open duties, and the `disclosure` flag column.
 */
export const QUARTERLY_RETURN_COLUMNS: readonly ReturnColumn[] = [
  { name: 'layout', kind: 'label' },
  { name: 'area_code', kind: 'label' },
  { name: 'area_name', kind: 'label' },
  { name: 'financial_year', kind: 'label' },
  { name: 'quarter', kind: 'label' },
  { name: 'period_from', kind: 'label' },
  { name: 'period_to', kind: 'label' },
  { name: 'organisation_id', kind: 'label' },
  { name: 'as_of', kind: 'label' },
  { name: 'referrals_received', kind: 'count' },
  { name: 'referrals_victims', kind: 'count' },
  { name: 'referrals_witnesses', kind: 'count' },
  { name: 'referrals_enhanced', kind: 'count' },
  { name: 'referrals_standard', kind: 'count' },
  ...statusColumns('police_referral'),
  { name: 'contacted', kind: 'count' },
  { name: 'unable_to_contact', kind: 'count' },
  { name: 'unable_to_contact_percent', kind: 'derived' },
  { name: 'support_started', kind: 'count' },
  ...statusColumns('first_contact'),
  ...statusColumns('needs_assessment'),
  ...statusColumns('code_duties'),
  ...RIGHTS.flatMap((right): ReturnColumn[] => [
    { name: `right_${right}_due`, kind: 'count' },
    { name: `right_${right}_on_time`, kind: 'count' },
  ]),
  { name: 'journeys_closed', kind: 'count' },
  { name: 'closed_with_start_score', kind: 'count' },
  { name: 'cope_recover_compared', kind: 'count' },
  { name: 'cope_recover_improved', kind: 'count' },
  { name: 'cope_recover_improved_percent', kind: 'derived' },
  { name: 'cope_recover_mean_change', kind: 'derived' },
  ...MISSING_END_KEYS.map((reason): ReturnColumn => ({ name: `end_score_missing_${reason}`, kind: 'count' })),
  { name: 'satisfaction_answered', kind: 'count' },
  { name: 'satisfaction_declined', kind: 'count' },
  { name: 'satisfaction_mean_score', kind: 'derived' },
  { name: 'trials_heard', kind: 'count' },
  { name: 'trials_effective', kind: 'count' },
  { name: 'trials_cracked', kind: 'count' },
  { name: 'trials_ineffective', kind: 'count' },
  { name: 'trials_effective_percent', kind: 'derived' },
  { name: 'trials_lost_to_witness_issues', kind: 'count' },
  { name: 'special_measures_requested', kind: 'count' },
  { name: 'special_measures_granted', kind: 'count' },
  { name: 'witnesses_attended', kind: 'count' },
  { name: 'witnesses_failed_to_attend', kind: 'count' },
  { name: 'vps_offered', kind: 'count' },
  { name: 'vps_made', kind: 'count' },
  { name: 'rj_offered', kind: 'count' },
  { name: 'rj_offered_percent', kind: 'derived' },
  { name: 'rj_referred', kind: 'count' },
  { name: 'rj_took_part', kind: 'count' },
  { name: 'vcs_referrals', kind: 'count' },
  { name: 'complaints_received', kind: 'count' },
  { name: 'complaints_responded', kind: 'count' },
  ...RIGHTS.flatMap((right): ReturnColumn[] => [
    { name: `right_${right}_late`, kind: 'count' },
    { name: `right_${right}_breached`, kind: 'count' },
    { name: `right_${right}_open`, kind: 'count' },
  ]),
  { name: 'disclosure', kind: 'label' },
];

/** The id, code and name of the row summing every area of the return. */
export const ALL_AREAS: ReturnArea = { id: 'all', code: 'all', name: 'All areas' };

export interface ReturnArea {
  id: string;
  code: string;
  name: string;
}

export interface ReturnContext {
  financialYear: string;
  quarter: number;
  from: string;
  to: string;
  months: readonly string[];
  organisationId: string | null;
  asOf: Date;
}

interface AreaCounts {
  referrals: ReferralCounts;
  byRole: { victim: number; witness: number };
  byRights: { enhanced: number; standard: number };
  duties: StatusCounts;
  rights: Map<number, StatusCounts>;
}

function countsOf(areaId: string, referralRows: readonly ReferralTotalsRow[], dutyRows: readonly DutyTotalsRow[]): AreaCounts {
  const counts: AreaCounts = {
    referrals: noReferralCounts(),
    byRole: { victim: 0, witness: 0 },
    byRights: { enhanced: 0, standard: 0 },
    duties: noStatusCounts(),
    rights: new Map(RIGHTS.map((right) => [right, noStatusCounts()])),
  };
  for (const row of referralRows) {
    if (row.area_id !== areaId) continue;
    addReferralRow(counts.referrals, row);
    if (row.role === 'victim' || row.role === 'witness') counts.byRole[row.role] += row.referrals;
    counts.byRights[row.enhanced ? 'enhanced' : 'standard'] += row.referrals;
  }
  for (const row of dutyRows) {
    if (row.area_id !== areaId) continue;
    for (const into of [counts.duties, counts.rights.get(row.code_right)!]) addStatusCounts(into, statusCountsOf(row));
  }
  return counts;
}

/** The rows the quarterly return is counted from, for every area. */
export interface ReturnRows {
  referrals: readonly ReferralTotalsRow[];
  duties: readonly DutyTotalsRow[];
  closedJourneys: readonly ClosedJourneyTotalsRow[];
  domains: readonly ClosedJourneyDomainTotalsRow[];
  witnessTrial: WitnessTrialRows;
  rights: Pick<RightsRows, 'journeys' | 'vcs' | 'complaints'>;
}

/** One area's sums, counted into the figure table, then shown protected. */
interface AreaReturn {
  area: ReturnArea;
  counts: AreaCounts;
  copeRecover: CopeRecoverCounts;
  witness: WitnessTrialReturnCounts;
  rights: RightsReturnCounts;
}

type FigureName = (name: string) => string;
type Cells = Record<string, string | number | null>;

/** The figures a PCC sends the Ministry of Justice for a quarter: one row per area (and all areas), protected as every report is. */
export function buildQuarterlyReturn(
  areas: readonly ReturnArea[],
  context: ReturnContext,
  rows: ReturnRows,
  protection: CellProtection,
): { rows: Array<Record<string, string | number | null>> } {
  const figures = new FigureTable();
  const perArea = areas.map((area) => countArea(figures, area, context, rows));
  // With more than one area, a row over all of them: its cells are protected by their own
  // records' keys, like any total, so it need not equal the sum of the areas' rows.
  if (areas.length > 1) perArea.push(countArea(figures, ALL_AREAS, context, asOneArea(rows, ALL_AREAS.id)));
  const shown = figures.protect(protection);
  const inOrder = (cells: Cells): Cells => Object.fromEntries(QUARTERLY_RETURN_COLUMNS.map(({ name }) => [name, cells[name] ?? null]));
  return { rows: perArea.map((area) => inOrder({ ...returnRow(shown, context, area), disclosure: protection.method })) };
}

/** The rows with every area's facts put under one area id. */
function asOneArea(rows: ReturnRows, areaId: string): ReturnRows {
  const relabel = <T extends { area_id: string | null }>(list: readonly T[]): T[] => list.map((row) => ({ ...row, area_id: areaId }));
  const { witnessTrial, rights } = rows;
  return {
    referrals: relabel(rows.referrals),
    duties: relabel(rows.duties),
    closedJourneys: relabel(rows.closedJourneys),
    domains: relabel(rows.domains),
    witnessTrial: {
      trials: relabel(witnessTrial.trials),
      duties: relabel(witnessTrial.duties),
      attendance: relabel(witnessTrial.attendance),
      specialMeasures: relabel(witnessTrial.specialMeasures),
      preTrialVisits: relabel(witnessTrial.preTrialVisits),
    },
    rights: { journeys: relabel(rights.journeys), vcs: relabel(rights.vcs), complaints: relabel(rights.complaints) },
  };
}

/** Sums an area's rows and counts its figures, with the relations between them, in the table. */
function countArea(figures: FigureTable, area: ReturnArea, context: ReturnContext, rows: ReturnRows): AreaReturn {
  const counts = countsOf(area.id, rows.referrals, rows.duties);
  const copeRecover = sumCopeRecoverRows(
    rows.closedJourneys.filter((row) => row.area_id === area.id),
    rows.domains.filter((row) => row.area_id === area.id),
    context.months,
  );
  const at = figureNames(area);
  countReferralFigures(figures, at, counts);
  countClosureFigures(figures, at, copeRecover);
  const witness = witnessTrialReturnCounts(rows.witnessTrial, context.months, area.id);
  countWitnessFigures(figures, at, witness);
  const rights = rightsReturnCounts(rows.rights, area.id, context.months);
  countRightsReturnFigures(figures, at('rights'), rights);
  // The same journeys as journeys_closed: hidden in one place, hidden in the other.
  figures.relate(at('journeys_closed'), [at('rights|closed')]);
  return { area, counts, copeRecover, witness, rights };
}

/** Figures are named per area: `<areaId>|<name>`. */
function figureNames(area: ReturnArea): FigureName {
  return (name: string) => `${area.id}|${name}`;
}

/** Referrals by role and rights, contact and support, and the Code duties by status and by right. */
function countReferralFigures(figures: FigureTable, at: FigureName, counts: AreaCounts): void {
  const count = (name: string, value: number) => figures.count(at(name), value);
  const { referrals } = counts;
  const received = count('referrals_received', referrals.journeys.referrals);
  figures.relate(received, [count('referrals_victims', counts.byRole.victim), count('referrals_witnesses', counts.byRole.witness)]);
  figures.relate(received, [count('referrals_enhanced', counts.byRights.enhanced), count('referrals_standard', counts.byRights.standard)]);
  countStatusBlock(figures, at('police_referral'), referrals.duties.police);
  figures.subset(received, at('contacted'), referrals.journeys.contacted);
  figures.subset(received, at('unable_to_contact'), referrals.journeys.unable_to_contact);
  figures.subset(received, at('support_started'), referrals.journeys.support_started);
  countStatusBlock(figures, at('first_contact'), referrals.duties.first_contact);
  if (referrals.journeys.referrals === dueOf(referrals.duties.first_contact)) figures.relate(received, [at('first_contact|due')]);
  countStatusBlock(figures, at('needs_assessment'), referrals.duties.needs);
  countStatusBlock(figures, at('code_duties'), counts.duties);
  const rightDue = RIGHTS.map((right) => count(`right_${right}_due`, dueOf(counts.rights.get(right)!)));
  const rightOnTime = RIGHTS.map((right) => count(`right_${right}_on_time`, counts.rights.get(right)!.met));
  figures.relate(at('code_duties|due'), rightDue);
  figures.relate(at('code_duties|met'), rightOnTime);
  // Late, breached and open per right (protected cells each); what is left of due is withdrawn, counted, never shown.
  for (const right of RIGHTS) {
    const of = counts.rights.get(right)!;
    figures.relate(at(`right_${right}_due`), [
      at(`right_${right}_on_time`),
      count(`right_${right}_late`, of.metLate),
      count(`right_${right}_breached`, of.breached),
      count(`right_${right}_open`, of.open),
      count(`right_${right}_withdrawn`, of.withdrawn),
    ]);
  }
  figures.relate(at('code_duties|breached'), RIGHTS.map((right) => at(`right_${right}_breached`)));
}

/** Journeys closed: start and end cope-and-recover scores, why an end score is missing, satisfaction. */
function countClosureFigures(figures: FigureTable, at: FigureName, copeRecover: CopeRecoverCounts): void {
  const count = (name: string, value: number) => figures.count(at(name), value);
  count('journeys_closed', copeRecover.closed);
  const withStart = count('closed_with_start_score', copeRecover.withStartScore);
  figures.relate(withStart, [
    count('cope_recover_compared', copeRecover.compared),
    ...MISSING_END_KEYS.map((reason) => count(`end_score_missing_${reason}`, copeRecover.endScoreMissing[reason])),
  ]);
  figures.subset(at('cope_recover_compared'), at('cope_recover_improved'), copeRecover.improved);
  count('satisfaction_answered', copeRecover.satisfaction.answered);
  count('satisfaction_declined', copeRecover.satisfaction.declined);
}

/** Trials by effectiveness, those lost to witness issues, special measures and witnesses' attendance. */
function countWitnessFigures(figures: FigureTable, at: FigureName, witness: WitnessTrialReturnCounts): void {
  const count = (name: string, value: number) => figures.count(at(name), value);
  const trials = count('trials_heard', witness.trials);
  const unsuccessful = [count('trials_cracked', witness.trialsCracked), count('trials_ineffective', witness.trialsIneffective)];
  figures.relate(trials, [count('trials_effective', witness.trialsEffective), ...unsuccessful]);
  // Counted, never shown: what lets "lost to witness issues" be checked against the cracked and ineffective.
  const lost = count('trials_unsuccessful', witness.trialsCracked + witness.trialsIneffective);
  figures.relate(lost, unsuccessful);
  figures.subset(lost, at('trials_lost_to_witness_issues'), witness.trialsWitnessIssue);
  figures.subset(count('special_measures_requested', witness.specialMeasuresRequested), at('special_measures_granted'), witness.specialMeasuresGranted);
  count('witnesses_attended', witness.witnessesAttended);
  count('witnesses_failed_to_attend', witness.witnessesFailedToAttend);
}

/** An area's row, its cells in QUARTERLY_RETURN_COLUMNS order, each count as protected. */
function returnRow(shown: ShownFigures, context: ReturnContext, { area, counts, copeRecover, witness, rights }: AreaReturn): Cells {
  const at = figureNames(area);
  return {
    ...labelCells(area, context),
    ...referralCells(shown, at, counts),
    ...closureCells(shown, at, copeRecover),
    ...witnessCells(shown, at, witness),
    ...rightsCells(shown, at, rights),
  };
}

function labelCells(area: ReturnArea, context: ReturnContext): Cells {
  return {
    layout: QUARTERLY_RETURN_LAYOUT,
    area_code: area.code,
    area_name: area.name,
    financial_year: context.financialYear,
    quarter: `Q${context.quarter}`,
    period_from: context.from,
    period_to: context.to,
    organisation_id: context.organisationId,
    as_of: context.asOf.toISOString(),
  };
}

function referralCells(shown: ShownFigures, at: FigureName, counts: AreaCounts): Cells {
  const { journeys } = counts.referrals;
  const row: Cells = {
    referrals_received: shown.show(at('referrals_received')),
    referrals_victims: shown.show(at('referrals_victims')),
    referrals_witnesses: shown.show(at('referrals_witnesses')),
    referrals_enhanced: shown.show(at('referrals_enhanced')),
    referrals_standard: shown.show(at('referrals_standard')),
    ...statusCells(shown, at, 'police_referral', counts.referrals.duties.police),
    contacted: shown.show(at('contacted')),
    unable_to_contact: shown.show(at('unable_to_contact')),
    unable_to_contact_percent: shown.percentOf(at('unable_to_contact'), [at('referrals_received')]),
    support_started: shown.show(at('support_started')),
    ...statusCells(shown, at, 'first_contact', counts.referrals.duties.first_contact),
    ...statusCells(shown, at, 'needs_assessment', counts.referrals.duties.needs),
    ...statusCells(shown, at, 'code_duties', counts.duties),
  };
  for (const right of RIGHTS) {
    row[`right_${right}_due`] = shown.show(at(`right_${right}_due`));
    row[`right_${right}_on_time`] = shown.show(at(`right_${right}_on_time`));
  }
  for (const right of RIGHTS) {
    row[`right_${right}_late`] = shown.show(at(`right_${right}_late`));
    row[`right_${right}_breached`] = shown.show(at(`right_${right}_breached`));
    row[`right_${right}_open`] = shown.show(at(`right_${right}_open`));
  }
  return row;
}

function closureCells(shown: ShownFigures, at: FigureName, copeRecover: CopeRecoverCounts): Cells {
  const row: Cells = {
    journeys_closed: shown.show(at('journeys_closed')),
    closed_with_start_score: shown.show(at('closed_with_start_score')),
    cope_recover_compared: shown.show(at('cope_recover_compared')),
    cope_recover_improved: shown.show(at('cope_recover_improved')),
    cope_recover_improved_percent: shown.percentOf(at('cope_recover_improved'), [at('cope_recover_compared')]),
    cope_recover_mean_change: shown.meanOf(copeRecover.overallChangeSum, at('cope_recover_compared')),
  };
  for (const reason of MISSING_END_KEYS) row[`end_score_missing_${reason}`] = shown.show(at(`end_score_missing_${reason}`));
  return {
    ...row,
    satisfaction_answered: shown.show(at('satisfaction_answered')),
    satisfaction_declined: shown.show(at('satisfaction_declined')),
    satisfaction_mean_score: shown.meanOf(copeRecover.satisfaction.scoreSum, at('satisfaction_answered')),
  };
}

function witnessCells(shown: ShownFigures, at: FigureName, witness: WitnessTrialReturnCounts): Cells {
  return {
    trials_heard: shown.show(at('trials_heard')),
    trials_effective: shown.show(at('trials_effective')),
    trials_cracked: shown.show(at('trials_cracked')),
    trials_ineffective: shown.show(at('trials_ineffective')),
    trials_effective_percent: shown.percentOf(at('trials_effective'), [at('trials_heard')]),
    trials_lost_to_witness_issues: shown.show(at('trials_lost_to_witness_issues')),
    special_measures_requested: shown.show(at('special_measures_requested')),
    special_measures_granted: shown.show(at('special_measures_granted')),
    witnesses_attended: shown.show(at('witnesses_attended')),
    witnesses_failed_to_attend: shown.show(at('witnesses_failed_to_attend')),
  };
}

function rightsCells(shown: ShownFigures, at: FigureName, rights: RightsReturnCounts): Cells {
  return {
    vps_offered: shown.show(at('rights|vpsOffered')),
    vps_made: shown.show(at('rights|vpsMade')),
    rj_offered: shown.show(at('rights|rjOffered')),
    rj_offered_percent: shown.percentOf(at('rights|rjOffered'), [at('rights|closed')]),
    rj_referred: shown.show(at('rights|rjReferred')),
    rj_took_part: shown.show(at('rights|rjTookPart')),
    vcs_referrals: shown.show(at('rights|vcsReferrals')),
    complaints_received: shown.show(at('rights|complaintsReceived')),
    complaints_responded: shown.show(at('rights|complaintsResponded')),
  };
}

function statusCells(shown: ShownFigures, at: FigureName, prefix: string, counts: StatusCounts): Cells {
  return {
    [`${prefix}_due`]: shown.show(at(`${prefix}|due`)),
    [`${prefix}_on_time`]: shown.show(at(`${prefix}|met`)),
    [`${prefix}_met_late`]: shown.show(at(`${prefix}|metLate`)),
    [`${prefix}_breached`]: shown.show(at(`${prefix}|breached`)),
    [`${prefix}_open`]: shown.show(at(`${prefix}|open`)),
    [`${prefix}_withdrawn`]: shown.show(at(`${prefix}|withdrawn`)),
    [`${prefix}_on_time_percent`]: shown.percentOf(at(`${prefix}|met`), [at(`${prefix}|met`), at(`${prefix}|metLate`), at(`${prefix}|breached`)]),
  };
}
