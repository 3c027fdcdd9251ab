import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import type { DecisionBodySpec } from './decision-bodies.js';
import type { DecisionResponse } from './dto/decision.dto.js';

export interface NewDecision {
  id: string;
  areaId: string;
  crimeId: string;
  kind: string;
  decidedAt: Date;
  defendantIds: readonly string[];
  recordedBy: string;
}

/** A decision a journey's victim is told of or asks to review, as that command needs it. */
export interface DecisionOnCrime {
  id: string;
  kind: string;
  decidedAt: Date;
}

/** A journey on the crime, as the decisions' answers name it. */
export interface JourneyOnCrime {
  id: string;
  reference: string;
}

/**
 * SQL over police and CPS decisions (the body's spec names the tables) and the defendants
 * they charge, keyed by the crime CrimeWork locked in scope, or by a journey found in scope.
 */
@Injectable()
export class DecisionsRepository {
  async insert(tx: EntityManager, spec: DecisionBodySpec, decision: NewDecision): Promise<void> {
    await tx.query(`INSERT INTO ${spec.table} (id, area_id, crime_id, kind, decided_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`, [
      decision.id,
      decision.areaId,
      decision.crimeId,
      decision.kind,
      decision.decidedAt,
      decision.recordedBy,
    ]);
    await insertRows(tx, spec.defendantLinks, ['decision_id', 'defendant_id'], decision.defendantIds.map((defendantId) => [decision.id, defendantId]));
  }

  /** Charged from the first charge decision on; a later one (further charges) keeps the date. */
  async charge(tx: EntityManager, defendantIds: readonly string[], chargedAt: Date): Promise<void> {
    await tx.query(
      `UPDATE defendants SET status = 'charged', charged_at = $2, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[]) AND status <> 'charged'`,
      [defendantIds, chargedAt],
    );
  }

  /** The ids among `defendantIds` that are not defendants on the crime. */
  async defendantsNotOnCrime(tx: EntityManager, crimeId: string, defendantIds: readonly string[]): Promise<string[]> {
    const found: Array<{ id: string }> = await tx.query(`SELECT id FROM defendants WHERE crime_id = $1 AND id = ANY($2::uuid[])`, [crimeId, defendantIds]);
    return defendantIds.filter((id) => !found.some((row) => row.id === id));
  }

  /** The crime's decisions of one body (or the one asked for), oldest first, naming defendants by reference. */
  async decisionsOf(tx: EntityManager, spec: DecisionBodySpec, crimeId: string, decisionId?: string): Promise<DecisionResponse[]> {
    const rows: Array<Omit<DecisionResponse, 'body'>> = await tx.query(
      `SELECT d.id, d.crime_id AS "crimeId", d.kind, d.decided_at AS "decidedAt", d.recorded_by AS "recordedBy", d.created_at AS "createdAt", d.version,
              COALESCE(json_agg(json_build_object('id', f.id, 'reference', f.reference) ORDER BY f.reference) FILTER (WHERE f.id IS NOT NULL), '[]') AS defendants
         FROM ${spec.table} d
         LEFT JOIN ${spec.defendantLinks} l ON l.decision_id = d.id
         LEFT JOIN defendants f ON f.id = l.defendant_id
        WHERE d.crime_id = $1 AND ($2::uuid IS NULL OR d.id = $2)
        GROUP BY d.id
        ORDER BY d.decided_at, d.created_at`,
      [crimeId, decisionId ?? null],
    );
    return rows.map((row) => ({ ...row, body: spec.body }));
  }

  /** The decision, when it is one of the journey's crime; else null. */
  async onJourneyCrime(tx: EntityManager, spec: DecisionBodySpec, decisionId: string, journeyId: string): Promise<DecisionOnCrime | null> {
    const [row]: Array<{ id: string; kind: string; decided_at: Date }> = await tx.query(
      `SELECT d.id, d.kind, d.decided_at FROM ${spec.table} d JOIN journeys j ON j.crime_id = d.crime_id WHERE d.id = $1 AND j.id = $2`,
      [decisionId, journeyId],
    );
    return row ? { id: row.id, kind: row.kind, decidedAt: new Date(row.decided_at) } : null;
  }

  /** The crime's journeys, in the order they were referred. */
  journeysOnCrime(tx: EntityManager, crimeId: string): Promise<JourneyOnCrime[]> {
    return tx.query(`SELECT id, reference FROM journeys WHERE crime_id = $1 ORDER BY referred_at, reference`, [crimeId]);
  }

  async crimeOfJourney(tx: EntityManager, journeyId: string): Promise<string> {
    const [{ crime_id: crimeId }]: Array<{ crime_id: string }> = await tx.query(`SELECT crime_id FROM journeys WHERE id = $1`, [journeyId]);
    return crimeId;
  }
}
