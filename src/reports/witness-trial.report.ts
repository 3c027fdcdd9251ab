import { EFFECTIVENESS_REASON_CODES, EFFECTIVENESS_REASONS, type EffectivenessReason, WITNESS_ISSUE_REASONS } from '../court/trial-effectiveness.js';
import { NON_ATTENDANCE_REASONS, SPECIAL_MEASURE_REFUSAL_REASONS, SPECIAL_MEASURES } from '../witness/witness-vocabulary.js';
import type { AttendanceFigures, PreTrialVisitFigures, SpecialMeasureFigures, TrialFigures, WitnessTrialPeriod } from './dto/report-responses.dto.js';
import { type DutyTotalsRow, statusCountsOf } from './facts/duty-facts.js';
import type { PreTrialVisitTotalsRow, SpecialMeasureTotalsRow, TrialTotalsRow, WitnessAttendanceTotalsRow } from './facts/witness-trial-facts.js';
import type { PeriodGroup } from './report-periods.js';
import { addStatusCounts, countStatusBlock, noStatusCounts, showStatusBlock, STATUS_COLUMNS, type StatusCounts } from './status-counts.js';
import { type CellProtection, FigureTable, percent, type ShownFigures } from './disclosure/figure-table.js';

/** The duties of witness care the report follows, by the key their block has in it. */
export const WITNESS_DUTIES = { informHearing: 'wcu.inform-hearing', needsAssessment: 'wcu.needs-assessment' } as const;
type WitnessDuty = keyof typeof WITNESS_DUTIES;

type Unsuccessful = 'cracked' | 'ineffective';
const UNSUCCESSFUL: readonly Unsuccessful[] = ['cracked', 'ineffective'];

/** The reasons that can explain a cracked (or an ineffective) trial, in the court vocabulary's order. */
export const REASONS_FOR: Record<Unsuccessful, readonly EffectivenessReason[]> = {
  cracked: EFFECTIVENESS_REASON_CODES.filter((code) => (EFFECTIVENESS_REASONS[code].explains as readonly string[]).includes('cracked')),
  ineffective: EFFECTIVENESS_REASON_CODES.filter((code) => (EFFECTIVENESS_REASONS[code].explains as readonly string[]).includes('ineffective')),
};
const isWitnessIssue = (reason: EffectivenessReason) => (WITNESS_ISSUE_REASONS as readonly string[]).includes(reason);

/** The report's fact rows, as ReportsService reads them (each with its month). */
export interface WitnessTrialRows {
  trials: readonly TrialTotalsRow[];
  duties: readonly DutyTotalsRow[];
  attendance: readonly WitnessAttendanceTotalsRow[];
  specialMeasures: readonly SpecialMeasureTotalsRow[];
  preTrialVisits: readonly PreTrialVisitTotalsRow[];
}

interface WarnedCounts {
  warned: number;
  notWarned: number;
}

export interface WitnessTrialCounts {
  trials: { effective: number; reasons: Record<Unsuccessful, Record<string, number>> };
  duties: Record<WitnessDuty, StatusCounts>;
  attendance: { attended: WarnedCounts; failed: WarnedCounts; failedReasons: Record<string, number>; excused: number; notRequired: number };
  specialMeasures: { granted: number; refused: number; outstanding: number; refusalReasons: Record<string, number>; measures: Record<string, { requested: number; granted: number }> };
  preTrialVisits: { taken: number; declined: number; noAnswerYet: number };
}

const zeros = (keys: readonly string[]) => Object.fromEntries(keys.map((key) => [key, 0]));
const sum = (values: Record<string, number>) => Object.values(values).reduce((total, value) => total + value, 0);

function noCounts(): WitnessTrialCounts {
  return {
    trials: { effective: 0, reasons: { cracked: zeros(REASONS_FOR.cracked), ineffective: zeros(REASONS_FOR.ineffective) } },
    duties: { informHearing: noStatusCounts(), needsAssessment: noStatusCounts() },
    attendance: { attended: { warned: 0, notWarned: 0 }, failed: { warned: 0, notWarned: 0 }, failedReasons: zeros(NON_ATTENDANCE_REASONS), excused: 0, notRequired: 0 },
    specialMeasures: {
      granted: 0,
      refused: 0,
      outstanding: 0,
      refusalReasons: zeros(SPECIAL_MEASURE_REFUSAL_REASONS),
      measures: Object.fromEntries(SPECIAL_MEASURES.map((measure) => [measure, { requested: 0, granted: 0 }])),
    },
    preTrialVisits: { taken: 0, declined: 0, noAnswerYet: 0 },
  };
}

