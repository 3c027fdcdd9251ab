import { describe, expect, it } from '@jest/globals';
import type { WitnessTrialRows } from './witness-trial.report.js';
import { buildWitnessTrialReport, witnessTrialReturnCounts } from './witness-trial.report.js';
import { periodGroups, wholePeriod } from './report-periods.js';
import type { CellProtection } from './disclosure/figure-table.js';
import { protectedBuild } from './disclosure/protected-build.js';
import { expectProtected } from '../../test/reports/disclosure-checks.js';

const CLEVELAND = '00000000-0000-4000-8000-000000000001';
const DURHAM = '00000000-0000-4000-8000-000000000002';

const rows: WitnessTrialRows = {
  trials: [
    { area_id: CLEVELAND, month: '2026-04-01', effectiveness: 'effective', effectiveness_reason: null, trials: 7 },
    { area_id: CLEVELAND, month: '2026-05-01', effectiveness: 'cracked', effectiveness_reason: 'prosecution_witness_absent', trials: 2 },
    { area_id: CLEVELAND, month: '2026-05-01', effectiveness: 'ineffective', effectiveness_reason: 'prosecution_witness_absent', trials: 1 },
    { area_id: CLEVELAND, month: '2026-06-01', effectiveness: 'ineffective', effectiveness_reason: 'no_court_time', trials: 3 },
    { area_id: DURHAM, month: '2026-06-01', effectiveness: 'effective', effectiveness_reason: null, trials: 4 },
    { area_id: CLEVELAND, month: '2026-07-01', effectiveness: 'effective', effectiveness_reason: null, trials: 9 },
  ],
  duties: [],
  attendance: [
    { area_id: CLEVELAND, month: '2026-04-01', outcome: 'attended', reason: null, warned: true, attendances: 6 },
    { area_id: CLEVELAND, month: '2026-05-01', outcome: 'failed_to_attend', reason: 'illness', warned: false, attendances: 2 },
    { area_id: DURHAM, month: '2026-05-01', outcome: 'excused', reason: null, warned: false, attendances: 1 },
  ],
  specialMeasures: [
    { area_id: CLEVELAND, month: '2026-04-01', measure: 'screens', status: 'granted', refusal_reason: null, measures: 3 },
    { area_id: CLEVELAND, month: '2026-04-01', measure: 'live_link', status: 'applied_for', refusal_reason: null, measures: 1 },
    { area_id: DURHAM, month: '2026-05-01', measure: 'screens', status: 'refused', refusal_reason: 'other', measures: 2 },
  ],
  preTrialVisits: [],
};
const QUARTER = ['2026-04-01', '2026-05-01', '2026-06-01'];

describe('the witness and trial report', () => {
  it('gives the quarterly return one area’s counts over the quarter', () => {
    expect(witnessTrialReturnCounts(rows, QUARTER, CLEVELAND)).toEqual({
      trials: 13, trialsEffective: 7, trialsCracked: 2, trialsIneffective: 4, trialsWitnessIssue: 3,
      specialMeasuresRequested: 4, specialMeasuresGranted: 3, witnessesAttended: 6, witnessesFailedToAttend: 2,
    });
    expect(witnessTrialReturnCounts(rows, QUARTER, DURHAM)).toEqual(expect.objectContaining({ trials: 4, trialsEffective: 4, specialMeasuresRequested: 2, specialMeasuresGranted: 0 }));
  });

  it('perturbs every count by its cell key: zeros stay zero, 1 to 4 shown as 0, none from 7 up more than 2 away, the same rows the same answer', () => {
    const build = (facts: WitnessTrialRows, protection: CellProtection) =>
      buildWitnessTrialReport(facts, periodGroups('2026-04-01', '2026-06-30', 'month'), wholePeriod('2026-04-01', '2026-06-30'), protection);
    const exact = protectedBuild('none', rows, build);
    expect(exact.whole.trials.total).toBe(17);
    expect(exact.whole.trials.effective).toBe(11);
    expect(exact.periods[1].trials.cracked).toBe(2);
    const keyed = withKeys(rows);
    const shown = protectedBuild('cell-key', keyed, build);
    expect(protectedBuild('cell-key', withKeys(rows), build)).toEqual(shown);
    const { counts } = expectProtected(shown, exact);
    expect(counts).toBeGreaterThan(40);
    expect(shown.periods[1].trials.cracked).toBe(0);
    // A percentage needs a protected base of 10: May's 3 trials give none.
    expect(shown.periods[1].trials.crackedPercent).toBeNull();
  });
});

/** The rows with a record-key sum beside each count, as the fact queries answer them. */
function withKeys(facts: WitnessTrialRows): WitnessTrialRows {
  const keyed = (list: readonly object[], count: string) =>
    list.map((row, index) => ({ ...row, [`${count}_key`]: (index * 97 + 31) % 256 })) as never;
  return {
    trials: keyed(facts.trials, 'trials'),
    duties: [],
    attendance: keyed(facts.attendance, 'attendances'),
    specialMeasures: keyed(facts.specialMeasures, 'measures'),
    preTrialVisits: [],
  };
}
