import { describe, expect, it } from '@jest/globals';
import type { WitnessTrialRows } from './witness-trial.report.js';
import { buildWitnessTrialReport, witnessTrialReturnCounts } from './witness-trial.report.js';
import { periodGroups, wholePeriod } from './report-periods.js';

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

  it('hides small counts, and no month or category relation leaves a single hidden cell', () => {
    const built = buildWitnessTrialReport(rows, periodGroups('2026-04-01', '2026-06-30', 'month'), wholePeriod('2026-04-01', '2026-06-30'), 5);
    expect(built.whole.trials.total).toBe(17);
    expect(built.whole.trials.effective).toBe(11);
    expect(built.periods[1].trials.cracked).toBe('<5');
    const hidden = (value: unknown) => typeof value === 'string';
    const { trials } = built.whole;
    for (const cells of [
      [trials.total, trials.effective, trials.cracked, trials.ineffective],
      [trials.ineffective, ...trials.ineffectiveReasons.map((entry) => entry.count)],
      [trials.witnessIssues.total, trials.witnessIssues.cracked, trials.witnessIssues.ineffective],
      [trials.effective, ...built.periods.map((period) => period.trials.effective)],
    ]) {
      expect(cells.filter(hidden).length).not.toBe(1);
    }
  });
});
