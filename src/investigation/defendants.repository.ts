import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { DefendantResponse } from './dto/defendant.dto.js';

const DEFENDANT_COLUMNS = `id, crime_id AS "crimeId", reference, given_name AS "givenName", family_name AS "familyName",
  date_of_birth::text AS "dateOfBirth", status, charged_at AS "chargedAt", created_at AS "createdAt", updated_at AS "updatedAt", version`;

export interface NewDefendant {
  areaId: string;
  crimeId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
}

/** A correction of a defendant's details; what is left out stays. */
export interface DefendantCorrection {
  givenName?: string;
  familyName?: string;
  /** null clears a date of birth recorded in error. */
  dateOfBirth?: string | null;
}

/** SQL over defendants, keyed by the crime CrimeWork found or locked in scope. */
@Injectable()
export class DefendantsRepository {
  /** Adds the defendant; the database gives its id and pseudonymous reference. */
  async insert(tx: EntityManager, defendant: NewDefendant): Promise<DefendantResponse> {
    const [row]: DefendantResponse[] = await tx.query(
      `INSERT INTO defendants (area_id, crime_id, given_name, family_name, date_of_birth) VALUES ($1, $2, $3, $4, $5) RETURNING ${DEFENDANT_COLUMNS}`,
      [defendant.areaId, defendant.crimeId, defendant.givenName, defendant.familyName, defendant.dateOfBirth],
    );
    return row;
  }

  /** The crime's defendant (locked for a command when asked), or null. */
  async find(tx: EntityManager, crimeId: string, defendantId: string, options: { lock?: boolean } = {}): Promise<DefendantResponse | null> {
    const [row]: DefendantResponse[] = await tx.query(`SELECT ${DEFENDANT_COLUMNS} FROM defendants WHERE id = $1 AND crime_id = $2${options.lock ? ' FOR UPDATE' : ''}`, [
      defendantId,
      crimeId,
    ]);
    return row ?? null;
  }

  async correct(tx: EntityManager, defendantId: string, expectedVersion: number, correction: DefendantCorrection): Promise<void> {
    const columns: Record<string, unknown> = {};
    if (correction.givenName !== undefined) columns.given_name = correction.givenName;
    if (correction.familyName !== undefined) columns.family_name = correction.familyName;
    if (correction.dateOfBirth !== undefined) columns.date_of_birth = correction.dateOfBirth;
    await updateVersioned(tx, { table: 'defendants', id: defendantId, expectedVersion, changes: columns, what: 'The defendant' });
  }
}
