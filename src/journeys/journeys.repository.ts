import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../access/access-scope.js';
import { AreaScopedRepository } from '../access/area-scoped.repository.js';
import { Journey } from './entities/journey.entity.js';

/** Journeys, read only through the caller's scope. */
@Injectable()
export class JourneysRepository extends AreaScopedRepository<Journey> {
  protected readonly entity = Journey;
  protected readonly alias = 'journey';

  /** The journey, locked for the rest of the transaction so commands on it run one at a time. */
  lockInScope(tx: EntityManager, scope: AccessScope, id: string): Promise<Journey | null> {
    return this.scoped(tx, scope).andWhere('journey.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  byId(tx: EntityManager, id: string): Promise<Journey> {
    return tx.findOneOrFail(Journey, { where: { id } });
  }

  /** Whether the journey's person has another journey on its crime that is not closed. */
  async otherOpenOnCrime(tx: EntityManager, journey: { id: string; personId: string; crimeId: string }): Promise<boolean> {
    const open: unknown[] = await tx.query(`SELECT 1 FROM journeys WHERE person_id = $1 AND crime_id = $2 AND stage <> 'closed' AND id <> $3`, [
      journey.personId,
      journey.crimeId,
      journey.id,
    ]);
    return open.length > 0;
  }
}
