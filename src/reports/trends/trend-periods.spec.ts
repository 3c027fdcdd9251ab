import { describe, expect, it } from '@jest/globals';
import { previousPeriod, rollingTwelveMonths, samePeriodLastYear } from './trend-periods.js';

describe('the periods a trend compares', () => {
  it('takes as many whole months just before a period of whole months', () => {
    expect(previousPeriod({ from: '2026-04-01', to: '2026-06-30' })).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('takes as many days just before any other period', () => {
    expect(previousPeriod({ from: '2026-04-10', to: '2026-04-19' })).toEqual({ from: '2026-03-31', to: '2026-04-09' });
  });

  it('takes the same dates a year before, February keeping its own last day', () => {
    expect(samePeriodLastYear({ from: '2028-02-01', to: '2028-02-29' })).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(samePeriodLastYear({ from: '2028-02-10', to: '2028-02-29' })).toEqual({ from: '2027-02-10', to: '2027-02-28' });
  });

  it('has no comparison before the calendar’s first year', () => {
    expect(samePeriodLastYear({ from: '2015-03-01', to: '2015-03-31' })).toBeNull();
    expect(previousPeriod({ from: '2015-01-01', to: '2015-03-31' })).toBeNull();
  });

  it('rolls 12 whole months ending with the period’s last month', () => {
    expect(rollingTwelveMonths({ from: '2026-04-01', to: '2026-05-20' })).toEqual({ from: '2025-06-01', to: '2026-05-31' });
  });
});