/** The rows of some months (of some areas, when `areaId` is given) summed. */
export function sumWitnessTrialRows(rows: WitnessTrialRows, months: readonly string[], areaId?: string): WitnessTrialCounts {
  const counts = noCounts();
  const wanted = (row: { month: string; area_id: string | null }) => months.includes(row.month) && (areaId === undefined || row.area_id === areaId);
  for (const row of rows.trials) {
    if (!wanted(row)) continue;
    if (row.effectiveness === 'effective') counts.trials.effective += row.trials;
    else {
      const reasons = counts.trials.reasons[row.effectiveness];
      const reason = row.effectiveness_reason ?? 'unknown';
      reasons[reason] = (reasons[reason] ?? 0) + row.trials;
    }
  }
  for (const row of rows.duties) {
    if (!wanted(row)) continue;
    const duty = (Object.keys(WITNESS_DUTIES) as WitnessDuty[]).find((key) => WITNESS_DUTIES[key] === row.rule_id);
    if (!duty) continue;
    addStatusCounts(counts.duties[duty], statusCountsOf(row));
  }
  const { attendance, specialMeasures, preTrialVisits } = counts;
  for (const row of rows.attendance) {
    if (!wanted(row)) continue;
    if (row.outcome === 'excused') attendance.excused += row.attendances;
    else if (row.outcome === 'not_required') attendance.notRequired += row.attendances;
    else {
      const split = row.outcome === 'attended' ? attendance.attended : attendance.failed;
      if (row.warned) split.warned += row.attendances;
      else split.notWarned += row.attendances;
      if (row.outcome === 'failed_to_attend') {
        const reason = row.reason ?? 'unknown';
        attendance.failedReasons[reason] = (attendance.failedReasons[reason] ?? 0) + row.attendances;
      }
    }
  }
  for (const row of rows.specialMeasures) {
    if (!wanted(row)) continue;
    const measure = (specialMeasures.measures[row.measure] ??= { requested: 0, granted: 0 });
    measure.requested += row.measures;
    if (row.status === 'granted') {
      specialMeasures.granted += row.measures;
      measure.granted += row.measures;
    } else if (row.status === 'refused') {
      specialMeasures.refused += row.measures;
      const reason = row.refusal_reason ?? 'other';
      specialMeasures.refusalReasons[reason] = (specialMeasures.refusalReasons[reason] ?? 0) + row.measures;
    } else specialMeasures.outstanding += row.measures;
  }
  for (const row of rows.preTrialVisits) {
    if (!wanted(row)) continue;
    if (row.status === 'taken') preTrialVisits.taken += row.visits;
    else if (row.status === 'declined') preTrialVisits.declined += row.visits;
    else preTrialVisits.noAnswerYet += row.visits;
  }
  return counts;
}

function trialTotals(counts: WitnessTrialCounts) {
  const cracked = sum(counts.trials.reasons.cracked);
  const ineffective = sum(counts.trials.reasons.ineffective);
  const witnessIssue = (of: Unsuccessful) =>
    Object.entries(counts.trials.reasons[of]).filter(([reason]) => isWitnessIssue(reason as EffectivenessReason)).reduce((total, [, value]) => total + value, 0);
  return {
    total: counts.trials.effective + cracked + ineffective,
    effective: counts.trials.effective,
    cracked,
    ineffective,
    crackedWitnessIssue: witnessIssue('cracked'),
    ineffectiveWitnessIssue: witnessIssue('ineffective'),
  };
}

/**
 * Counts a period's figures under `prefix`, with every additive relation that holds by
 * construction; answers the keys (without the prefix) so the whole period can be related
 * to its parts.
 */
