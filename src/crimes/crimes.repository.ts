import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../access/access-scope.js';
import { AreaScopedRepository } from '../access/area-scoped.repository.js';
import { Crime } from './entities/crime.entity.js';

/** Crimes, read only through the caller's scope. */
@Injectable()
export class CrimesRepository extends AreaScopedRepository<Crime> {
  protected readonly entity = Crime;
  protected readonly alias = 'crime';

  /** The crime, locked until the transaction ends, so commands on one crime run one after the other. */
  lockInScope(tx: EntityManager, scope: AccessScope, id: string): Promise<Crime | null> {
    return this.scoped(tx, scope).andWhere('crime.id = :id', { id }).setLock('pessimistic_write').getOne();
  }

  byReference(tx: EntityManager, scope: AccessScope, crimeReference: string): Promise<Crime[]> {
    return this.scoped(tx, scope)
      .andWhere('crime.crime_reference = :crimeReference', { crimeReference: crimeReference.toUpperCase() })
      .orderBy('crime.reported_at', 'DESC')
      .getMany();
  }
}
