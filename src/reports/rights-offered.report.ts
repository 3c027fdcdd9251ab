import type { RuleId } from '../../libs/victims-code/src/index.js';
import { COMPLAINT_FINDINGS, ESCALATION_TARGETS, ORGANISATIONS, VCS_BASES, VCS_CHOICES } from '../after-outcome/after-outcome-vocabulary.js';
import type { RightsOfferedPeriod, RjOutcomeCounts } from './dto/report-responses.dto.js';
import { type DutyTotalsRow, statusCountsOf } from './facts/duty-facts.js';
import {
  type ComplaintTotalsRow,
  type RightsJourneyTotalsRow,
  RJ_REFERRAL_OUTCOMES,
  RJ_TOOK_PART,
  type RjReferralTotalsRow,
  type VcsReferralTotalsRow,
} from './facts/rights-facts.js';
import type { PeriodGroup } from './report-periods.js';
import { addStatusCounts, countStatusBlock, noStatusCounts, relateStatusBlocks, showStatusBlock, type StatusCounts } from './status-counts.js';
import { type CellProtection, FigureTable, percent, type ShownCount, type ShownFigures } from './disclosure/figure-table.js';

/** The fact rows of the report, as ReportsService reads them (every row has its month). */
export interface RightsRows {
  journeys: readonly RightsJourneyTotalsRow[];
  duties: readonly DutyTotalsRow[];
  vcs: readonly VcsReferralTotalsRow[];
  rj: readonly RjReferralTotalsRow[];
  complaints: readonly ComplaintTotalsRow[];
}

/** The duties the report follows: the offers of a statement and of restorative justice, the scheme's referral and contact, a complaint's answers. */
export const RIGHTS_DUTIES = {
  vpsOffer: 'support.vps-offer',
  rjOffer: 'support.rj-offer',
  vcsReferral: 'wcu.refer-to-vcs',
  vcsContact: 'probation.vcs-contact',
  complaintAcknowledge: 'complaint.acknowledge',
  complaintRespond: 'complaint.respond',
} as const satisfies Record<string, RuleId>;
type RightsDuty = keyof typeof RIGHTS_DUTIES;
const DUTY_NAMES = Object.keys(RIGHTS_DUTIES) as RightsDuty[];

const VCS_CONTACTS = [...VCS_CHOICES, 'not_contacted'] as const;

/**
 * The counts of one period (or one area's period), by figure name. Besides what the report
 * shows, the complement of each subset (closed but not offered a statement, offered one
 * and not made it, ...) is counted too, and related, so that a small complement can never
 * be worked out by subtracting one shown count from another.
 */
export interface RightsPeriodCounts {
  counts: Record<string, number>;
  duties: Record<RightsDuty, StatusCounts>;
}

function zeroCounts(): Record<string, number> {
  const keys = [
    'closed', 'vpsOffered', 'vpsNotOffered', 'vpsMade', 'vpsOfferedNotMade', 'rjOffered', 'rjNotOffered', 'rjInterested', 'rjNotInterested',
    'rjReferred', 'rjInterestedNotReferred', 'rjTookPart', ...RJ_REFERRAL_OUTCOMES.map((outcome) => `rj:${outcome}`),
    'vcs:referrals', ...VCS_BASES.map((basis) => `vcs:basis:${basis}`), 'vcs:contacted', ...VCS_CONTACTS.map((contact) => `vcs:${contact}`),
    'rjReferrals:referrals', 'rjReferrals:tookPart', ...RJ_REFERRAL_OUTCOMES.map((outcome) => `rjReferrals:${outcome}`),
    'complaints:received', ...ORGANISATIONS.map((organisation) => `complaints:against:${organisation}`), 'complaints:acknowledged',
    'complaints:notAcknowledged', 'complaints:responded', ...COMPLAINT_FINDINGS.map((finding) => `complaints:finding:${finding}`),
    'complaints:escalated', ...ESCALATION_TARGETS.map((target) => `complaints:escalatedTo:${target}`), 'complaints:escalatedWithoutResponse',
    'complaints:escalatedAfterResponse', 'complaints:stillOpen',
  ];
  return Object.fromEntries(keys.map((key) => [key, 0]));
}

const tookPart = (outcome: string) => (RJ_TOOK_PART as readonly string[]).includes(outcome);

