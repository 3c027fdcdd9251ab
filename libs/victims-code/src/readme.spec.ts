import { describe, expect, it } from '@jest/globals';
import { applyEvent, evaluateDuties, type CodeEvent } from './index.js';

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
