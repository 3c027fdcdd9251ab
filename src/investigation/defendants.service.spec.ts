import { beforeEach, describe, expect, it } from '@jest/globals';
import { CrimeFrame } from '../../test/support/crime-frame.fake.js';
import { investigationWorld } from '../../test/support/investigation-repositories.fake.js';
import { refusal } from '../../test/support/journey-frame.fake.js';
import { DefendantsService } from './defendants.service.js';

describe('DefendantsService', () => {
  let frame: CrimeFrame;
  let world: ReturnType<typeof investigationWorld>;
  let service: DefendantsService;

  beforeEach(() => {
    frame = new CrimeFrame({ now: '2026-04-10T12:00:00Z' });
    world = investigationWorld(frame);
    service = new DefendantsService(frame.crimeWork, frame.audit, frame.clock, world.defendants);
  });

  const add = (overrides: { dateOfBirth?: string } = {}) =>
    service.add(frame.actor, frame.crime.id, { givenName: '  Sam ', familyName: ' Offender', ...overrides }, null);

  it('adds a defendant with trimmed names, tells every journey by reference only, and audits field names only', async () => {
    const { body } = await add({ dateOfBirth: '1990-05-17' });
    expect(body).toMatchObject({ givenName: 'Sam', familyName: 'Offender', dateOfBirth: '1990-05-17', status: 'suspect', journeysTold: [{ id: frame.journey.id }] });
    expect(frame.events).toEqual([{ type: 'defendant.added', occurredAt: new Date('2026-04-10T12:00:00Z'), payload: { defendantId: body.id, reference: body.reference } }]);
    expect(frame.audits).toEqual([
      { action: 'create', entityType: 'defendant', entityId: body.id, areaId: frame.crime.areaId, details: { crimeId: frame.crime.id, reference: body.reference, fields: ['dateOfBirth', 'familyName', 'givenName'] } },
    ]);
  });

  it('refuses a date of birth after today in London', async () => {
    const error = await refusal(() => add({ dateOfBirth: '2026-04-11' }));
    expect(error.extensions.errors).toEqual([{ field: 'dateOfBirth', message: 'must not be in the future' }]);
    expect(world.tables.defendants).toEqual([]);
  });

  describe('correcting', () => {
    let id: string;
    beforeEach(async () => {
      id = (await add({ dateOfBirth: '1990-05-17' })).body.id;
    });

    it('refuses a correction that changes nothing', async () => {
      const error = await refusal(() => service.correct(frame.actor, frame.crime.id, id, 1, {}));
      expect(error.extensions.errors).toEqual([{ field: 'givenName', message: 'send at least one of givenName, familyName, dateOfBirth' }]);
    });

    it('changes only what is sent, trimmed; null clears the date of birth', async () => {
      const corrected = await service.correct(frame.actor, frame.crime.id, id, 1, { familyName: ' Smith ', dateOfBirth: null });
      expect(corrected).toMatchObject({ givenName: 'Sam', familyName: 'Smith', dateOfBirth: null, version: 2 });
      expect(frame.audits.at(-1)).toEqual({ action: 'update', entityType: 'defendant', entityId: id, areaId: frame.crime.areaId, details: { crimeId: frame.crime.id, fields: ['dateOfBirth', 'familyName'] } });
    });

    it('refuses a stale copy, and a defendant of another crime', async () => {
      expect(await refusal(() => service.correct(frame.actor, frame.crime.id, id, 3, { givenName: 'Samuel' }))).toMatchObject({ code: 'CONFLICT' });
      world.tables.defendants[0]!.crimeId = '12121212-1212-4121-8121-121212121212';
      expect(await refusal(() => service.correct(frame.actor, frame.crime.id, id, 1, { givenName: 'Samuel' }))).toMatchObject({ code: 'NOT_FOUND' });
    });
  });
});
