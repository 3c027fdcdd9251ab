import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Actor } from './actor.js';

/**
 * The one place that decides which area-owned rows a caller may touch. Every repository of
 * area-owned data builds its queries through `restrict`, so a record of another area is
 * simply not found (404, never 403: no existence leak).
 */
export class AccessScope {
  private constructor(readonly areaIds: readonly string[]) {}

  static of(actor: Pick<Actor, 'areaIds'>): AccessScope {
    return new AccessScope([...actor.areaIds]);
  }

  /** For system jobs that work across areas (never built from a request). */
  static allAreas(): AccessScope {
    return new AccessScope(['*']);
  }

  get unrestricted(): boolean {
    return this.areaIds.includes('*');
  }

  allows(areaId: string): boolean {
    return this.unrestricted || this.areaIds.includes(areaId);
  }

  restrict<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, column = 'area_id'): SelectQueryBuilder<T> {
    if (this.unrestricted) return query;
    if (this.areaIds.length === 0) return query.andWhere('false');
    return query.andWhere(`${alias}.${column} IN (:...scopeAreaIds)`, { scopeAreaIds: this.areaIds });
  }
}