function countWitnessTrialFigures(figures: FigureTable, prefix: string, counts: WitnessTrialCounts): string[] {
  const keys: string[] = [];
  const count = (key: string, value: number) => {
    keys.push(key);
    return figures.count(`${prefix}|${key}`, value);
  };

  // Trials: total = effective + cracked + ineffective; each of those = its reasons; the
  // witness-issue subtotals = their reasons, so each also splits into subtotal + other reasons.
  const trials = trialTotals(counts);
  const total = count('trials|total', trials.total);
  const effective = count('trials|effective', trials.effective);
  const byEffectiveness: Record<Unsuccessful, string> = { cracked: count('trials|cracked', trials.cracked), ineffective: count('trials|ineffective', trials.ineffective) };
  figures.relate(total, [effective, byEffectiveness.cracked, byEffectiveness.ineffective]);
  const witnessSubtotals: string[] = [];
  const otherReasons: string[] = [];
  for (const of of UNSUCCESSFUL) {
    const reasons = Object.keys(counts.trials.reasons[of]).map((reason) => ({ reason, key: count(`trials|${of}:${reason}`, counts.trials.reasons[of][reason]) }));
    figures.relate(byEffectiveness[of], reasons.map(({ key }) => key));
    const witness = reasons.filter(({ reason }) => isWitnessIssue(reason as EffectivenessReason)).map(({ key }) => key);
    const others = reasons.filter(({ reason }) => !isWitnessIssue(reason as EffectivenessReason)).map(({ key }) => key);
    const subtotal = count(`trials|${of}|witnessIssue`, of === 'cracked' ? trials.crackedWitnessIssue : trials.ineffectiveWitnessIssue);
    figures.relate(subtotal, witness);
    figures.relate(byEffectiveness[of], [subtotal, ...others]);
    witnessSubtotals.push(subtotal);
    otherReasons.push(...others);
  }
  const witnessIssues = count('trials|witnessIssue', trials.crackedWitnessIssue + trials.ineffectiveWitnessIssue);
  figures.relate(witnessIssues, witnessSubtotals);
  figures.relate(total, [effective, witnessIssues, ...otherReasons]);

  // Duties: due = met + metLate + breached + open + withdrawn.
  for (const duty of Object.keys(WITNESS_DUTIES) as WitnessDuty[]) {
    countStatusBlock(figures, `${prefix}|${duty}`, counts.duties[duty]);
    keys.push(...STATUS_COLUMNS.map((column) => `${duty}|${column}`));
  }

  // Attendance: recorded = expected + excused + not required; expected = attended + failed =
  // warned + not warned; each outcome = its warned split; failed = its reasons.
  const { attendance } = counts;
  const attendedCount = attendance.attended.warned + attendance.attended.notWarned;
  const failedCount = attendance.failed.warned + attendance.failed.notWarned;
  const recorded = count('attendance|recorded', attendedCount + failedCount + attendance.excused + attendance.notRequired);
  const expected = count('attendance|expected', attendedCount + failedCount);
  const attended = count('attendance|attended', attendedCount);
  const failed = count('attendance|failed', failedCount);
  figures.relate(recorded, [expected, count('attendance|excused', attendance.excused), count('attendance|notRequired', attendance.notRequired)]);
  figures.relate(expected, [attended, failed]);
  figures.relate(failed, Object.keys(attendance.failedReasons).map((reason) => count(`attendance|failed:${reason}`, attendance.failedReasons[reason])));
  const split = (name: string, of: WarnedCounts) => [count(`attendance|${name}|warned`, of.warned), count(`attendance|${name}|notWarned`, of.notWarned)];
  const [attendedWarned, attendedNotWarned] = split('attended', attendance.attended);
  const [failedWarned, failedNotWarned] = split('failed', attendance.failed);
  figures.relate(attended, [attendedWarned, attendedNotWarned]);
  figures.relate(failed, [failedWarned, failedNotWarned]);
  const warned = count('attendance|warned', attendance.attended.warned + attendance.failed.warned);
  const notWarned = count('attendance|notWarned', attendance.attended.notWarned + attendance.failed.notWarned);
  figures.relate(warned, [attendedWarned, failedWarned]);
  figures.relate(notWarned, [attendedNotWarned, failedNotWarned]);
  figures.relate(expected, [warned, notWarned]);

  // Special measures: requested = granted + refused + outstanding = the measures' requests;
  // granted = the measures' grants; refused = its reasons.
  const { specialMeasures } = counts;
  const measures = Object.keys(specialMeasures.measures);
  const requested = count('specialMeasures|requested', measures.reduce((all, measure) => all + specialMeasures.measures[measure].requested, 0));
  const granted = count('specialMeasures|granted', specialMeasures.granted);
  const refused = count('specialMeasures|refused', specialMeasures.refused);
  figures.relate(requested, [granted, refused, count('specialMeasures|outstanding', specialMeasures.outstanding)]);
  figures.relate(refused, Object.keys(specialMeasures.refusalReasons).map((reason) => count(`specialMeasures|refused:${reason}`, specialMeasures.refusalReasons[reason])));
  figures.relate(requested, measures.map((measure) => count(`specialMeasures|measure:${measure}|requested`, specialMeasures.measures[measure].requested)));
  figures.relate(granted, measures.map((measure) => count(`specialMeasures|measure:${measure}|granted`, specialMeasures.measures[measure].granted)));

  // Pre-trial visits: offered = taken + declined + no answer yet.
  const { preTrialVisits } = counts;
  const offered = count('preTrialVisits|offered', preTrialVisits.taken + preTrialVisits.declined + preTrialVisits.noAnswerYet);
  figures.relate(offered, [
    count('preTrialVisits|taken', preTrialVisits.taken),
    count('preTrialVisits|declined', preTrialVisits.declined),
    count('preTrialVisits|noAnswerYet', preTrialVisits.noAnswerYet),
  ]);
  return keys;
}

