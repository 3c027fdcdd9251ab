import { beforeEach, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { JourneyFrame } from '../../test/support/journey-frame.fake.js';
import type { WorkItemKind, WorkQueueQuery, WorkQueueSort } from './dto/work-queue.dto.js';
import type { QueueFilters, QueueOwner, QueueRow, WorkQueueRepository } from './work-queue.repository.js';
import { WorkQueueService, type DigestReader } from './work-queue.service.js';

const ORGANISATION_KINDS: Record<string, string> = {
  '22222222-2222-4222-8222-222222222222': 'victim_care_service',
  '77777777-7777-4777-8777-777777777777': 'police_force',
};

/** The queue's SQL answered from rows per view; remembers each question. */
class FakeWorkQueue implements WorkQueueRepository {
  readonly pages: Array<{ owner: QueueOwner; filters: QueueFilters; sort: WorkQueueSort }> = [];
  readonly totals: QueueOwner[] = [];
  rows: Record<'mine' | 'team', QueueRow[]> = { mine: [], team: [] };
  totalAnswer = 0;
  countsAnswer = new Map<WorkItemKind, number>();

  async page(_tx: EntityManager, owner: QueueOwner, filters: QueueFilters, sort: WorkQueueSort): Promise<QueueRow[]> {
    this.pages.push({ owner, filters, sort });
    return this.rows[owner.view].filter((row) => filters.kinds.includes(row.kind));
  }

  async total(_tx: EntityManager, owner: QueueOwner): Promise<number> {
    this.totals.push(owner);
    return this.totalAnswer;
  }

  async counts(): Promise<Map<WorkItemKind, number>> {
    return this.countsAnswer;
  }

  async organisationKind(_tx: EntityManager, organisationId: string): Promise<string | null> {
    return ORGANISATION_KINDS[organisationId] ?? null;
  }
}

function row(overrides: Partial<QueueRow>): QueueRow {
  return {
    kind: 'duty_overdue',
    journey_id: 'j-1',
    area_id: 'area-1',
    reference: 'VJ-2026-000001',
    stage: 'referred',
    enhanced: false,
    given_name: 'Ada',
    family_name: 'Lovelace',
    lead_worker_id: null,
    lead_worker_name: null,
    duty_id: null,
    rule_id: null,
    duty_due_at: null,
    duty_status: null,
    action_id: null,
    description: null,
    due_on: null,
    due_at: new Date('2026-03-02T17:00:00Z'),
    referred_at: new Date('2026-03-02T09:00:00Z'),
    total: '1',
    ...overrides,
  };
}

describe('WorkQueueService', () => {
  let frame: JourneyFrame;
  let queue: FakeWorkQueue;
  let service: WorkQueueService;
  const query = (overrides: Partial<WorkQueueQuery> = {}) => ({ view: 'mine', sort: 'due', limit: 20, offset: 0, ...overrides }) as WorkQueueQuery;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-03-05T23:30:00Z' });
    queue = new FakeWorkQueue();
    service = new WorkQueueService(frame.transactions, queue, frame.audit, frame.clock);
  });

  describe('whose queue', () => {
    it('is the caller’s, in their areas, on today in London, with duties their kind of organisation owes', async () => {
      await service.list(frame.actor, query());
      const { owner, filters } = queue.pages[0]!;
      expect(owner).toMatchObject({ view: 'mine', userId: frame.actor.userId, organisationId: frame.actor.organisationId, dutyOwner: 'victim_care_service', now: frame.clock.now() });
      expect(owner.scope.areaIds).toEqual(frame.actor.areaIds);
      // 23:30 UTC in March is 23:30 in London (GMT): still the 5th.
      expect(owner.today).toBe('2026-03-05');
      expect(filters.kinds).toEqual(['new_referral', 'duty_due_today', 'duty_overdue', 'action_due']);
    });

    it('shows every owner’s duties to an organisation that owes none of its own kind', async () => {
      await service.list({ ...frame.actor, organisationId: '77777777-7777-4777-8777-777777777777' }, query());
      expect(queue.pages[0]!.owner.dutyOwner).toBeNull();
      await service.list({ ...frame.actor, organisationId: '88888888-8888-4888-8888-888888888888' }, query());
      expect(queue.pages[1]!.owner.dutyOwner).toBeNull();
    });

    it('narrows to one of the caller’s areas; another area is simply empty', async () => {
      const [mine] = frame.actor.areaIds;
      await service.list(frame.actor, query({ areaId: mine }));
      await service.list(frame.actor, query({ areaId: '99999999-9999-4999-8999-999999999999' }));
      expect(queue.pages.map((page) => page.owner.scope.areaIds)).toEqual([[mine], []]);
    });

    it('passes one kind and the filters through', async () => {
      await service.list(frame.actor, query({ kind: 'action_due', stage: 'in_support', enhanced: true, sort: 'reference' }));
      expect(queue.pages[0]).toMatchObject({ filters: { kinds: ['action_due'], stage: 'in_support', enhanced: true }, sort: 'reference' });
    });
  });

  describe('a page', () => {
    it('shows each item with its journey, and a duty past its deadline as breached', async () => {
      queue.rows.mine = [
        row({ kind: 'duty_overdue', duty_id: 'd-1', rule_id: 'support.first-contact', duty_due_at: new Date('2026-03-04T23:59:59Z'), lead_worker_id: 'w-1', lead_worker_name: 'Grace' }),
        row({ kind: 'action_due', journey_id: 'j-2', action_id: 'a-1', description: 'Lock change', due_on: '2026-03-05' }),
      ];
      const { items } = await service.list(frame.actor, query());
      expect(items[0]).toEqual({
        kind: 'duty_overdue',
        journey: { id: 'j-1', reference: 'VJ-2026-000001', stage: 'referred', enhanced: false, personName: 'Ada Lovelace', leadWorker: { id: 'w-1', name: 'Grace' } },
        dueAt: new Date('2026-03-02T17:00:00Z'),
        duty: { id: 'd-1', ruleId: 'support.first-contact', dueAt: new Date('2026-03-04T23:59:59Z'), status: 'breached' },
      });
      expect(items[1]!.action).toEqual({ id: 'a-1', description: 'Lock change', dueOn: '2026-03-05' });
    });

    it('totals from the page; past the last page, by counting; on an empty first page, 0', async () => {
      queue.rows.mine = [row({ total: '31' })];
      expect((await service.list(frame.actor, query())).total).toBe(31);
      queue.rows.mine = [];
      queue.totalAnswer = 31;
      expect((await service.list(frame.actor, query({ offset: 40 }))).total).toBe(31);
      expect((await service.list(frame.actor, query())).total).toBe(0);
      expect(queue.totals).toHaveLength(1);
    });

    it('is audited as a listing of each journey on it, once each', async () => {
      queue.rows.mine = [row({ journey_id: 'j-1', duty_id: 'd-1' }), row({ journey_id: 'j-1', duty_id: 'd-2' }), row({ journey_id: 'j-2' })];
      await service.list(frame.actor, query());
      expect(frame.audits.map((audit) => [audit.entityId, audit.details])).toEqual([
        ['j-1', { what: 'work_queue', view: 'mine' }],
        ['j-2', { what: 'work_queue', view: 'mine' }],
      ]);
    });
  });

  it('counts each kind, with none as 0, without auditing', async () => {
    queue.countsAnswer = new Map([['duty_overdue', 2], ['new_referral', 5]]);
    expect(await service.counts(frame.actor, 'team')).toEqual({ newReferrals: 5, dutiesDueToday: 0, dutiesOverdue: 2, actionsDue: 0 });
    expect(frame.audits).toEqual([]);
  });

  describe('the daily digest', () => {
    const reader: DigestReader = { userId: 'u-1', organisationId: 'o-1', organisationKind: 'witness_care_unit', areaIds: ['area-1'], supervisor: false };
    const digest = (who: DigestReader) => frame.transactions.run((tx) => service.digestItems(tx, who, frame.clock.now(), '2026-03-05', 10));

    it('reads the user’s own view: overdue, due today and new referrals, duties of their kind', async () => {
      queue.rows.mine = [row({ kind: 'duty_overdue', duty_id: 'd-1' }), row({ kind: 'action_due' })];
      expect((await digest(reader)).map((item) => item.duty_id)).toEqual(['d-1']);
      expect(queue.pages[0]).toMatchObject({ owner: { view: 'mine', dutyOwner: 'witness_care_unit', today: '2026-03-05' }, filters: { kinds: ['duty_overdue', 'duty_due_today', 'new_referral'] } });
      expect(queue.pages[0]!.owner.scope.areaIds).toEqual(['area-1']);
      expect(queue.pages).toHaveLength(1);
    });

    it('adds, for a supervisor, the team’s overdue duties not already in their own', async () => {
      queue.rows.mine = [row({ duty_id: 'd-1' })];
      queue.rows.team = [row({ duty_id: 'd-1' }), row({ duty_id: 'd-2' })];
      expect((await digest({ ...reader, supervisor: true })).map((item) => item.duty_id)).toEqual(['d-1', 'd-2']);
      expect(queue.pages[1]).toMatchObject({ owner: { view: 'team' }, filters: { kinds: ['duty_overdue'] } });
    });

    it('is not audited: the email carries references, rules and deadlines only', async () => {
      queue.rows.mine = [row({ duty_id: 'd-1' })];
      await digest(reader);
      expect(frame.audits).toEqual([]);
    });
  });
});
