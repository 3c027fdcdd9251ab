import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { BailDecisionKind } from './court-vocabulary.js';

export interface NewBailDecision {
  id: string;
  areaId: string;
  crimeId: string;
  defendantId: string;
  kind: BailDecisionKind;
  decidedAt: Date;
  receivedAt: Date;
  recordedBy: string;
}

/**
 * SQL over court_bail_decisions for the court's commands, keyed by the crime CourtWork
 * locked in scope (or the journey's crime). The API's views of them are CourtRecords'.
 */
@Injectable()
export class BailDecisionsRepository {
  async insert(tx: EntityManager, decision: NewBailDecision): Promise<void> {
    await tx.query(
      `INSERT INTO court_bail_decisions (id, area_id, crime_id, defendant_id, kind, decided_at, received_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [decision.id, decision.areaId, decision.crimeId, decision.defendantId, decision.kind, decision.decidedAt, decision.receivedAt, decision.recordedBy],
    );
  }

  /** When the court decided, if the decision is one of the crime's; else null. */
  async decidedAtOnCrime(tx: EntityManager, bailDecisionId: string, crimeId: string): Promise<Date | null> {
    const [row]: Array<{ decided_at: Date }> = await tx.query(`SELECT decided_at FROM court_bail_decisions WHERE id = $1 AND crime_id = $2`, [bailDecisionId, crimeId]);
    return row ? new Date(row.decided_at) : null;
  }
}
