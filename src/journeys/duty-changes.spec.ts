import { describe, expect, it } from '@jest/globals';
import { evaluateDuties } from '../../libs/victims-code/src/index.js';
import { contactSucceeded, crimeReported, enhancedRightsRecorded, referralReceived } from '../../libs/victims-code/src/code-event.builder.js';
import { dutyChanges, type StoredDutyState } from './duty-changes.js';

const referred = [crimeReported('2026-01-05T09:00:00Z'), referralReceived('2026-01-06T09:00:00Z', 'R-1')];
const at = new Date('2026-01-06T12:00:00Z');

function stored(events = referred, when = at): StoredDutyState[] {
  return evaluateDuties({ events, at: when }).duties.map((duty, index) => ({
    id: `duty-${index}`,
    key: duty.key,
    status: duty.status,
    dueAt: duty.dueAt,
    enhanced: duty.enhanced,
  }));
}

describe('dutyChanges', () => {
  it('inserts the duties a journey never had', () => {
    const { insert, update } = dutyChanges([], evaluateDuties({ events: referred, at }).duties);
    expect(insert.map((duty) => duty.ruleId)).toEqual(['police.refer-to-support', 'support.first-contact']);
    expect(update).toEqual([]);
  });

  it('changes nothing when the engine sees what is stored', () => {
    expect(dutyChanges(stored(), evaluateDuties({ events: referred, at }).duties)).toEqual({ insert: [], update: [] });
  });

  it('meets a stored open duty when its discharging event arrives', () => {
    const events = [...referred, contactSucceeded('2026-01-07T10:00:00Z')];
    const { update } = dutyChanges(stored(), evaluateDuties({ events, at: new Date('2026-01-07T12:00:00Z') }).duties);
    expect(update.map(({ duty }) => [duty.ruleId, duty.status])).toEqual([['support.first-contact', 'met']]);
  });

  it('shortens a still-owed deadline when enhanced rights are recorded with an earlier date', () => {
    const events = [enhancedRightsRecorded('2026-01-05T08:00:00Z'), ...referred];
    const { update } = dutyChanges(stored(), evaluateDuties({ events, at }).duties);
    expect(update.map(({ duty }) => [duty.ruleId, duty.enhanced, duty.dueAt.toISOString()])).toEqual([
      ['support.first-contact', true, '2026-01-07T23:59:59.999Z'],
    ]);
  });

  it('never rewrites a duty already met, whatever the engine now says', () => {
    const met = stored().map((duty) => ({ ...duty, status: 'met' as const }));
    const events = [enhancedRightsRecorded('2026-01-05T08:00:00Z'), ...referred];
    expect(dutyChanges(met, evaluateDuties({ events, at }).duties).update).toEqual([]);
  });

  it('marks a stored open duty breached once the engine finds it past due', () => {
    const later = new Date('2026-01-20T12:00:00Z');
    const { update } = dutyChanges(stored(), evaluateDuties({ events: referred, at: later }).duties);
    expect(update.map(({ duty }) => [duty.ruleId, duty.status])).toEqual([['support.first-contact', 'breached']]);
  });
});
