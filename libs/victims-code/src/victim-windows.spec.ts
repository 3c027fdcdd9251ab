import { describe, expect, it } from '@jest/globals';
import { createCalendar } from '../../working-days/src/index.js';
import {
  cpsDecision,
  informedOfCpsDecision,
  informedOfOutcome,
  informedOfPoliceDecision,
  policeDecision,
  receivedAt,
  recordCorrected,
  recordVoided,
  sentence,
  verdict,
  withId,
} from './code-event.builder.js';
import type { CodeEvent } from './events.js';
import {
  openVictimWindows,
  ULS_REMINDER,
  ulsReminderAt,
  ulsReminders,
  VICTIM_WINDOWS,
  victimWindowCloses,
  type VictimWindowId,
} from './victim-windows.js';

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

describe('the windows open on a journey', () => {
  // Thursday 14 May 2026 (BST, London = UTC+1).
  const DECIDED = '2026-05-14T09:00:00Z';
  const TOLD = '2026-05-15T09:00:00Z';
  const SENTENCED = '2026-05-18T13:00:00Z';

  const rows = (events: CodeEvent[], at: string) =>
    openVictimWindows({ events, at: new Date(at) }).map((window) => [
      window.windowId,
      window.subject,
      window.openedByEventId,
      window.askBy?.toISOString() ?? null,
      window.closesAt.toISOString(),
    ]);

  it('lists the police review window from when the victim was told of a decision not to charge', () => {
    const events = [policeDecision(DECIDED, 'released_nfa'), informedOfPoliceDecision(TOLD)];
    expect(rows(events, TOLD)).toEqual([
      [
        'police.victims-right-to-review',
        { kind: 'police_decision', id: 'PD-1' },
        informedOfPoliceDecision(TOLD).id,
        null,
        '2026-08-15T22:59:59.999Z',
      ],
    ]);
  });

  it('lists the CPS review window, with the 10 working days the victim is asked to keep to (25 May a bank holiday)', () => {
    const events = [cpsDecision(DECIDED, 'discontinue'), informedOfCpsDecision(TOLD)];
    expect(rows(events, TOLD).map(([id, , , askBy, closesAt]) => [id, askBy, closesAt])).toEqual([
      ['cps.victims-right-to-review', '2026-06-01T22:59:59.999Z', '2026-08-15T22:59:59.999Z'],
    ]);
  });

  it('lists the Unduly Lenient Sentence window from the sentence passed, not from its receipt', () => {
    const received = receivedAt(sentence(SENTENCED), '2026-05-20T09:00:00Z');
    expect(rows([received], '2026-05-20T09:00:00Z')).toEqual([
      ['unduly-lenient-sentence', { kind: 'outcome', id: 'OUT-1' }, received.id, null, '2026-06-15T22:59:59.999Z'],
    ]);
  });

  it('opens no window for a decision the review schemes do not cover, nor before the victim is told', () => {
    expect(rows([policeDecision(DECIDED, 'charged'), informedOfPoliceDecision(TOLD)], TOLD)).toEqual([]);
    expect(rows([cpsDecision(DECIDED, 'alter_charges'), informedOfCpsDecision(TOLD)], TOLD)).toEqual([]);
    expect(rows([policeDecision(DECIDED, 'released_nfa')], TOLD)).toEqual([]);
    expect(rows([informedOfPoliceDecision(TOLD, 'PD-UNKNOWN')], TOLD)).toEqual([]);
  });

  it('counts from the first time the victim was told, and lists each window once', () => {
    const events = [
      policeDecision(DECIDED, 'released_nfa'),
      informedOfPoliceDecision('2026-05-20T09:00:00Z'),
      informedOfPoliceDecision(TOLD),
      sentence(SENTENCED),
      withId(sentence(SENTENCED), 'resent'),
    ];
    expect(rows(events, '2026-05-20T09:00:00Z').map(([id, , openedBy]) => [id, openedBy])).toEqual([
      ['police.victims-right-to-review', informedOfPoliceDecision(TOLD).id],
      ['unduly-lenient-sentence', sentence(SENTENCED).id],
    ]);
  });

  it('stops listing a window once it has closed', () => {
    expect(rows([sentence(SENTENCED)], '2026-06-15T22:59:59.999Z')).toHaveLength(1);
    expect(rows([sentence(SENTENCED)], '2026-06-15T23:00:00.000Z')).toEqual([]);
  });

  it('lists no window for a decision or sentence voided as recorded in error', () => {
    const events = [
      policeDecision(DECIDED, 'released_nfa'),
      informedOfPoliceDecision(TOLD),
      sentence(SENTENCED),
      recordVoided('2026-05-19T09:00:00Z', 'police_decision', 'PD-1'),
      recordVoided('2026-05-19T09:00:00Z', 'outcome', 'OUT-1'),
    ];
    expect(rows(events, '2026-05-19T09:00:00Z')).toEqual([]);
  });

  it('moves the window with a corrected sentence date', () => {
    const passed = sentence(SENTENCED);
    const events = [passed, recordCorrected('2026-05-20T09:00:00Z', passed.id, { occurredAt: '2026-05-11T13:00:00Z' })];
    expect(rows(events, '2026-05-20T09:00:00Z')[0]?.[4]).toBe('2026-06-08T22:59:59.999Z');
  });
});

describe('the reminder to the witness care unit of a ULS window closing', () => {
  const SENTENCED = '2026-12-18T12:00:00Z'; // window closes at the end of Friday 15 January 2027

  it('falls at 08:00 two working days before the last day, a local default', () => {
    expect(ULS_REMINDER).toEqual({ workingDaysBefore: 2, hour: 8 });
    expect(ulsReminderAt(new Date('2027-01-15T23:59:59.999Z'))).toEqual(new Date('2027-01-13T08:00:00Z'));
  });

  it('skips days off, with the calendar it is given', () => {
    const calendar = createCalendar({ closureDays: ['2027-01-14'] });
    expect(ulsReminderAt(new Date('2027-01-15T23:59:59.999Z'), calendar)).toEqual(new Date('2027-01-12T08:00:00Z'));
  });

  it('is owed while the victim has not been told of the sentence', () => {
    expect(ulsReminders({ events: [sentence(SENTENCED)], at: new Date('2027-01-04T12:00:00Z') })).toEqual([
      {
        outcomeId: 'OUT-1',
        sentencedAt: new Date(SENTENCED),
        closesAt: new Date('2027-01-15T23:59:59.999Z'),
        remindAt: new Date('2027-01-13T08:00:00Z'),
      },
    ]);
  });

  it('is not owed once the victim has been told of the sentence, nor for news of the verdict before it', () => {
    const told = [verdict('2026-12-10T12:00:00Z'), informedOfOutcome('2026-12-11T12:00:00Z'), sentence(SENTENCED)];
    expect(ulsReminders({ events: told, at: new Date('2027-01-04T12:00:00Z') })).toHaveLength(1);
    const toldOfSentence = [...told, informedOfOutcome('2026-12-21T12:00:00Z')];
    expect(ulsReminders({ events: toldOfSentence, at: new Date('2027-01-04T12:00:00Z') })).toEqual([]);
  });

  it('is not owed to a victim who opted out of news of the outcome', () => {
    const events = [sentence(SENTENCED)];
    expect(ulsReminders({ events, at: new Date(SENTENCED), facts: { optedOutOf: ['outcome'] } })).toEqual([]);
  });

  it('is not owed once the window has closed', () => {
    expect(ulsReminders({ events: [sentence(SENTENCED)], at: new Date('2027-01-16T00:00:00Z') })).toEqual([]);
  });
});
