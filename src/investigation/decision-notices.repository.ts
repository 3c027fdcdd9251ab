import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DecisionBodySpec } from './decision-bodies.js';
import type { InformedMethod } from './investigation-vocabulary.js';

/** That a journey's victim was told of a decision: a row of decision_notices. */
export interface DecisionNotice {
  id: string;
  journeyId: string;
  decisionId: string;
  informedAt: Date;
  method: InformedMethod;
  recordedBy: string;
}

export interface NewDecisionNotice {
  areaId: string;
  journeyId: string;
  decisionId: string;
  informedAt: Date;
  method: InformedMethod;
  eventId: string;
  recordedBy: string;
}

const NOTICE_COLUMNS = (spec: DecisionBodySpec) =>
  `id, journey_id AS "journeyId", ${spec.noticeColumn} AS "decisionId", informed_at AS "informedAt", method, recorded_by AS "recordedBy"`;

/** SQL over decision_notices, keyed by a journey found in scope or by decisions of a crime in scope. */
@Injectable()
export class DecisionNoticesRepository {
  /** The journey's notice of the decision, if the victim was told. */
  async noticeOf(tx: EntityManager, spec: DecisionBodySpec, journeyId: string, decisionId: string): Promise<DecisionNotice | null> {
    const [row]: DecisionNotice[] = await tx.query(`SELECT ${NOTICE_COLUMNS(spec)} FROM decision_notices WHERE journey_id = $1 AND ${spec.noticeColumn} = $2`, [
      journeyId,
      decisionId,
    ]);
    return row ?? null;
  }

  /** The notices of these decisions, to every journey or to one. */
  async noticesOf(tx: EntityManager, spec: DecisionBodySpec, decisionIds: readonly string[], journeyId?: string): Promise<DecisionNotice[]> {
    if (decisionIds.length === 0) return [];
    return tx.query(`SELECT ${NOTICE_COLUMNS(spec)} FROM decision_notices WHERE ${spec.noticeColumn} = ANY($1::uuid[]) AND ($2::uuid IS NULL OR journey_id = $2)`, [
      decisionIds,
      journeyId ?? null,
    ]);
  }

  /** Records the notice; answers its id. */
  async insert(tx: EntityManager, spec: DecisionBodySpec, notice: NewDecisionNotice): Promise<string> {
    const [{ id }]: Array<{ id: string }> = await tx.query(
      `INSERT INTO decision_notices (area_id, journey_id, ${spec.noticeColumn}, informed_at, method, event_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [notice.areaId, notice.journeyId, notice.decisionId, notice.informedAt, notice.method, notice.eventId, notice.recordedBy],
    );
    return id;
  }
}
