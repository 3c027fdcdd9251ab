import { describe, expect, it } from '@jest/globals';
import { addWorkingDays, createCalendar, isWorkingDay, workingDaysBetween } from './index.js';

describe('the README example', () => {
  it('works as written', () => {
    const arrest = new Date('2026-05-01T23:30:00Z');
    expect(addWorkingDays(arrest, 1).toISOString()).toBe('2026-05-05T22:59:59.999Z');
    expect(isWorkingDay(new Date('2026-12-28T12:00:00Z'))).toBe(false);
    expect(workingDaysBetween(new Date('2026-05-05T22:59:59.999Z'), new Date('2026-05-07T09:00:00Z'))).toBe(2);

    const vcas = createCalendar({ closureDays: ['2026-12-29', '2026-12-30', '2026-12-31'] });
    expect(vcas.addWorkingDays(new Date('2026-12-24T12:00:00Z'), 1).toISOString()).toBe('2027-01-04T23:59:59.999Z');
  });
});
