import { describe, expect, it } from '@jest/globals';
import { financialQuarter, financialQuarterLabel, isCalendarDate, monthsSpanned, periodGroups, splitAtWholeMonths, wholePeriod } from './report-periods.js';

describe('report periods', () => {
  it('knows a calendar date from a date-shaped string', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-4-01')).toBe(false);
  });

  it('labels quarters by the financial year, April to March', () => {
    expect(['2026-04-01', '2026-07-15', '2026-12-31', '2027-01-01', '2027-03-31'].map(financialQuarterLabel)).toEqual([
      '2026-27 Q1', '2026-27 Q2', '2026-27 Q3', '2026-27 Q4', '2026-27 Q4',
    ]);
    expect(financialQuarter(2026, 4)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(financialQuarter(2099, 1)).toEqual({ from: '2099-04-01', to: '2099-06-30' });
  });

  it('cuts a period into months or quarters clipped to it, each with the months it covers', () => {
    expect(periodGroups('2026-05-15', '2026-07-10', 'month')).toEqual([
      { label: '2026-05', from: '2026-05-15', to: '2026-05-31', months: ['2026-05-01'] },
      { label: '2026-06', from: '2026-06-01', to: '2026-06-30', months: ['2026-06-01'] },
      { label: '2026-07', from: '2026-07-01', to: '2026-07-10', months: ['2026-07-01'] },
    ]);
    expect(periodGroups('2026-02-01', '2026-07-31', 'quarter')).toEqual([
      { label: '2025-26 Q4', from: '2026-02-01', to: '2026-03-31', months: ['2026-02-01', '2026-03-01'] },
      { label: '2026-27 Q1', from: '2026-04-01', to: '2026-06-30', months: ['2026-04-01', '2026-05-01', '2026-06-01'] },
      { label: '2026-27 Q2', from: '2026-07-01', to: '2026-07-31', months: ['2026-07-01'] },
    ]);
    expect(wholePeriod('2026-12-10', '2027-01-05')).toEqual({ label: 'all', from: '2026-12-10', to: '2027-01-05', months: ['2026-12-01', '2027-01-01'] });
  });

  it('counts the months a period touches, both ends included', () => {
    expect(monthsSpanned('2026-01-31', '2028-12-01')).toBe(36);
    expect(monthsSpanned('2026-04-30', '2026-04-30')).toBe(1);
  });

  it('cuts a period into the whole months between its ends and the part months at them', () => {
    expect(splitAtWholeMonths('2026-04-15', '2026-07-10')).toEqual({
      months: { from: '2026-05-01', to: '2026-06-30' },
      edges: [{ from: '2026-04-15', to: '2026-04-30' }, { from: '2026-07-01', to: '2026-07-10' }],
    });
    expect(splitAtWholeMonths('2026-04-01', '2026-06-30')).toEqual({ months: { from: '2026-04-01', to: '2026-06-30' }, edges: [] });
    expect(splitAtWholeMonths('2026-12-02', '2027-01-31')).toEqual({ months: { from: '2027-01-01', to: '2027-01-31' }, edges: [{ from: '2026-12-02', to: '2026-12-31' }] });
    expect(splitAtWholeMonths('2028-02-01', '2028-03-30')).toEqual({ months: { from: '2028-02-01', to: '2028-02-29' }, edges: [{ from: '2028-03-01', to: '2028-03-30' }] });
    // Nothing whole: the period is read from the tables.
    expect(splitAtWholeMonths('2026-04-02', '2026-04-29')).toEqual({ months: null, edges: [{ from: '2026-04-02', to: '2026-04-29' }] });
    expect(splitAtWholeMonths('2026-04-15', '2026-05-20')).toEqual({ months: null, edges: [{ from: '2026-04-15', to: '2026-05-20' }] });
  });
});
