import { describe, expect, it } from '@jest/globals';
import {
  applyEvent,
  deriveEnhancedRights,
  evaluateDuties,
  openVictimWindows,
  ulsReminders,
  type CodeEvent,
} from './index.js';

describe('the README example', () => {
  const events: CodeEvent[] = [
    {
      id: 'e1',
      type: 'enhanced-rights.recorded',
      occurredAt: new Date('2026-01-05T09:00:00Z'),
      payload: { categories: ['vulnerable'] },
    },
    {
      id: 'e2',
      type: 'police.decision-made',
      occurredAt: new Date('2026-01-12T10:00:00Z'),
      payload: { decisionId: 'PD-1', kind: 'charged' },
    },
    {
      id: 'e3',
      type: 'victim.informed',
      occurredAt: new Date('2026-01-14T09:00:00Z'),
      payload: { about: 'police_decision', subjectId: 'PD-1' },
    },
  ];

  it('evaluates as written', () => {
    const { duties } = evaluateDuties({ events, at: new Date('2026-01-20T12:00:00Z') });
    expect(
      duties.map((duty) => [duty.key, duty.dueAt.toISOString(), duty.enhanced, duty.status, duty.workingDaysLate]),
    ).toEqual([
      ['police.inform-decision|police_decision:PD-1', '2026-01-13T23:59:59.999Z', true, 'met_late', 1],
      ['support.vps-offer|journey', '2026-01-13T23:59:59.999Z', true, 'breached', null],
    ]);
  });

  it('applies the last event incrementally to the same effect', () => {
    const before = evaluateDuties({ events: events.slice(0, 2), at: new Date('2026-01-12T10:00:00Z') });
    const changes = applyEvent({ event: events[2]!, openDuties: before.duties, closedDutyKeys: [], ...before.facts });
    expect(changes.discharge).toEqual([
      {
        key: 'police.inform-decision|police_decision:PD-1',
        metAt: new Date('2026-01-14T09:00:00Z'),
        status: 'met_late',
        workingDaysLate: 1,
        dischargedByEventId: 'e3',
      },
    ]);
  });
});

describe('the README examples of the facts, receipts and windows', () => {
  it('derives enhanced rights from a date of birth', () => {
    expect(
      deriveEnhancedRights({
        offenceCategory: 'burglary',
        offenceDate: '2026-06-14',
        dateOfBirth: '2010-06-15',
        vulnerabilityFlags: [],
      }),
    ).toEqual([{ category: 'vulnerable', reason: 'under_18_at_offence' }]);
  });

  it('runs a listing from its receipt', () => {
    const listed: CodeEvent = {
      id: 'e4',
      type: 'hearing.listed',
      occurredAt: new Date('2026-01-12T10:00:00Z'),
      receivedAt: new Date('2026-01-14T10:00:00Z'),
      payload: { hearingId: 'H-1', version: 1 },
    };
    expect(evaluateDuties({ events: [listed], at: new Date('2026-01-14T12:00:00Z') }).duties[0]?.dueAt).toEqual(
      new Date('2026-01-15T23:59:59.999Z'),
    );
  });

  it('lists the Unduly Lenient Sentence window and when to remind of it', () => {
    const sentenced: CodeEvent = {
      id: 'e5',
      type: 'court.sentence',
      occurredAt: new Date('2026-12-18T12:00:00Z'),
      payload: { outcomeId: 'OUT-1', offenceViolentOrSexual: true, custodialMonths: 24, hospitalOrder: false },
    };
    const at = new Date('2027-01-04T12:00:00Z');
    expect(openVictimWindows({ events: [sentenced], at })).toEqual([
      expect.objectContaining({
        windowId: 'unduly-lenient-sentence',
        closesAt: new Date('2027-01-15T23:59:59.999Z'),
        openedByEventId: 'e5',
      }),
    ]);
    expect(ulsReminders({ events: [sentenced], at })[0]?.remindAt).toEqual(new Date('2027-01-13T08:00:00.000Z'));
  });
});
