import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { AccessScope } from './access-scope.js';

/**
 * Base for repositories of area-owned data: the only way they read rows is through
 * `scoped`, which applies the caller's AccessScope.
 */
export abstract class AreaScopedRepository<T extends ObjectLiteral & { id: string; areaId: string }> {
  protected abstract readonly entity: EntityTarget<T>;
  protected abstract readonly alias: string;

  protected scoped(tx: EntityManager, scope: AccessScope): SelectQueryBuilder<T> {
    return scope.restrict(tx.createQueryBuilder(this.entity, this.alias), this.alias);
  }

  findInScope(tx: EntityManager, scope: AccessScope, id: string): Promise<T | null> {
    return this.scoped(tx, scope).andWhere(`${this.alias}.id = :id`, { id }).getOne();
  }
}
