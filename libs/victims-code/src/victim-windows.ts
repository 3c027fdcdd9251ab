/**
 * Windows in which the victim may act. They chase no owner and never breach: they are
 * shown to the victim and to staff, and they close.
 */
import { defaultCalendar, type WorkingDayCalendar } from '../../working-days/src/index.js';
import type { CodeEventType } from './events.js';
import type { CodeRight } from './rules.js';
import { endOfTimescale, type Timescale } from './timescales.js';

export type VictimWindowId =
  'cps.victims-right-to-review' | 'police.victims-right-to-review' | 'unduly-lenient-sentence';

export interface VictimWindow {
  readonly id: VictimWindowId;
  readonly title: string;
  readonly right: CodeRight;
  /** The event the window counts from. */
  readonly startsAt: CodeEventType;
  readonly startsAtDescription: string;
  /** When the victim is asked to act by, if earlier than the window's close. */
  readonly askBy: Timescale | null;
  readonly closes: Timescale;
  /** A hard limit is never extended; otherwise late requests may be considered exceptionally. */
  readonly hardLimit: boolean;
  readonly source: string;
}

export const VICTIM_WINDOWS: readonly VictimWindow[] = [
  {
    id: 'cps.victims-right-to-review',
    title: 'Ask the CPS to review a decision not to charge or to stop the case',
    right: 6,
    startsAt: 'victim.informed',
    startsAtDescription: 'the victim is told of the CPS decision',
    askBy: { unit: 'working_days', amount: 10 },
    closes: { unit: 'calendar_months', amount: 3 },
    hardLimit: false,
    source: "CPS Victims' Right to Review guidance: ask within 10 working days; accepted up to 3 months",
  },
  {
    id: 'police.victims-right-to-review',
    title: 'Ask the police to review a decision not to charge',
    right: 6,
    startsAt: 'victim.informed',
    startsAtDescription: 'the victim is told of the police decision',
    askBy: null,
    closes: { unit: 'calendar_months', amount: 3 },
    hardLimit: false,
    source: "NPCC police Victims' Right to Review scheme: ask within 3 months",
  },
  {
    id: 'unduly-lenient-sentence',
    title: 'Ask the Attorney General to refer the sentence as unduly lenient',
    right: 9,
    startsAt: 'court.sentence',
    startsAtDescription: 'the sentence is passed',
    askBy: null,
    closes: { unit: 'calendar_days', amount: 28 },
    hardLimit: true,
    source: "Attorney General's Office, Unduly Lenient Sentence scheme: 28 calendar days of sentence, never extended",
  },
];

export interface VictimWindowInstants {
  /** End of the period the victim is asked to act within; null when there is none. */
  readonly askBy: Date | null;
  readonly closesAt: Date;
}

export function victimWindowCloses(
  windowId: VictimWindowId,
  startedAt: Date,
  calendar: WorkingDayCalendar = defaultCalendar,
): VictimWindowInstants {
  const window = VICTIM_WINDOWS.find(({ id }) => id === windowId);
  if (!window) throw new RangeError(`No victim window '${windowId}'`);
  return {
    askBy: window.askBy && endOfTimescale(window.askBy, startedAt, calendar),
    closesAt: endOfTimescale(window.closes, startedAt, calendar),
  };
}