/**
 * The witness and trial report: trials heard by effectiveness and reason (and those lost
 * to a witness issue), witnesses told of hearings and assessed in time, attendance at court
 * and whether the witness was warned for the hearing as it went ahead, special measures,
 * and pre-trial visits; per period and for the whole period, each count protected.
 */
export function buildWitnessTrialReport(
  rows: WitnessTrialRows,
  groups: readonly PeriodGroup[],
  whole: PeriodGroup,
  protection: CellProtection,
): { periods: WitnessTrialPeriod[]; whole: WitnessTrialPeriod } {
  const periods = groups.map((group) => ({ group, key: group.label, counts: sumWitnessTrialRows(rows, group.months) }));
  const overall = { group: whole, key: 'all', counts: sumWitnessTrialRows(rows, whole.months) };
  const figures = new FigureTable();
  for (const period of periods) countWitnessTrialFigures(figures, period.key, period.counts);
  const keys = countWitnessTrialFigures(figures, overall.key, overall.counts);
  if (periods.length > 0) {
    for (const key of keys) figures.relate(`all|${key}`, periods.map((period) => `${period.key}|${key}`));
  }
  const shown = figures.protect(protection);
  const render = (period: typeof overall): WitnessTrialPeriod => ({
    label: period.group.label,
    from: period.group.from,
    to: period.group.to,
    ...showWitnessTrialFigures(shown, period.key, period.counts),
  });
  return { periods: periods.map(render), whole: render(overall) };
}

