import { POLICE_FORCE_AREAS } from '../../src/composition/synthetic/police-force-areas.js';
import { SyntheticSeeder } from '../../src/composition/synthetic/synthetic-seeder.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const NOW = new Date('2026-07-01T09:00:00Z');

/** The generator's national spread: police force areas added on request, crimes in proportion to population. */
describe('synthetic data across police force areas', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
  });
  afterAll(() => t.close());

  it('adds the largest police force areas missing, gives each its providers and spreads journeys by population', async () => {
    const seeder = new SyntheticSeeder(t.dataSource, t.clock);
    await seeder.seed({ journeys: 400, seed: 11, now: NOW, areas: 5, batch: 200 });

    const areas: Array<{ code: string; name: string; journeys: number; providers: number }> = await t.dataSource.query(`
      SELECT a.code, a.name,
             (SELECT count(*)::int FROM journeys j WHERE j.area_id = a.id) AS journeys,
             (SELECT count(*)::int FROM organisations o WHERE o.name LIKE 'Synthetic %(' || a.code || ')') AS providers
        FROM areas a ORDER BY a.code`);
    // Cleveland and Durham were there; the three largest forces are added.
    expect(areas.map((area) => area.code)).toEqual(['cleveland', 'durham', 'greater-manchester', 'metropolitan', 'west-midlands']);
    expect(areas.find((area) => area.code === 'metropolitan')?.name).toBe('Metropolitan Police');
    // Police force, victim care service, specialist provider, witness care unit, court service, CPS area, probation region, RJ hub.
    expect(areas.map((area) => area.providers)).toEqual([8, 8, 8, 8, 8]);
    // Each area's organisations directory names an organisation of its own for every owner kind, so no duty falls outside.
    const unnamed: Array<{ count: number }> = await t.dataSource.query(`
      SELECT count(*)::int AS count FROM duties d
       WHERE NOT EXISTS (SELECT 1 FROM organisation_directory o JOIN organisations org ON org.id = o.organisation_id
                          JOIN areas a ON a.id = o.area_id
                          WHERE o.area_id = d.area_id AND o.owner_kind = d.owner AND org.name LIKE 'Synthetic %(' || a.code || ')')`);
    expect(unnamed).toEqual([{ count: 0 }]);
    expect(await t.dataSource.query(`SELECT count(*)::int AS duties FROM duties`)).not.toEqual([{ duties: 0 }]);
    const journeys = Object.fromEntries(areas.map((area) => [area.code, area.journeys]));
    expect(Object.values(journeys).reduce((sum, count) => sum + count, 0)).toBe(400);
    // London has about 16 times Cleveland's population: far more journeys, and the
    // smaller forces still get some.
    expect(journeys.metropolitan).toBeGreaterThan(journeys['west-midlands']);
    expect(journeys.metropolitan).toBeGreaterThan(5 * journeys.cleveland);
    expect(Math.min(...Object.values(journeys))).toBeGreaterThan(0);

    // Asked again, it finds them: no area twice, none beyond what was asked.
    await seeder.seed({ journeys: 10, seed: 12, now: NOW, areas: 5 });
    expect(await t.dataSource.query(`SELECT count(*)::int AS areas FROM areas`)).toEqual([{ areas: 5 }]);
    expect(POLICE_FORCE_AREAS).toHaveLength(43);
    expect(new Set(POLICE_FORCE_AREAS.map((area) => area.code)).size).toBe(43);
  });
});
