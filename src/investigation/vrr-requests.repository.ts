import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { PoliceVrrRequestResponse } from './dto/vrr.dto.js';
import type { VrrOutcome } from './investigation-vocabulary.js';

const REQUEST_COLUMNS = `id, journey_id AS "journeyId", police_decision_id AS "decisionId", requested_at AS "requestedAt", late,
  window_closes_at AS "windowClosesAt", status, acknowledged_at AS "acknowledgedAt", decided_at AS "decidedAt", outcome,
  recorded_by AS "recordedBy", version`;

/** A review request as stored; its duties are the ledger's. */
export type VrrRequestRow = Omit<PoliceVrrRequestResponse, 'duties'>;

export interface NewVrrRequest {
  id: string;
  areaId: string;
  journeyId: string;
  decisionId: string;
  requestedAt: Date;
  receivedAt: Date;
  late: boolean;
  windowClosesAt: Date | null;
  recordedBy: string;
}

/** The police's answer to a review request: acknowledged, or decided with its outcome. */
export type VrrAnswer = { status: 'acknowledged'; at: Date } | { status: 'decided'; at: Date; outcome: VrrOutcome };

/** SQL over vrr_requests for a journey the ledger locked (or found) in scope: the journey id is the key. */
@Injectable()
export class VrrRequestsRepository {
  async exists(tx: EntityManager, journeyId: string, decisionId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM vrr_requests WHERE journey_id = $1 AND police_decision_id = $2`, [journeyId, decisionId]);
    return rows.length > 0;
  }

  async insert(tx: EntityManager, request: NewVrrRequest): Promise<void> {
    await tx.query(
      `INSERT INTO vrr_requests (id, area_id, journey_id, police_decision_id, requested_at, received_at, late, window_closes_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [request.id, request.areaId, request.journeyId, request.decisionId, request.requestedAt, request.receivedAt, request.late, request.windowClosesAt, request.recordedBy],
    );
  }

  /** The journey's request, locked for the police's answer, or null. */
  async lock(tx: EntityManager, journeyId: string, requestId: string): Promise<VrrRequestRow | null> {
    const [row]: VrrRequestRow[] = await tx.query(`SELECT ${REQUEST_COLUMNS} FROM vrr_requests WHERE id = $1 AND journey_id = $2 FOR UPDATE`, [requestId, journeyId]);
    return row ?? null;
  }

  async byId(tx: EntityManager, requestId: string): Promise<VrrRequestRow> {
    const [row]: VrrRequestRow[] = await tx.query(`SELECT ${REQUEST_COLUMNS} FROM vrr_requests WHERE id = $1`, [requestId]);
    return row;
  }

  /** The journey's requests' ids, oldest first. */
  async idsOf(tx: EntityManager, journeyId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM vrr_requests WHERE journey_id = $1 ORDER BY requested_at, created_at`, [journeyId]);
    return rows.map((row) => row.id);
  }

  async answer(tx: EntityManager, requestId: string, expectedVersion: number, answer: VrrAnswer): Promise<void> {
    const changes =
      answer.status === 'acknowledged'
        ? { status: 'acknowledged', acknowledged_at: answer.at }
        : { status: 'decided', decided_at: answer.at, outcome: answer.outcome };
    await updateVersioned(tx, { table: 'vrr_requests', id: requestId, expectedVersion, changes, what: 'The review request' });
  }
}
