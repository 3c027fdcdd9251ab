import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { londonDate } from '../../libs/working-days/src/index.js';
import type { OffenceCategory } from '../../libs/victims-code/src/index.js';
import { insertRows } from '../database/insert-rows.js';
import type { JourneyStage } from './journey-vocabulary.js';

export interface CrimeReport {
  areaId: string;
  crimeReference: string;
  policeForceId: string | null;
  offenceCategory: OffenceCategory;
  offenceDate: string | null;
  reportedAt: Date;
}

export interface RegisteredCrime {
  id: string;
  areaId: string;
  crimeReference: string;
  offenceCategory: OffenceCategory;
  reportedAt: Date;
  /** Created by this transaction: nothing can be on it yet, so intake need not look. */
  registeredNow: boolean;
}

/** A journey on a crime, with what intake needs to recognise its person. */
export interface JourneyOnCrime {
  id: string;
  reference: string;
  stage: JourneyStage;
  crimeId: string;
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
}

/** Crimes and journey references, for referral intake (a batch of one or of thousands). */
@Injectable()
export class JourneyDirectory {
  /**
   * The crimes, created when new, and locked until the transaction ends: two referrals
   * for one crime are matched one after the other, so the same person is never created
   * twice. Keyed by `${areaId}|${crimeReference}`. A known crime keeps its first report.
   * A crime this INSERT created is this transaction's alone (a concurrent one for the same
   * reference waits on it), so only the crimes that were already there are read and locked:
   * a referral for a new crime costs one statement here, not two.
   */
  async registerCrimes(tx: EntityManager, reports: readonly CrimeReport[]): Promise<Map<string, RegisteredCrime>> {
    const unique = new Map(reports.map((report) => [`${report.areaId}|${report.crimeReference}`, report]));
    const sorted = [...unique.values()].sort((a, b) => (`${a.areaId}|${a.crimeReference}` < `${b.areaId}|${b.crimeReference}` ? -1 : 1));
    const created = await insertRows<{ id: string; area_id: string; crime_reference: string }>(
      tx,
      'crimes',
      ['area_id', 'crime_reference', 'police_force_id', 'offence_category', 'offence_date', 'reported_at'],
      sorted.map((report) => [report.areaId, report.crimeReference, report.policeForceId, report.offenceCategory, report.offenceDate, report.reportedAt]),
      { onConflict: 'ON CONFLICT (area_id, crime_reference) DO NOTHING', returning: ['id', 'area_id', 'crime_reference'] },
    );
    const crimes = new Map<string, RegisteredCrime>();
    for (const row of created) {
      const key = `${row.area_id}|${row.crime_reference}`;
      const report = unique.get(key)!;
      crimes.set(key, { id: row.id, areaId: row.area_id, crimeReference: row.crime_reference, offenceCategory: report.offenceCategory, reportedAt: report.reportedAt, registeredNow: true });
    }
    const known = sorted.filter((report) => !crimes.has(`${report.areaId}|${report.crimeReference}`));
    if (known.length === 0) return crimes;
    const rows: Array<{ id: string; area_id: string; crime_reference: string; offence_category: OffenceCategory; reported_at: Date }> = await tx.query(
      `SELECT c.id, c.area_id, c.crime_reference, c.offence_category, c.reported_at
         FROM crimes c JOIN unnest($1::uuid[], $2::text[]) AS wanted (area_id, crime_reference)
           ON c.area_id = wanted.area_id AND c.crime_reference = wanted.crime_reference
        ORDER BY c.id FOR UPDATE OF c`,
      [known.map((report) => report.areaId), known.map((report) => report.crimeReference)],
    );
    for (const row of rows) {
      crimes.set(`${row.area_id}|${row.crime_reference}`, {
        id: row.id, areaId: row.area_id, crimeReference: row.crime_reference, offenceCategory: row.offence_category, reportedAt: new Date(row.reported_at), registeredNow: false,
      });
    }
    return crimes;
  }

  async journeysOnCrimes(tx: EntityManager, crimeIds: readonly string[]): Promise<JourneyOnCrime[]> {
    if (crimeIds.length === 0) return [];
    const rows: Array<Record<string, string | null>> = await tx.query(
      `SELECT j.id, j.reference, j.stage, j.crime_id, j.person_id, p.given_name, p.family_name, p.date_of_birth::text AS date_of_birth
         FROM journeys j JOIN people p ON p.id = j.person_id
        WHERE j.crime_id = ANY($1::uuid[])
        ORDER BY j.created_at`,
      [crimeIds],
    );
    return rows.map((row) => ({
      id: row.id!,
      reference: row.reference!,
      stage: row.stage as JourneyStage,
      crimeId: row.crime_id!,
      personId: row.person_id!,
      givenName: row.given_name!,
      familyName: row.family_name!,
      dateOfBirth: row.date_of_birth,
    }));
  }

  /** Human references for new journeys, `VJ-<year>-<number>`, the year being the London year of `at`. */
  async nextReferences(tx: EntityManager, count: number, at: Date): Promise<string[]> {
    if (count === 0) return [];
    const rows: Array<{ n: string }> = await tx.query(`SELECT nextval('journey_reference_seq')::text AS n FROM generate_series(1, $1)`, [count]);
    const year = londonDate(at).slice(0, 4);
    return rows.map((row) => `VJ-${year}-${row.n.padStart(6, '0')}`);
  }
}