function showWitnessTrialFigures(shown: ShownFigures, prefix: string, counts: WitnessTrialCounts): Omit<WitnessTrialPeriod, 'label' | 'from' | 'to'> {
  const key = (name: string) => `${prefix}|${name}`;
  const show = (name: string) => shown.show(key(name));
  const share = (part: string, whole: string) => shown.percentOf(key(part), [key(whole)]);

  const trials = trialTotals(counts);
  const witnessIssueCount = trials.crackedWitnessIssue + trials.ineffectiveWitnessIssue;
  const reasonsOf = (of: Unsuccessful) =>
    Object.keys(counts.trials.reasons[of]).map((reason) => ({ reason, witnessIssue: isWitnessIssue(reason as EffectivenessReason), count: show(`trials|${of}:${reason}`) }));
  const trialFigures: TrialFigures = {
    total: show('trials|total'),
    effective: show('trials|effective'),
    cracked: show('trials|cracked'),
    ineffective: show('trials|ineffective'),
    effectivePercent: share('trials|effective', 'trials|total'),
    crackedPercent: share('trials|cracked', 'trials|total'),
    ineffectivePercent: share('trials|ineffective', 'trials|total'),
    crackedReasons: reasonsOf('cracked'),
    ineffectiveReasons: reasonsOf('ineffective'),
    witnessIssues: {
      total: show('trials|witnessIssue'),
      cracked: show('trials|cracked|witnessIssue'),
      ineffective: show('trials|ineffective|witnessIssue'),
      percent: share('trials|witnessIssue', 'trials|total'),
    },
  };

  const { attendance } = counts;
  const attendedCount = attendance.attended.warned + attendance.attended.notWarned;
  const expectedCount = attendedCount + attendance.failed.warned + attendance.failed.notWarned;
  const warnedCount = attendance.attended.warned + attendance.failed.warned;
  const attendanceFigures: AttendanceFigures = {
    recorded: show('attendance|recorded'),
    expected: show('attendance|expected'),
    attended: show('attendance|attended'),
    failedToAttend: show('attendance|failed'),
    failedReasons: Object.keys(attendance.failedReasons).map((reason) => ({ reason, count: show(`attendance|failed:${reason}`) })),
    excused: show('attendance|excused'),
    notRequired: show('attendance|notRequired'),
    attendedPercent: share('attendance|attended', 'attendance|expected'),
    warned: show('attendance|warned'),
    notWarned: show('attendance|notWarned'),
    warnedPercent: share('attendance|warned', 'attendance|expected'),
    attendedWarning: { warned: show('attendance|attended|warned'), notWarned: show('attendance|attended|notWarned') },
    failedWarning: { warned: show('attendance|failed|warned'), notWarned: show('attendance|failed|notWarned') },
  };

  const { specialMeasures } = counts;
  const specialMeasureFigures: SpecialMeasureFigures = {
    requested: show('specialMeasures|requested'),
    granted: show('specialMeasures|granted'),
    refused: show('specialMeasures|refused'),
    outstanding: show('specialMeasures|outstanding'),
    grantedPercent: shown.percentOf(key('specialMeasures|granted'), [key('specialMeasures|granted'), key('specialMeasures|refused')]),
    refusalReasons: Object.keys(specialMeasures.refusalReasons).map((reason) => ({ reason, count: show(`specialMeasures|refused:${reason}`) })),
    measures: Object.keys(specialMeasures.measures).map((measure) => ({
      measure,
      requested: show(`specialMeasures|measure:${measure}|requested`),
      granted: show(`specialMeasures|measure:${measure}|granted`),
    })),
  };

  const { preTrialVisits } = counts;
  const offeredCount = preTrialVisits.taken + preTrialVisits.declined + preTrialVisits.noAnswerYet;
  const visitFigures: PreTrialVisitFigures = {
    offered: show('preTrialVisits|offered'),
    taken: show('preTrialVisits|taken'),
    declined: show('preTrialVisits|declined'),
    noAnswerYet: show('preTrialVisits|noAnswerYet'),
    takenPercent: share('preTrialVisits|taken', 'preTrialVisits|offered'),
  };

  return {
    trials: trialFigures,
    witnessesInformed: showStatusBlock(shown, key('informHearing'), counts.duties.informHearing),
    witnessNeedsAssessment: showStatusBlock(shown, key('needsAssessment'), counts.duties.needsAssessment),
    attendance: attendanceFigures,
    specialMeasures: specialMeasureFigures,
    preTrialVisits: visitFigures,
  };
}

/** The counts of one area that the quarterly return (layout 2) carries. */
export interface WitnessTrialReturnCounts {
  trials: number;
  trialsEffective: number;
  trialsCracked: number;
  trialsIneffective: number;
  /** Cracked or ineffective for a reason in WITNESS_ISSUE_REASONS. */
  trialsWitnessIssue: number;
  specialMeasuresRequested: number;
  specialMeasuresGranted: number;
  /** Witnesses who attended a hearing heard in the period. */
  witnessesAttended: number;
  witnessesFailedToAttend: number;
}

/**
 * For the quarterly return: one area's counts over the given months (the quarter), from
 * the rows ReportsService reads for this report. Relations that hold between them, for the
 * return's FigureTable: trials = effective + cracked + ineffective; witnessIssue ≤ cracked + ineffective.
 */
export function witnessTrialReturnCounts(rows: WitnessTrialRows, months: readonly string[], areaId: string): WitnessTrialReturnCounts {
  const counts = sumWitnessTrialRows(rows, months, areaId);
  const trials = trialTotals(counts);
  const { attendance, specialMeasures } = counts;
  return {
    trials: trials.total,
    trialsEffective: trials.effective,
    trialsCracked: trials.cracked,
    trialsIneffective: trials.ineffective,
    trialsWitnessIssue: trials.crackedWitnessIssue + trials.ineffectiveWitnessIssue,
    specialMeasuresRequested: Object.values(specialMeasures.measures).reduce((all, measure) => all + measure.requested, 0),
    specialMeasuresGranted: specialMeasures.granted,
    witnessesAttended: attendance.attended.warned + attendance.attended.notWarned,
    witnessesFailedToAttend: attendance.failed.warned + attendance.failed.notWarned,
  };
}
