import { beforeEach, describe, expect, it } from '@jest/globals';
import { courtWorld, DEFENDANT_ID } from '../../test/support/court-repositories.fake.js';
import { refusal } from '../../test/support/journey-frame.fake.js';
import { BailDecisionsService } from './bail-decisions.service.js';
import type { RecordBailDecisionRequest } from './dto/court-requests.dto.js';

describe('BailDecisionsService', () => {
  let world: ReturnType<typeof courtWorld>;
  let service: BailDecisionsService;

  beforeEach(() => {
    world = courtWorld({ now: '2026-05-10T12:00:00Z' });
    service = new BailDecisionsService(world.work, world.frame.crimeWork, world.records, world.bailDecisions, world.frame.journeys, world.frame.audit);
  });

  const record = async (overrides: Partial<RecordBailDecisionRequest> = {}) =>
    (await service.record(world.frame.actor, world.frame.crime.id, { kind: 'bail_granted', decidedAt: '2026-05-09T15:00:00Z', defendantId: DEFENDANT_ID, ...overrides }, null)).body;

  it('takes bail news keyed by hand without a receipt: its duty runs from the decision', async () => {
    const decision = await record();
    expect(decision).toMatchObject({ defendant: { id: DEFENDANT_ID, reference: 'DEF-000001' }, kind: 'bail_granted', decidedAt: new Date('2026-05-09T15:00:00Z') });
    expect(world.frame.told[0]!.events).toEqual([
      { type: 'court.bail-decision', occurredAt: new Date('2026-05-09T15:00:00Z'), receivedAt: new Date('2026-05-10T12:00:00Z'), payload: { bailDecisionId: decision.id, kind: 'bail_granted' } },
    ]);
    expect(world.tables.bailDecisions[0]!.receivedAt).toEqual(new Date('2026-05-10T12:00:00Z'));
  });

  it('refuses a decision in the future with a receipt before it, naming the decision only', async () => {
    const error = await refusal(() => record({ decidedAt: '2026-05-11T15:00:00Z', receivedAt: '2026-05-09T15:00:00Z' }));
    expect(error.extensions.errors).toEqual([{ field: 'decidedAt', message: 'must not be in the future' }]);
  });

  it('refuses a defendant not on the crime, telling nobody', async () => {
    expect(await refusal(() => record({ defendantId: 'd0000000-0000-4000-8000-0000000000ff' }))).toMatchObject({ code: 'DEFENDANT_NOT_ON_CRIME', extensions: { field: 'defendantId' } });
    expect(world.frame.told).toEqual([]);
    expect(world.frame.audits).toEqual([]);
  });

  it('audits the decision with the journeys told', async () => {
    const decision = await record({ kind: 'remanded_in_custody' });
    expect(world.frame.audits).toEqual([
      {
        action: 'create',
        entityType: 'bail_decision',
        entityId: decision.id,
        areaId: world.frame.crime.areaId,
        details: { crimeId: world.frame.crime.id, defendantId: DEFENDANT_ID, kind: 'remanded_in_custody', journeyIds: [world.frame.journey.id] },
      },
    ]);
  });
});
