import {
  BANK_HOLIDAYS_FIRST_YEAR,
  BANK_HOLIDAYS_LAST_YEAR,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
} from './bank-holidays.generated.js';
import {
  addMonthsToDay,
  dayOfLondonDate,
  endOfLondonDayNumber,
  londonDateOfDay,
  londonDayOf,
  startOfLondonDay,
  weekdayOfDay,
  yearOfDay,
  type LondonDate,
} from './london-day.js';

const SUNDAY = 0;
const SATURDAY = 6;
const MS_PER_HOUR = 3_600_000;

export interface CalendarOptions {
  /**
   * Extra days the deployment does not work, as Europe/London dates ('YYYY-MM-DD'):
   * e.g. a local service's closure between Christmas and New Year.
   */
  readonly closureDays?: readonly LondonDate[];
}

function assertPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
}

/**
 * England and Wales working days, counted in Europe/London whatever the server's time
 * zone: not a Saturday or Sunday, not a bank holiday (substitute days included), not a
 * configured closure day.
 *
 * Every answer is an instant (a Date); every count is of London calendar days. The day
 * of the starting event is day 0 whatever it is, so "within 1 working day" of a Friday
 * evening ends at the end of Monday.
 */
export class WorkingDayCalendar {
  private readonly daysOff: ReadonlySet<number>;

  constructor(options: CalendarOptions = {}) {
    const closureDays = (options.closureDays ?? []).map(dayOfLondonDate);
    const bankHolidays = ENGLAND_AND_WALES_BANK_HOLIDAYS.map(({ date }) => dayOfLondonDate(date));
    this.daysOff = new Set([...bankHolidays, ...closureDays]);
  }

  /** Is the London calendar day on which `at` falls a working day? */
  isWorkingDay(at: Date): boolean {
    return this.isWorkingLondonDay(londonDayOf(at));
  }

  /**
   * When a duty "within `days` working days of `from`" falls due: 23:59:59.999 London
   * time at the end of the `days`-th working day after the London day of `from`.
   */
  addWorkingDays(from: Date, days: number): Date {
    assertPositiveInteger('days', days);
    let londonDay = londonDayOf(from);
    for (let counted = 0; counted < days;) {
      londonDay += 1;
      if (this.isWorkingLondonDay(londonDay)) counted += 1;
    }
    return endOfLondonDayNumber(londonDay);
  }

  /**
   * Working days after the London day of `from` up to and including the London day of
   * `to`; 0 when `to` is on or before `from`'s day. "How many working days late".
   */
  workingDaysBetween(from: Date, to: Date): number {
    const lastDay = londonDayOf(to);
    let count = 0;
    for (let londonDay = londonDayOf(from) + 1; londonDay <= lastDay; londonDay++) {
      if (this.isWorkingLondonDay(londonDay)) count += 1;
    }
    return count;
  }

  /**
   * The instant at which `hours` hours of working-day time have passed since `from`.
   * The clock runs through each whole London working day (midnight to midnight, so 23
   * or 25 hours on a clock-change day) and stops on weekends, bank holidays and
   * closure days; an event on a day off starts the clock at the next working midnight.
   * No timescale in the Code is in hours today: this is here so a local standard such
   * as "within 24 working hours" can be expressed as data.
   */
  addWorkingHours(from: Date, hours: number): Date {
    assertPositiveInteger('hours', hours);
    let londonDay = londonDayOf(from);
    let cursor = from.getTime();
    if (!this.isWorkingLondonDay(londonDay)) {
      londonDay = this.nextWorkingLondonDay(londonDay);
      cursor = startOfLondonDay(londonDay).getTime();
    }
    let remaining = hours * MS_PER_HOUR;
    for (;;) {
      const available = startOfLondonDay(londonDay + 1).getTime() - cursor;
      if (remaining <= available) return new Date(cursor + remaining);
      remaining -= available;
      londonDay = this.nextWorkingLondonDay(londonDay);
      cursor = startOfLondonDay(londonDay).getTime();
    }
  }

  /** "Within `days` calendar days": the end of the `days`-th London day after `from`'s. */
  addCalendarDays(from: Date, days: number): Date {
    assertPositiveInteger('days', days);
    return endOfLondonDayNumber(londonDayOf(from) + days);
  }

  /**
   * "Within `months` months": the end of the London day with the same day of the month
   * `months` later, or of the last day of that month when it is shorter.
   */
  addCalendarMonths(from: Date, months: number): Date {
    assertPositiveInteger('months', months);
    return endOfLondonDayNumber(addMonthsToDay(londonDayOf(from), months));
  }

  /**
   * `hour`:00 London time on the last working day before the London day of `at`: "08:00
   * on the working day before the due day". UK clocks change only on Sundays, never a
   * working day, so the hour is counted from that day's midnight without a clock change.
   */
  atHourOnWorkingDayBefore(at: Date, hour: number): Date {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) {
      throw new RangeError(`hour must be an integer from 0 to 23, got ${hour}`);
    }
    let londonDay = londonDayOf(at) - 1;
    while (!this.isWorkingLondonDay(londonDay)) londonDay -= 1;
    return new Date(startOfLondonDay(londonDay).getTime() + hour * MS_PER_HOUR);
  }

  /** 23:59:59.999 London time on the London day of `at`. */
  endOfLondonDay(at: Date): Date {
    return endOfLondonDayNumber(londonDayOf(at));
  }

  /** The London calendar date of `at`, as 'YYYY-MM-DD'. */
  londonDate(at: Date): LondonDate {
    return londonDateOfDay(londonDayOf(at));
  }

  private nextWorkingLondonDay(londonDay: number): number {
    let next = londonDay + 1;
    while (!this.isWorkingLondonDay(next)) next += 1;
    return next;
  }

  private isWorkingLondonDay(londonDay: number): boolean {
    const year = yearOfDay(londonDay);
    // Outside the generated years a missing holiday would silently shorten every
    // deadline around it, so refuse rather than guess weekends only.
    if (year < BANK_HOLIDAYS_FIRST_YEAR || year > BANK_HOLIDAYS_LAST_YEAR) {
      throw new RangeError(
        `England and Wales bank holidays are only known for ${BANK_HOLIDAYS_FIRST_YEAR}-${BANK_HOLIDAYS_LAST_YEAR}, ` +
          `not for ${year} (${londonDateOfDay(londonDay)}). Extend LAST_YEAR in ` +
          'libs/working-days/scripts/generate-bank-holidays.ts and regenerate bank-holidays.generated.ts.',
      );
    }
    const weekday = weekdayOfDay(londonDay);
    return weekday !== SATURDAY && weekday !== SUNDAY && !this.daysOff.has(londonDay);
  }
}

/** A calendar with the deployment's extra closure days on top of the bank holidays. */
export function createCalendar(options: CalendarOptions = {}): WorkingDayCalendar {
  return new WorkingDayCalendar(options);
}
