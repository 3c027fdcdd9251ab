import { randomBytes } from 'node:crypto';
import type { TestApp } from './test-app.js';

export interface BuiltDefendant {
  id: string;
  reference: string;
}

/**
 * A defendant on a crime, inserted directly: the investigation module owns the commands
 * that add defendants, and court tests need only the row (its reference is the sequence's).
 */
export async function aDefendant(t: TestApp, crime: { areaId: string; crimeId: string }, familyName = `Defendant-${randomBytes(3).toString('hex')}`): Promise<BuiltDefendant> {
  const [row]: BuiltDefendant[] = await t.dataSource.query(
    `INSERT INTO defendants (area_id, crime_id, given_name, family_name) VALUES ($1, $2, 'Dee', $3) RETURNING id, reference`,
    [crime.areaId, crime.crimeId, familyName],
  );
  return row;
}