/** Sums the rows of `months` (and of one area, when given) into a period's counts. */
export function sumRightsRows(rows: RightsRows, months: readonly string[], areaId?: string): RightsPeriodCounts {
  const counts = zeroCounts();
  const duties = Object.fromEntries(DUTY_NAMES.map((name) => [name, noStatusCounts()])) as Record<RightsDuty, StatusCounts>;
  const add = (key: string, value: number) => {
    // A category the report does not know (a vocabulary grown without the report) must not pass as NaN.
    if (!(key in counts)) throw new Error(`The rights offered report has no figure ${key}`);
    counts[key] += value;
  };
  const counted = (row: { month: string; area_id: string | null }) => months.includes(row.month) && (areaId === undefined || row.area_id === areaId);

  for (const row of rows.journeys.filter(counted)) {
    const referred = RJ_REFERRAL_OUTCOMES.reduce((sum, outcome) => sum + row[`rj_${outcome}`], 0);
    add('closed', row.closed);
    add('vpsOffered', row.vps_offered);
    add('vpsNotOffered', row.closed - row.vps_offered);
    add('vpsMade', row.vps_made);
    add('vpsOfferedNotMade', row.vps_offered - row.vps_made);
    add('rjOffered', row.rj_offered);
    add('rjNotOffered', row.closed - row.rj_offered);
    add('rjInterested', row.rj_interested);
    add('rjNotInterested', row.rj_offered - row.rj_interested);
    add('rjReferred', referred);
    add('rjInterestedNotReferred', row.rj_interested - referred);
    for (const outcome of RJ_REFERRAL_OUTCOMES) {
      add(`rj:${outcome}`, row[`rj_${outcome}`]);
      if (tookPart(outcome)) add('rjTookPart', row[`rj_${outcome}`]);
    }
  }
  const ruleOf = new Map<string, RightsDuty>(DUTY_NAMES.map((name) => [RIGHTS_DUTIES[name], name]));
  for (const row of rows.duties.filter(counted)) {
    const name = ruleOf.get(row.rule_id);
    if (!name) continue;
    addStatusCounts(duties[name], statusCountsOf(row));
  }
  for (const row of rows.vcs.filter(counted)) {
    add('vcs:referrals', row.referrals);
    add(`vcs:basis:${row.basis}`, row.referrals);
    add(`vcs:${row.contact}`, row.referrals);
    if (row.contact !== 'not_contacted') add('vcs:contacted', row.referrals);
  }
  for (const row of rows.rj.filter(counted)) {
    add('rjReferrals:referrals', row.referrals);
    add(`rjReferrals:${row.outcome}`, row.referrals);
    if (tookPart(row.outcome)) add('rjReferrals:tookPart', row.referrals);
  }
  for (const row of rows.complaints.filter(counted)) {
    const n = row.complaints;
    add('complaints:received', n);
    add(`complaints:against:${row.against}`, n);
    add(row.acknowledged ? 'complaints:acknowledged' : 'complaints:notAcknowledged', n);
    if (row.finding !== null) {
      add('complaints:responded', n);
      add(`complaints:finding:${row.finding}`, n);
    }
    if (row.escalated_to !== null) {
      add('complaints:escalated', n);
      add(`complaints:escalatedTo:${row.escalated_to}`, n);
      add(row.finding === null ? 'complaints:escalatedWithoutResponse' : 'complaints:escalatedAfterResponse', n);
    }
    // Received or acknowledged: neither answered nor escalated yet.
    if (row.finding === null && row.escalated_to === null) add('complaints:stillOpen', n);
  }
  return { counts, duties };
}

/** Every additive relation among a period's counts, that holds by construction. */
const COUNT_RELATIONS: ReadonlyArray<[string, readonly string[]]> = [
  ['closed', ['vpsOffered', 'vpsNotOffered']],
  ['vpsOffered', ['vpsMade', 'vpsOfferedNotMade']],
  ['closed', ['rjOffered', 'rjNotOffered']],
  ['rjOffered', ['rjInterested', 'rjNotInterested']],
  // Only a victim interested in an offer is referred.
  ['rjInterested', ['rjReferred', 'rjInterestedNotReferred']],
  ['rjReferred', RJ_REFERRAL_OUTCOMES.map((outcome) => `rj:${outcome}`)],
  ['rjReferred', ['rjTookPart', ...RJ_REFERRAL_OUTCOMES.filter((outcome) => !tookPart(outcome)).map((outcome) => `rj:${outcome}`)]],
  ['rjTookPart', RJ_TOOK_PART.map((outcome) => `rj:${outcome}`)],
  ['vcs:referrals', VCS_BASES.map((basis) => `vcs:basis:${basis}`)],
  ['vcs:referrals', ['vcs:contacted', 'vcs:not_contacted']],
  ['vcs:contacted', VCS_CHOICES.map((choice) => `vcs:${choice}`)],
  ['rjReferrals:referrals', RJ_REFERRAL_OUTCOMES.map((outcome) => `rjReferrals:${outcome}`)],
  ['rjReferrals:referrals', ['rjReferrals:tookPart', ...RJ_REFERRAL_OUTCOMES.filter((outcome) => !tookPart(outcome)).map((outcome) => `rjReferrals:${outcome}`)]],
  ['rjReferrals:tookPart', RJ_TOOK_PART.map((outcome) => `rjReferrals:${outcome}`)],
  ['complaints:received', ORGANISATIONS.map((organisation) => `complaints:against:${organisation}`)],
  ['complaints:received', ['complaints:acknowledged', 'complaints:notAcknowledged']],
  ['complaints:received', ['complaints:stillOpen', 'complaints:responded', 'complaints:escalatedWithoutResponse']],
  ['complaints:responded', COMPLAINT_FINDINGS.map((finding) => `complaints:finding:${finding}`)],
  ['complaints:escalated', ESCALATION_TARGETS.map((target) => `complaints:escalatedTo:${target}`)],
  ['complaints:escalated', ['complaints:escalatedWithoutResponse', 'complaints:escalatedAfterResponse']],
];

