import { describe, expect, it } from '@jest/globals';
import {
  hearing,
  informedOfPoliceDecision,
  journeyClosed,
  policeDecision,
  withId,
  enhancedRightsRecorded,
} from './code-event.builder.js';
import { CODE_EVENT_TYPES, compareEvents } from './events.js';
import { subjectKey, subjectOfEvent } from './subjects.js';

describe('the event catalogue', () => {
  it('lists each event type once', () => {
    expect(new Set(CODE_EVENT_TYPES).size).toBe(CODE_EVENT_TYPES.length);
  });

  it('names every event type as a dotted domain.verb', () => {
    for (const type of CODE_EVENT_TYPES) expect(type).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
  });
});

describe('the order events are applied in', () => {
  const at = '2026-01-12T10:00:00Z';

  it('is by when they happened first', () => {
    const earlier = journeyClosed('2026-01-12T09:00:00Z');
    expect([policeDecision(at), earlier].sort(compareEvents)[0]).toBe(earlier);
  });

  it('puts cause before effect at the same instant', () => {
    const sorted = [
      journeyClosed(at),
      informedOfPoliceDecision(at),
      policeDecision(at),
      enhancedRightsRecorded(at),
    ].sort(compareEvents);
    expect(sorted.map((event) => event.type)).toEqual([
      'enhanced-rights.recorded',
      'police.decision-made',
      'victim.informed',
      'journey.closed',
    ]);
  });

  it('then goes by id, then by payload, so the input order never matters', () => {
    const a = withId(hearing('listed', at, 1), 'a');
    const b = withId(hearing('listed', at, 1), 'b');
    const bOther = withId(hearing('listed', at, 2), 'b');
    expect([bOther, b, a].sort(compareEvents)).toEqual([a, b, bOther]);
    expect([a, b, bOther].sort(compareEvents)).toEqual([a, b, bOther]);
  });
});

describe('subject keys', () => {
  it.each([
    [{ kind: 'journey' } as const, 'journey'],
    [{ kind: 'police_decision', id: 'PD-1' } as const, 'police_decision:PD-1'],
    [{ kind: 'hearing', id: 'H-1', version: 3 } as const, 'hearing:H-1@v3'],
    [{ kind: 'appeal', id: 'APP-1', stage: 'lodged' } as const, 'appeal:APP-1/lodged'],
  ])('writes %p as %s', (subject, key) => {
    expect(subjectKey(subject)).toBe(key);
  });
});

describe('the subject of an event', () => {
  it('is the journey for events about the journey as a whole', () => {
    expect(subjectOfEvent(journeyClosed('2026-01-12T10:00:00Z'))).toEqual({ kind: 'journey' });
  });

  it('is the hearing version for a hearing event', () => {
    expect(subjectOfEvent(hearing('adjourned', '2026-01-12T10:00:00Z', 4, 'H-7'))).toEqual({
      kind: 'hearing',
      id: 'H-7',
      version: 4,
    });
  });
});
