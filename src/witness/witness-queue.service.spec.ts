import { beforeEach, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { JourneyFrame } from '../../test/support/journey-frame.fake.js';
import type { WitnessQueueSection } from './dto/witness-queue.dto.js';
import type { SentencedVictimRow, WitnessQueueOwner, WitnessQueueRepository, WitnessQueueRow } from './witness-queue.repository.js';
import { WitnessQueueService } from './witness-queue.service.js';

/** The queue's SQL answered from rows per section; remembers whose queue was asked for. */
class FakeWitnessQueue implements WitnessQueueRepository {
  readonly asked: WitnessQueueOwner[] = [];
  rows: Partial<Record<WitnessQueueSection, WitnessQueueRow[]>> = {};
  countsAnswer = { hearings: 0, notWarned: 0, notInformed: 0, notInformedOverdue: 0, followUps: 0 };

  async page(_tx: EntityManager, owner: WitnessQueueOwner, section: Exclude<WitnessQueueSection, 'uls_windows'>): Promise<WitnessQueueRow[]> {
    this.asked.push(owner);
    return this.rows[section] ?? [];
  }

  async counts(_tx: EntityManager, owner: WitnessQueueOwner) {
    this.asked.push(owner);
    return this.countsAnswer;
  }

  /** No sentences in these cases: the ULS windows are read from the timeline (test/journeys). */
  async sentencedVictims(): Promise<SentencedVictimRow[]> {
    return [];
  }
}

function row(overrides: Partial<WitnessQueueRow>): WitnessQueueRow {
  return {
    journey_id: 'j-1',
    area_id: 'area-1',
    reference: 'VJ-2026-000001',
    given_name: 'Ada',
    family_name: 'Lovelace',
    enhanced: false,
    hearing_id: 'h-1',
    hearing_type: 'trial',
    court_name: 'Teesside Crown Court',
    listed_for: new Date('2026-05-11T09:30:00Z'),
    listing_version: 1,
    warned: null,
    outstanding: null,
    duty_id: null,
    duty_due_at: null,
    attendance_id: null,
    reason: null,
    attendance_version: null,
    total: '1',
    ...overrides,
  };
}

describe('WitnessQueueService', () => {
  let frame: JourneyFrame;
  let queue: FakeWitnessQueue;
  let service: WitnessQueueService;
  const query = (section: WitnessQueueSection, mine = false) => ({ section, mine, limit: 20, offset: 0 });

  beforeEach(() => {
    // A Friday before the early May bank holiday.
    frame = new JourneyFrame({ now: '2026-05-01T12:00:00Z', actor: { roles: ['witness_care_officer'] } });
    queue = new FakeWitnessQueue();
    service = new WitnessQueueService(frame.transactions, queue, frame.audit, frame.clock);
  });

  it('looks to the end of the tenth London working day, in the caller’s areas, at every officer’s cases unless asked for mine', async () => {
    const answer = await service.list(frame.actor, query('hearings'));
    // Monday 4 May is a bank holiday: the tenth working day is Monday 18 May, to midnight in London (BST).
    expect(answer.horizon).toEqual(new Date('2026-05-18T22:59:59.999Z'));
    expect(queue.asked[0]).toMatchObject({ officerId: null, now: frame.clock.now(), horizon: answer.horizon });
    expect(queue.asked[0]!.scope.areaIds).toEqual(frame.actor.areaIds);
    await service.list(frame.actor, query('hearings', true));
    expect(queue.asked[2]!.officerId).toBe(frame.actor.userId);
  });

  it('shows a hearing with whether the witness was warned and the special measures still outstanding', async () => {
    queue.rows.hearings = [
      row({
        warned: true,
        outstanding: [{ id: 's-1', measure: 'screens', status: 'applied_for' }],
        measures: [{ id: 's-0', measure: 'live_link', status: 'granted' }, { id: 's-1', measure: 'screens', status: 'applied_for' }],
        informed_status: 'met_late',
        interpreter_languages: ['pl'],
        pre_trial_visit_status: 'offered',
      }),
    ];
    const [item] = (await service.list(frame.actor, query('hearings'))).items;
    expect(item).toEqual({
      section: 'hearings',
      journey: { id: 'j-1', reference: 'VJ-2026-000001', personName: 'Ada Lovelace', enhanced: false },
      hearing: { id: 'h-1', type: 'trial', courtName: 'Teesside Crown Court', listedFor: new Date('2026-05-11T09:30:00Z'), listingVersion: 1 },
      warned: true,
      outstandingSpecialMeasures: [{ id: 's-1', measure: 'screens', status: 'applied_for' }],
      specialMeasures: [{ id: 's-0', measure: 'live_link', status: 'granted' }, { id: 's-1', measure: 'screens', status: 'applied_for' }],
      informed: 'told',
      interpreterLanguages: ['pl'],
      preTrialVisit: 'offered',
    });
  });

  it('reads whether the witness was told of the current listing from its duty: open or breached is not yet, none or withdrawn owes nothing', async () => {
    queue.rows.hearings = [
      row({ journey_id: 'j-1', informed_status: 'breached' }),
      row({ journey_id: 'j-2', informed_status: 'met' }),
      row({ journey_id: 'j-3', informed_status: null }),
      row({ journey_id: 'j-4', informed_status: 'withdrawn' }),
    ];
    const { items } = await service.list(frame.actor, query('hearings'));
    expect(items.map((item) => item.informed)).toEqual(['not_told', 'told', 'not_owed', 'not_owed']);
  });

  it('shows the duty to tell of a listing as breached once its deadline has passed', async () => {
    queue.rows.not_informed = [
      row({ journey_id: 'j-1', duty_id: 'd-1', duty_due_at: new Date('2026-05-01T11:59:59Z') }),
      row({ journey_id: 'j-2', duty_id: 'd-2', duty_due_at: new Date('2026-05-04T16:00:00Z') }),
    ];
    const { items } = await service.list(frame.actor, query('not_informed'));
    expect(items.map((item) => item.duty)).toEqual([
      { id: 'd-1', ruleId: 'wcu.inform-hearing', dueAt: new Date('2026-05-01T11:59:59Z'), status: 'breached' },
      { id: 'd-2', ruleId: 'wcu.inform-hearing', dueAt: new Date('2026-05-04T16:00:00Z'), status: 'open' },
    ]);
  });

  it('shows a failure to attend with the attendance’s version to resolve it with', async () => {
    queue.rows.follow_ups = [row({ attendance_id: 'a-1', reason: 'childcare', attendance_version: 3 })];
    const [item] = (await service.list(frame.actor, query('follow_ups'))).items;
    expect(item!.followUp).toEqual({ attendanceId: 'a-1', reason: 'childcare', version: 3 });
  });

  it('totals from the page, or from the counts when the page is empty', async () => {
    queue.rows.hearings = [row({ total: '42' })];
    expect((await service.list(frame.actor, query('hearings'))).total).toBe(42);
    queue.countsAnswer = { hearings: 0, notWarned: 0, notInformed: 7, notInformedOverdue: 2, followUps: 3 };
    expect((await service.list(frame.actor, query('not_informed'))).total).toBe(7);
    expect((await service.list(frame.actor, query('follow_ups'))).total).toBe(3);
  });

  it('audits a page as a listing of each journey on it, once each; counts are not audited', async () => {
    queue.rows.hearings = [row({ journey_id: 'j-1', hearing_id: 'h-1' }), row({ journey_id: 'j-1', hearing_id: 'h-2' }), row({ journey_id: 'j-2', area_id: 'area-2' })];
    await service.list(frame.actor, query('hearings'));
    expect(frame.audits).toEqual([
      { action: 'list', entityType: 'journey', entityId: 'j-1', areaId: 'area-1', details: { what: 'witness_care_queue', section: 'hearings' } },
      { action: 'list', entityType: 'journey', entityId: 'j-2', areaId: 'area-2', details: { what: 'witness_care_queue', section: 'hearings' } },
    ]);
    await service.counts(frame.actor, false);
    expect(frame.audits).toHaveLength(2);
  });
});