function countRightsFigures(figures: FigureTable, prefix: string, period: RightsPeriodCounts): void {
  for (const [key, value] of Object.entries(period.counts)) figures.count(`${prefix}|${key}`, value);
  for (const [total, parts] of COUNT_RELATIONS) figures.relate(`${prefix}|${total}`, parts.map((part) => `${prefix}|${part}`));
  for (const name of DUTY_NAMES) countStatusBlock(figures, `${prefix}|duty:${name}`, period.duties[name]);
}

function relateRightsFigures(figures: FigureTable, total: string, parts: readonly string[], counts: RightsPeriodCounts): void {
  if (parts.length === 0) return;
  for (const key of Object.keys(counts.counts)) figures.relate(`${total}|${key}`, parts.map((part) => `${part}|${key}`));
  for (const name of DUTY_NAMES) relateStatusBlocks(figures, `${total}|duty:${name}`, parts.map((part) => `${part}|duty:${name}`));
}

/**
 * Rights offered: for each period and the whole period, what the journeys closed were
 * offered over their course (statement, restorative justice and what came of it), the
 * offer duties due, and the Victim Contact Scheme referrals, restorative justice referrals
 * and complaints of the period with their duties; every count protected.
 */
export function buildRightsOfferedReport(
  rows: RightsRows,
  groups: readonly PeriodGroup[],
  whole: PeriodGroup,
  protection: CellProtection,
): { periods: RightsOfferedPeriod[]; whole: RightsOfferedPeriod } {
  const periods = groups.map((group) => ({ group, key: group.label, counts: sumRightsRows(rows, group.months) }));
  const overall = { group: whole, key: 'all', counts: sumRightsRows(rows, whole.months) };
  const figures = new FigureTable();
  for (const period of [...periods, overall]) countRightsFigures(figures, period.key, period.counts);
  relateRightsFigures(figures, 'all', periods.map((period) => period.key), overall.counts);
  const shown = figures.protect(protection);
  const render = (period: typeof overall): RightsOfferedPeriod => ({
    label: period.group.label,
    from: period.group.from,
    to: period.group.to,
    ...showRightsFigures(shown, period.key, period.counts),
  });
  return { periods: periods.map(render), whole: render(overall) };
}

