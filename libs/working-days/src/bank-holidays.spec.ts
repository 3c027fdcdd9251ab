import { describe, expect, it } from '@jest/globals';
import {
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from './bank-holidays.generated.js';
import { addWorkingDays, isWorkingDay } from './index.js';

// Noon UTC is 12:00 or 13:00 in London: always the same London date.
const noonOn = (date: string): Date => new Date(`${date}T12:00:00Z`);

// Copied by hand from https://www.gov.uk/bank-holidays (England and Wales).
const GOV_UK_ENGLAND_AND_WALES: Record<number, string[]> = {
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28',
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27',
    '2027-12-28',
  ],
};

describe('England and Wales bank holidays, against the gov.uk list', () => {
  for (const [year, holidays] of Object.entries(GOV_UK_ENGLAND_AND_WALES)) {
    describe(year, () => {
      it.each(holidays)('%s is not a working day', (date) => {
        expect(isWorkingDay(noonOn(date))).toBe(false);
      });

      it('has exactly the gov.uk bank holidays, no more', () => {
        const generated = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter(({ date }) => date.startsWith(year)).map(
          ({ date }) => date,
        );
        expect(generated).toEqual(holidays);
      });

      it.each(holidays)('the weekdays either side of %s that are not holidays are working days', (date) => {
        const isWeekdayNotHoliday = (day: Date): boolean =>
          day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !holidays.includes(day.toISOString().slice(0, 10));
        const before = new Date(noonOn(date).getTime() - 86_400_000);
        const after = new Date(noonOn(date).getTime() + 86_400_000);
        for (const neighbour of [before, after]) {
          if (isWeekdayNotHoliday(neighbour)) expect(isWorkingDay(neighbour)).toBe(true);
        }
      });
    });
  }

  it('skips Good Friday and Easter Monday: 1 working day from Maundy Thursday 2026 is Tuesday', () => {
    expect(addWorkingDays(noonOn('2026-04-02'), 1).toISOString()).toBe('2026-04-07T22:59:59.999Z');
  });

  it('skips Christmas and the Boxing Day substitute: 1 working day from Christmas Eve 2026 is 29 December', () => {
    expect(addWorkingDays(noonOn('2026-12-24'), 1).toISOString()).toBe('2026-12-29T23:59:59.999Z');
  });

  it('skips both 2027 substitute days: 1 working day from Friday 24 December 2027 is 29 December', () => {
    expect(addWorkingDays(noonOn('2027-12-24'), 1).toISOString()).toBe('2027-12-29T23:59:59.999Z');
  });
});

describe('substitute days and one-off bank holidays', () => {
  it.each([
    ['2020-05-08', 'VE Day 75 (early May bank holiday moved)'],
    ['2022-06-02', 'spring bank holiday moved for the Platinum Jubilee'],
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Coronation of King Charles III'],
    ['2017-01-02', 'New Year substitute'],
    ['2021-12-27', 'Christmas substitute'],
    ['2021-12-28', 'Boxing Day substitute'],
    ['2022-01-03', 'New Year substitute'],
    ['2022-12-27', 'Christmas substitute'],
    ['2028-01-03', 'New Year substitute'],
    ['2032-12-28', 'Boxing Day substitute'],
    ['2033-12-27', 'Christmas substitute'],
  ])('%s (%s) is not a working day', (date) => {
    expect(isWorkingDay(noonOn(date))).toBe(false);
  });

  it.each([
    ['2020-05-04', 'the first Monday of May 2020, when the holiday moved to VE Day'],
    ['2022-05-30', 'the last Monday of May 2022, when the holiday moved to 2 June'],
  ])('%s (%s) is a working day', (date) => {
    expect(isWorkingDay(noonOn(date))).toBe(true);
  });
});

describe('the generated bank holiday data', () => {
  it('covers 2015 to 2035', () => {
    expect([BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR]).toEqual([2015, 2035]);
  });

  it('has at least the eight regular bank holidays in every covered year', () => {
    for (let year = BANK_HOLIDAYS_FIRST_YEAR; year <= BANK_HOLIDAYS_LAST_YEAR; year++) {
      const inYear = ENGLAND_AND_WALES_BANK_HOLIDAYS.filter(({ date }) => date.startsWith(`${year}-`));
      expect(inYear.length).toBeGreaterThanOrEqual(8);
    }
  });

  it('lists weekdays only, in order, each once', () => {
    const dates = ENGLAND_AND_WALES_BANK_HOLIDAYS.map(({ date }) => date);
    expect([...new Set(dates)].sort()).toEqual(dates);
    for (const date of dates) expect([0, 6]).not.toContain(noonOn(date).getUTCDay());
  });
});

describe('dates outside the generated years', () => {
  it('refuses a date in 2036 rather than treat its bank holidays as working days', () => {
    expect(() => isWorkingDay(noonOn('2036-03-03'))).toThrow(RangeError);
    expect(() => isWorkingDay(noonOn('2036-03-03'))).toThrow(/2036.*generate-bank-holidays\.ts/);
  });

  it('refuses a date in 2014', () => {
    expect(() => isWorkingDay(noonOn('2014-12-31'))).toThrow(/2014/);
  });

  it('refuses a deadline that runs into 2036', () => {
    expect(() => addWorkingDays(noonOn('2035-12-31'), 1)).toThrow(RangeError);
  });
});
