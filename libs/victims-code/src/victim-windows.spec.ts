import { describe, expect, it } from '@jest/globals';
import { createCalendar } from '../../working-days/src/index.js';
import { VICTIM_WINDOWS, victimWindowCloses, type VictimWindowId } from './victim-windows.js';

describe("the victim's own windows", () => {
  it('asks for a CPS review within 10 working days of being told, and accepts one up to 3 months', () => {
    // Told on Monday 12 January 2026.
    expect(victimWindowCloses('cps.victims-right-to-review', new Date('2026-01-12T15:00:00Z'))).toEqual({
      askBy: new Date('2026-01-26T23:59:59.999Z'),
      closesAt: new Date('2026-04-12T22:59:59.999Z'),
    });
  });

  it('closes the police review window 3 months after the victim is told', () => {
    expect(victimWindowCloses('police.victims-right-to-review', new Date('2026-11-30T15:00:00Z'))).toEqual({
      askBy: null,
      closesAt: new Date('2027-02-28T23:59:59.999Z'),
    });
  });

  it('closes the Unduly Lenient Sentence window at the end of the 28th calendar day after sentence, a hard limit', () => {
    expect(victimWindowCloses('unduly-lenient-sentence', new Date('2026-12-18T12:00:00Z')).closesAt).toEqual(
      new Date('2027-01-15T23:59:59.999Z'),
    );
    expect(VICTIM_WINDOWS.find((window) => window.id === 'unduly-lenient-sentence')?.hardLimit).toBe(true);
  });

  it('counts working days with the calendar it is given', () => {
    const calendar = createCalendar({ closureDays: ['2026-01-13'] });
    expect(victimWindowCloses('cps.victims-right-to-review', new Date('2026-01-12T15:00:00Z'), calendar).askBy).toEqual(
      new Date('2026-01-27T23:59:59.999Z'),
    );
  });

  it('refuses an unknown window', () => {
    expect(() => victimWindowCloses('ombudsman' as VictimWindowId, new Date())).toThrow(RangeError);
  });
});