function showRightsFigures(shown: ShownFigures, prefix: string, period: RightsPeriodCounts): Omit<RightsOfferedPeriod, 'label' | 'from' | 'to'> {
  const key = (name: string) => `${prefix}|${name}`;
  const show = (name: string) => shown.show(key(name));
  const { counts } = period;
  const ofClosed = (name: string) => shown.percentOf(key(name), [key('closed')]);
  const byName = <K extends string>(names: readonly K[], at: string): Record<K, ShownCount> =>
    Object.fromEntries(names.map((name) => [name, show(`${at}${name}`)])) as Record<K, ShownCount>;
  const outcomes = (at: string, tookPart: string): RjOutcomeCounts => ({ tookPart: show(tookPart), ...byName(RJ_REFERRAL_OUTCOMES, at) });
  const duty = (name: RightsDuty) => showStatusBlock(shown, key(`duty:${name}`), period.duties[name]);
  return {
    journeys: {
      closed: show('closed'),
      vpsOffered: show('vpsOffered'),
      vpsOfferedPercent: ofClosed('vpsOffered'),
      vpsMade: show('vpsMade'),
      vpsMadePercent: ofClosed('vpsMade'),
      rjOffered: show('rjOffered'),
      rjOfferedPercent: ofClosed('rjOffered'),
      rjNotOffered: show('rjNotOffered'),
      rjInterested: show('rjInterested'),
      rjReferred: show('rjReferred'),
      rjOutcomes: outcomes('rj:', 'rjTookPart'),
    },
    offerDuties: { vpsOffer: duty('vpsOffer'), rjOffer: duty('rjOffer') },
    victimContactScheme: {
      referrals: show('vcs:referrals'),
      basis: byName(VCS_BASES, 'vcs:basis:'),
      contacted: show('vcs:contacted'),
      victimChoice: byName(VCS_CHOICES, 'vcs:'),
      notContacted: show('vcs:not_contacted'),
      referralDuty: duty('vcsReferral'),
      contactDuty: duty('vcsContact'),
    },
    rjReferrals: { referrals: show('rjReferrals:referrals'), outcomes: outcomes('rjReferrals:', 'rjReferrals:tookPart') },
    complaints: {
      received: show('complaints:received'),
      against: byName(ORGANISATIONS, 'complaints:against:'),
      acknowledged: show('complaints:acknowledged'),
      responded: show('complaints:responded'),
      findings: byName(COMPLAINT_FINDINGS, 'complaints:finding:'),
      escalated: show('complaints:escalated'),
      escalatedTo: byName(ESCALATION_TARGETS, 'complaints:escalatedTo:'),
      escalatedWithoutResponse: show('complaints:escalatedWithoutResponse'),
      stillOpen: show('complaints:stillOpen'),
      acknowledgeDuty: duty('complaintAcknowledge'),
      respondDuty: duty('complaintRespond'),
    },
  };
}

/** What the quarterly return needs of this report, for one area and quarter (unsuppressed counts). */
export interface RightsReturnCounts {
  /** Journeys closed in the quarter. */
  closed: number;
  /** Of those, offered restorative justice at any time on the journey. */
  rjOffered: number;
  /** Of those, referred to the restorative justice service. */
  rjReferred: number;
  /** Of those, whose latest referral ended with the victim taking part (conference, shuttle, letter). */
  rjTookPart: number;
  /** Of the closed journeys, offered a victim personal statement; and those who made one. */
  vpsOffered: number;
  vpsMade: number;
  /** Victim Contact Scheme referrals made in the quarter. */
  vcsReferrals: number;
  /** Complaints received in the quarter; and of those, responded to by as-at. */
  complaintsReceived: number;
  complaintsResponded: number;
}

/**
 * The quarterly return's rights figures for one area: `rows` as ReportsService reads
 * them for the quarter (the `journeys`, `vcs` and `complaints` parts suffice), `months`
 * the quarter's months. Suppress them with `countRightsReturnFigures`.
 */
export function rightsReturnCounts(rows: Pick<RightsRows, 'journeys' | 'vcs' | 'complaints'>, areaId: string, months: readonly string[]): RightsReturnCounts {
  const { counts } = sumRightsRows({ ...rows, duties: [], rj: [] }, months, areaId);
  return {
    closed: counts.closed,
    rjOffered: counts.rjOffered,
    rjReferred: counts.rjReferred,
    rjTookPart: counts.rjTookPart,
    vpsOffered: counts.vpsOffered,
    vpsMade: counts.vpsMade,
    vcsReferrals: counts['vcs:referrals'],
    complaintsReceived: counts['complaints:received'],
    complaintsResponded: counts['complaints:responded'],
  };
}

/**
 * Counts the return's rights figures in a return's figure table under `${prefix}|<name>`
 * (the names of RightsReturnCounts), with the complements each subset leaves (counted,
 * never shown) related, so that no small complement can be worked out by subtraction.
 */
export function countRightsReturnFigures(figures: FigureTable, prefix: string, counts: RightsReturnCounts): void {
  const at = (name: string) => `${prefix}|${name}`;
  const subset = (total: keyof RightsReturnCounts, part: keyof RightsReturnCounts) =>
    figures.relate(at(total), [at(part), figures.count(at(`${part}:complement`), counts[total] - counts[part])]);
  for (const [name, value] of Object.entries(counts)) figures.count(at(name), value);
  subset('closed', 'rjOffered');
  subset('rjOffered', 'rjReferred');
  subset('rjReferred', 'rjTookPart');
  subset('closed', 'vpsOffered');
  subset('vpsOffered', 'vpsMade');
  subset('complaintsReceived', 'complaintsResponded');
}
