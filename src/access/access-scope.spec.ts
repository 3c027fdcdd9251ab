import { describe, expect, it } from '@jest/globals';
import { AccessScope } from './access-scope.js';

const CLEVELAND = '00000000-0000-4000-8000-000000000001';
const DURHAM = '00000000-0000-4000-8000-000000000002';

describe('AccessScope.sqlFilter', () => {
  it('binds the caller’s areas as the next parameter', () => {
    const params: unknown[] = ['someone'];
    expect(AccessScope.of({ areaIds: [CLEVELAND, DURHAM] }).sqlFilter('j.area_id', params)).toBe('j.area_id = ANY($2::uuid[])');
    expect(params).toEqual(['someone', [CLEVELAND, DURHAM]]);
  });

  it('is TRUE for a system job across all areas, FALSE for a caller with none, binding nothing', () => {
    const params: unknown[] = [];
    expect(AccessScope.allAreas().sqlFilter('area_id', params)).toBe('TRUE');
    expect(AccessScope.of({ areaIds: [] }).sqlFilter('area_id', params)).toBe('FALSE');
    expect(params).toEqual([]);
  });

  it('takes a column name only', () => {
    expect(() => AccessScope.of({ areaIds: [CLEVELAND] }).sqlFilter('area_id OR true', [])).toThrow('Unsafe column name');
  });

  it('narrows to one of its areas, or to none', () => {
    const scope = AccessScope.of({ areaIds: [CLEVELAND] });
    expect(scope.within(CLEVELAND).areaIds).toEqual([CLEVELAND]);
    expect(scope.within(DURHAM).isEmpty).toBe(true);
    expect(AccessScope.allAreas().within(DURHAM).areaIds).toEqual([DURHAM]);
  });
});
