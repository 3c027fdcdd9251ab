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

  /** No area at all: every area-owned query answers nothing. */
  get isEmpty(): boolean {
    return this.areaIds.length === 0;
  }

  /** The scope narrowed to one area (a listing's area filter); an area outside it leaves no area. */
  within(areaId: string): AccessScope {
    return new AccessScope(this.allows(areaId) ? [areaId] : []);
  }

  /**
   * The area condition of a raw SQL query (read models, queues, reports), so nobody writes
   * `area_id = ANY($1)` by hand: binds the area ids as the next parameter of `params` and
   * answers `<column> = ANY($n::uuid[])`; `TRUE` for a system job's allAreas() and `FALSE`
   * for a caller with no area (binding nothing then). Child rows are scoped through their
   * aggregate root (docs/ARCHITECTURE.md, "Scope by the aggregate root").
   */
  sqlFilter(column: string, params: unknown[]): string {
    if (!/^(?:[a-z_][a-z0-9_]*\.)?[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`Unsafe column name ${column}`);
    if (this.unrestricted) return 'TRUE';
    if (this.isEmpty) return 'FALSE';
    params.push([...this.areaIds]);
    return `${column} = ANY($${params.length}::uuid[])`;
  }

  restrict<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, alias: string, column = 'area_id'): SelectQueryBuilder<T> {
    if (this.unrestricted) return query;
    if (this.areaIds.length === 0) return query.andWhere('false');
    return query.andWhere(`${alias}.${column} IN (:...scopeAreaIds)`, { scopeAreaIds: this.areaIds });
  }
}
