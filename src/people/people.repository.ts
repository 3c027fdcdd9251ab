import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../access/access-scope.js';
import { AreaScopedRepository } from '../access/area-scoped.repository.js';
import { Person } from './entities/person.entity.js';

@Injectable()
export class PeopleRepository extends AreaScopedRepository<Person> {
  protected readonly entity = Person;
  protected readonly alias = 'person';

  async list(tx: EntityManager, scope: AccessScope, options: { limit: number; offset: number; familyName?: string }) {
    const query = this.scoped(tx, scope)
      .orderBy('person.family_name', 'ASC')
      .addOrderBy('person.given_name', 'ASC')
      .addOrderBy('person.id', 'ASC')
      .take(options.limit)
      .skip(options.offset);
    if (options.familyName) {
      query.andWhere('lower(person.family_name) LIKE :prefix', { prefix: `${options.familyName.toLowerCase().replace(/[%_\\]/g, '\\$&')}%` });
    }
    const [items, total] = await query.getManyAndCount();
    return { items, total };
  }

  insert(tx: EntityManager, values: Partial<Person>): Promise<Person> {
    return tx.save(Person, tx.create(Person, values));
  }
}
