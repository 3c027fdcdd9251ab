import type { ReferralPeriod } from './dto/report-responses.dto.js';
import { ENHANCED_RIGHTS_CATEGORIES } from '../../libs/victims-code/src/index.js';
import { ENHANCED_BASIS_COLUMNS, REFERRAL_DUTIES, type ReferralDutyPrefix, type ReferralTotalsRow } from './facts/referral-facts.js';
import type { PeriodGroup } from './report-periods.js';
import { countStatusBlock, dueOf, noStatusCounts, relateStatusBlocks, showStatusBlock, STATUS_KEYS, type StatusCounts } from './status-counts.js';
import { type CellProtection, FigureTable, percent, restOf, type ShownFigures } from './disclosure/figure-table.js';

/** The journey counts of a referral cohort. */
export const REFERRAL_JOURNEY_COUNTS = ['referrals', 'contacted', 'unable_to_contact', 'support_started', 'enhanced_journeys', ...ENHANCED_BASIS_COLUMNS] as const;
type JourneyCount = (typeof REFERRAL_JOURNEY_COUNTS)[number];
/** Each a subset of the referrals, whatever else it overlaps. */
const REFERRAL_SUBSETS = ['contacted', 'unable_to_contact', 'support_started', 'enhanced_journeys'] as const;

export interface ReferralCounts {
  journeys: Record<JourneyCount, number>;
  duties: Record<ReferralDutyPrefix, StatusCounts>;
}

const STATUS_COLUMN_OF: Record<(typeof STATUS_KEYS)[number], string> = {
  met: 'met',
  metLate: 'met_late',
  breached: 'breached',
  open: 'open',
  withdrawn: 'withdrawn',
};

export function noReferralCounts(): ReferralCounts {
  return {
    journeys: {
      referrals: 0, contacted: 0, unable_to_contact: 0, support_started: 0, enhanced_journeys: 0,
      ...(Object.fromEntries(ENHANCED_BASIS_COLUMNS.map((column) => [column, 0])) as Record<(typeof ENHANCED_BASIS_COLUMNS)[number], number>),
    },
    duties: { police: noStatusCounts(), first_contact: noStatusCounts(), needs: noStatusCounts() },
  };
}

export function addReferralRow(into: ReferralCounts, row: ReferralTotalsRow): void {
  for (const key of REFERRAL_JOURNEY_COUNTS) into.journeys[key] += row[key] as number;
  for (const { prefix } of REFERRAL_DUTIES) {
    for (const key of STATUS_KEYS) into.duties[prefix][key] += row[`${prefix}_${STATUS_COLUMN_OF[key]}`];
  }
}

export function sumReferralRows(rows: readonly ReferralTotalsRow[], months: readonly string[]): ReferralCounts {
  const counts = noReferralCounts();
  for (const row of rows) if (months.includes(row.month)) addReferralRow(counts, row);
  return counts;
}

/** Counts a cohort's figures under `prefix`, with the relations that hold by construction. */
export function countReferralFigures(figures: FigureTable, prefix: string, counts: ReferralCounts): void {
  const referrals = figures.count(`${prefix}|referrals`, counts.journeys.referrals);
  for (const key of REFERRAL_SUBSETS) figures.subset(referrals, `${prefix}|${key}`, counts.journeys[key]);
  // Each basis is a subset of the enhanced; a victim may have several, so they need not add up.
  for (const key of ENHANCED_BASIS_COLUMNS) figures.subset(`${prefix}|enhanced_journeys`, `${prefix}|${key}`, counts.journeys[key]);
  for (const { prefix: duty } of REFERRAL_DUTIES) countStatusBlock(figures, `${prefix}|${duty}`, counts.duties[duty]);
  // Every referral opens one first-contact duty: were one shown and not the other, it would give it away.
  if (counts.journeys.referrals === dueOf(counts.duties.first_contact)) figures.relate(`${prefix}|referrals`, [`${prefix}|first_contact|due`]);
}

export function relateReferralFigures(figures: FigureTable, total: string, parts: readonly string[]): void {
  if (parts.length === 0) return;
  for (const key of REFERRAL_JOURNEY_COUNTS) figures.relate(`${total}|${key}`, parts.map((part) => `${part}|${key}`));
  for (const key of REFERRAL_SUBSETS) figures.relate(restOf(`${total}|${key}`), parts.map((part) => restOf(`${part}|${key}`)));
  for (const { prefix } of REFERRAL_DUTIES) relateStatusBlocks(figures, `${total}|${prefix}`, parts.map((part) => `${part}|${prefix}`));
}

/**
 * Referral timeliness: journeys referred in each period (a cohort), how many were reached,
 * unable to contact or began support so far, and where the police referral, first contact
 * and needs assessment duties stand.
 */
export function buildReferralReport(
  rows: readonly ReferralTotalsRow[],
  groups: readonly PeriodGroup[],
  whole: PeriodGroup,
  protection: CellProtection,
): { periods: ReferralPeriod[]; whole: ReferralPeriod } {
  const periods = groups.map((group) => ({ group, key: group.label, counts: sumReferralRows(rows, group.months) }));
  const overall = { group: whole, key: 'all', counts: sumReferralRows(rows, whole.months) };
  const figures = new FigureTable();
  for (const period of [...periods, overall]) countReferralFigures(figures, period.key, period.counts);
  relateReferralFigures(figures, 'all', periods.map((period) => period.key));
  const shown = figures.protect(protection);
  const render = (period: typeof overall): ReferralPeriod => ({
    label: period.group.label,
    from: period.group.from,
    to: period.group.to,
    ...showReferralFigures(shown, period.key, period.counts),
  });
  return { periods: periods.map(render), whole: render(overall) };
}

function showReferralFigures(shown: ShownFigures, prefix: string, counts: ReferralCounts): Omit<ReferralPeriod, 'label' | 'from' | 'to'> {
  return {
    referrals: shown.show(`${prefix}|referrals`),
    contacted: shown.show(`${prefix}|contacted`),
    unableToContact: shown.show(`${prefix}|unable_to_contact`),
    unableToContactPercent: shown.percentOf(`${prefix}|unable_to_contact`, [`${prefix}|referrals`]),
    supportStarted: shown.show(`${prefix}|support_started`),
    enhanced: shown.show(`${prefix}|enhanced_journeys`),
    enhancedByBasis: Object.fromEntries(ENHANCED_RIGHTS_CATEGORIES.map((category) => [category, shown.show(`${prefix}|enhanced_${category}`)])) as unknown as ReferralPeriod['enhancedByBasis'],
    policeReferral: showStatusBlock(shown, `${prefix}|police`, counts.duties.police),
    firstContact: showStatusBlock(shown, `${prefix}|first_contact`, counts.duties.first_contact),
    needsAssessment: showStatusBlock(shown, `${prefix}|needs`, counts.duties.needs),
  };
}
