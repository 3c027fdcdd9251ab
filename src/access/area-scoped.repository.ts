import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { EntityRows } from './entity-rows.js';
import type { AccessScope } from './access-scope.js';

/**
 * Base for repositories of area-owned data: the only way they read rows is through
 * `scoped` (a query builder) or `findInScope` (one row by id), both of which apply the
 * caller's AccessScope.
 */
export abstract class AreaScopedRepository<T extends ObjectLiteral & { id: string; areaId: string }> {
  protected abstract readonly entity: EntityTarget<T>;
  protected abstract readonly alias: string;

  protected scoped(tx: EntityManager, scope: AccessScope): SelectQueryBuilder<T> {
    return scope.restrict(tx.createQueryBuilder(this.entity, this.alias), this.alias);
  }

  /**
   * The row with this id in the caller's areas, or null. Every journey read starts here, so
   * it is one plain statement (EntityRows) rather than a query builder's.
   */
  async findInScope(tx: EntityManager, scope: AccessScope, id: string): Promise<T | null> {
    const params: unknown[] = [id];
    const inScope = scope.sqlFilter('t.area_id', params);
    const [row]: Array<Record<string, unknown>> = await tx.query(`${EntityRows.select(tx, this.entity)} WHERE t.id = $1 AND ${inScope}`, params);
    return row ? EntityRows.hydrate(tx, this.entity, row) : null;
  }
}
