import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ContactAttemptResponse } from './dto/contact-attempt.dto.js';
import type { ContactMethod, ContactOutcome } from './support-vocabulary.js';

/** A row of contact_attempts, as stored. */
interface ContactAttemptRow {
  id: string;
  journey_id: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  attempted_at: Date;
  next_attempt_at: Date | null;
  notes: string | null;
  recorded_by: string;
  created_at: Date;
}

export interface NewContactAttempt {
  id: string;
  areaId: string;
  journeyId: string;
  method: ContactMethod;
  outcome: ContactOutcome;
  attemptedAt: Date;
  nextAttemptAt: Date | null;
  notes: string | null;
  recordedBy: string;
}

const COLUMNS = `id, journey_id, method, outcome, attempted_at, next_attempt_at, notes, recorded_by, created_at`;

/**
 * SQL over contact_attempts, always for one journey the caller holds in scope (locked by
 * the ledger for commands, found in scope for reads): the journey id is the scoping.
 */
@Injectable()
export class ContactAttemptsRepository {
  async count(tx: EntityManager, journeyId: string): Promise<number> {
    const [{ count }]: Array<{ count: number }> = await tx.query(`SELECT count(*)::int AS count FROM contact_attempts WHERE journey_id = $1`, [journeyId]);
    return count;
  }

  async insert(tx: EntityManager, attempt: NewContactAttempt): Promise<ContactAttemptResponse> {
    const [row]: ContactAttemptRow[] = await tx.query(
      `INSERT INTO contact_attempts (id, area_id, journey_id, method, outcome, attempted_at, next_attempt_at, notes, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [attempt.id, attempt.areaId, attempt.journeyId, attempt.method, attempt.outcome, attempt.attemptedAt, attempt.nextAttemptAt, attempt.notes, attempt.recordedBy],
    );
    return toContactAttempt(row);
  }

  /** Newest first. */
  async list(tx: EntityManager, journeyId: string): Promise<ContactAttemptResponse[]> {
    const rows: ContactAttemptRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM contact_attempts WHERE journey_id = $1 ORDER BY attempted_at DESC, created_at DESC`,
      [journeyId],
    );
    return rows.map(toContactAttempt);
  }
}

function toContactAttempt(row: ContactAttemptRow): ContactAttemptResponse {
  return {
    id: row.id,
    journeyId: row.journey_id,
    method: row.method,
    outcome: row.outcome,
    attemptedAt: row.attempted_at,
    nextAttemptAt: row.next_attempt_at,
    notes: row.notes,
    recordedBy: row.recorded_by,
    recordedAt: row.created_at,
  };
}
