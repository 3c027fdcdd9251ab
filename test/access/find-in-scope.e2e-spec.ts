import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityTarget, ObjectLiteral } from 'typeorm';
import { AccessScope } from '../../src/access/access-scope.js';
import { CrimesRepository } from '../../src/crimes/crimes.repository.js';
import { Crime } from '../../src/crimes/entities/crime.entity.js';
import { Journey } from '../../src/journeys/entities/journey.entity.js';
import { JourneysRepository } from '../../src/journeys/journeys.repository.js';
import { Person } from '../../src/people/entities/person.entity.js';
import { PeopleRepository } from '../../src/people/people.repository.js';
import { User } from '../../src/identity/entities/user.entity.js';
import { UsersRepository } from '../../src/identity/users.repository.js';
import { Fixtures, type SignedInUser } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { aJourneyStory, scores } from '../reports/report-journey.builder.js';

/**
 * findInScope reads one area-owned row by id with a plain statement (issue 20) instead of a
 * query builder. It must give exactly the entity the builder gives, every column hydrated
 * the same (dates, date-only columns, text arrays, jsonb, nulls), and nothing outside the
 * caller's areas.
 */
describe('AreaScopedRepository.findInScope', () => {
  let t: TestApp;
  let caseworker: SignedInUser;
  let clevelandId: string;
  let durhamId: string;
  let journeyId: string;
  let personId: string;
  let crimeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const fixtures = new Fixtures(t);
    caseworker = await fixtures.signedIn(['caseworker'], ['cleveland']);
    clevelandId = await fixtures.areaId('cleveland');
    durhamId = await fixtures.areaId('durham');
    // A journey with most columns filled: enhanced rights (array, jsonb, timestamp), a lead, contact, an assessment and a closure.
    const built = await aJourneyStory(t, caseworker, clevelandId, {
      referredAt: '2026-04-14T08:00:00Z', reportedAt: '2026-04-13T08:00:00Z', lead: true, enhanced: ['vulnerable'],
      contactedAt: '2026-04-15T09:00:00Z', assessedAt: '2026-04-17T09:00:00Z', startScore: scores(2),
      closedAt: '2026-05-20T09:00:00Z', endScore: scores(4), satisfaction: 4,
    });
    journeyId = built.journeyId;
    personId = built.personId;
    [{ crime_id: crimeId }] = await t.dataSource.query(`SELECT crime_id FROM journeys WHERE id = $1`, [journeyId]);
  });
  afterAll(() => t.close());

  const byBuilder = <T extends ObjectLiteral>(entity: EntityTarget<T>, scope: AccessScope, id: string) =>
    scope.restrict(t.dataSource.manager.createQueryBuilder(entity, 'row'), 'row').andWhere('row.id = :id', { id }).getOne();

  it('gives the very entity the query builder gives, for journeys, people and crimes', async () => {
    const scope = AccessScope.of({ areaIds: [clevelandId] });
    const cases = [
      [t.app.get(JourneysRepository), Journey, journeyId],
      [t.app.get(PeopleRepository), Person, personId],
      [t.app.get(CrimesRepository), Crime, crimeId],
    ] as const;
    for (const [repository, entity, id] of cases) {
      const plain = await repository.findInScope(t.dataSource.manager, scope, id);
      const built = await byBuilder(entity as EntityTarget<ObjectLiteral>, scope, id);
      expect(built).not.toBeNull();
      expect(plain).toBeInstanceOf(entity);
      expect(plain).toEqual(built);
    }
    const journey = (await t.app.get(JourneysRepository).findInScope(t.dataSource.manager, scope, journeyId))!;
    // The test means something: the columns of each kind are filled.
    expect(journey.enhancedCategories).toEqual(['vulnerable']);
    expect(journey.enhancedSince).toBeInstanceOf(Date);
    expect(journey.closedAt).toEqual(new Date('2026-05-20T09:00:00Z'));
    expect(journey.satisfactionScore).toBe(4);
    expect(journey.version).toEqual(expect.any(Number));
  });

  it('reads a token’s user, areas and session family in one plain statement, the user as TypeORM would hydrate it', async () => {
    const users = t.app.get(UsersRepository);
    const [{ family_id: familyId }] = await t.dataSource.query(`SELECT family_id FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL LIMIT 1`, [caseworker.id]);
    const found = await users.findWithSession(t.dataSource.manager, caseworker.id, familyId);
    expect(found!.user).toBeInstanceOf(User);
    expect(found!.user).toEqual(await t.dataSource.manager.findOne(User, { where: { id: caseworker.id } }));
    expect(found!.user.sessionsValidAfter).toBeInstanceOf(Date);
    expect(found!.areaIds).toEqual([clevelandId]);
    expect(found!.familyActive).toBe(true);
    expect((await users.findWithSession(t.dataSource.manager, caseworker.id, '00000000-0000-4000-8000-000000000000'))!.familyActive).toBe(false);
    expect(await users.findWithSession(t.dataSource.manager, '00000000-0000-4000-8000-000000000000', familyId)).toBeNull();
  });

  it('finds nothing outside the caller’s areas, for a caller with none, or for an id that is nowhere', async () => {
    const repository = t.app.get(JourneysRepository);
    expect(await repository.findInScope(t.dataSource.manager, AccessScope.of({ areaIds: [durhamId] }), journeyId)).toBeNull();
    expect(await repository.findInScope(t.dataSource.manager, AccessScope.of({ areaIds: [] }), journeyId)).toBeNull();
    expect(await repository.findInScope(t.dataSource.manager, AccessScope.of({ areaIds: [clevelandId] }), '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await repository.findInScope(t.dataSource.manager, AccessScope.of({ areaIds: [durhamId, clevelandId] }), journeyId)).toEqual(
      expect.objectContaining({ id: journeyId, areaId: clevelandId }),
    );
    expect(await repository.findInScope(t.dataSource.manager, AccessScope.allAreas(), journeyId)).toEqual(expect.objectContaining({ id: journeyId }));
  });
});
