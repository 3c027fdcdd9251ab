import { describe, expect, it } from '@jest/globals';
import { coversWholeMonths, financialQuarter, financialQuarterLabel, isCalendarDate, monthsSpanned, periodGroups, wholePeriod } from './report-periods.js';

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

  it('answers from the rollups only for whole months', () => {
    expect(coversWholeMonths('2026-04-01', '2026-06-30')).toBe(true);
    expect(coversWholeMonths('2028-02-01', '2028-02-29')).toBe(true);
    expect(coversWholeMonths('2026-04-02', '2026-06-30')).toBe(false);
    expect(coversWholeMonths('2026-04-01', '2026-06-29')).toBe(false);
    expect(monthsSpanned('2026-01-31', '2028-12-01')).toBe(36);
  });
});
