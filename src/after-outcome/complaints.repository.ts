import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { ComplaintFinding, ComplaintStatus, ContactChannel, EscalationTarget, Organisation } from './after-outcome-vocabulary.js';
import type { ComplaintResponse } from './dto/complaint.dto.js';
import { columnsOf, type VersionedRows } from './versioned-row-steps.js';

// The deadlines are the duties' (complaint.acknowledge, complaint.respond), keyed by the complaint.
const COMPLAINT_COLUMNS = `c.id, c.journey_id AS "journeyId", c.against, c.received_at AS "receivedAt", c.received_via AS "receivedVia",
  c.rights_concerned AS "rightsConcerned", c.summary, c.status,
  (SELECT d.due_at FROM duties d WHERE d.journey_id = c.journey_id AND d.key = 'complaint.acknowledge|complaint:' || c.id) AS "acknowledgeBy",
  (SELECT d.due_at FROM duties d WHERE d.journey_id = c.journey_id AND d.key = 'complaint.respond|complaint:' || c.id) AS "respondBy",
  c.acknowledged_at AS "acknowledgedAt", c.responded_at AS "respondedAt", c.finding, c.escalated_to AS "escalatedTo",
  c.escalated_at AS "escalatedAt", c.created_by AS "createdBy", c.version`;

export interface NewComplaint {
  id: string;
  areaId: string;
  journeyId: string;
  against: Organisation;
  receivedAt: Date;
  receivedVia: ContactChannel | null;
  rightsConcerned: number[];
  summary: string | null;
  createdBy: string;
}

/** One step of the organisation's process: the new status and the columns of that step. */
export interface ComplaintChanges {
  status: ComplaintStatus;
  acknowledgedAt?: Date;
  respondedAt?: Date;
  finding?: ComplaintFinding;
  escalatedTo?: EscalationTarget;
  escalatedAt?: Date;
}

/** Each change's column. */
const CHANGE_COLUMNS: Record<keyof ComplaintChanges, string> = {
  status: 'status',
  acknowledgedAt: 'acknowledged_at',
  respondedAt: 'responded_at',
  finding: 'finding',
  escalatedTo: 'escalated_to',
  escalatedAt: 'escalated_at',
};

/**
 * SQL over complaints for a journey the ledger locked (or found) in scope: the journey id is
 * the key. A complaint is shown with its duties' deadlines.
 */
@Injectable()
export class ComplaintsRepository implements VersionedRows<ComplaintResponse, ComplaintChanges> {
  async insert(tx: EntityManager, complaint: NewComplaint): Promise<void> {
    await tx.query(
      `INSERT INTO complaints (id, area_id, journey_id, against, received_at, received_via, rights_concerned, summary, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7::smallint[], $8, 'received', $9)`,
      [
        complaint.id,
        complaint.areaId,
        complaint.journeyId,
        complaint.against,
        complaint.receivedAt,
        complaint.receivedVia,
        complaint.rightsConcerned,
        complaint.summary,
        complaint.createdBy,
      ],
    );
  }

  /** The journey's complaint, or null. */
  async byId(tx: EntityManager, id: string, journeyId: string): Promise<ComplaintResponse | null> {
    const [complaint]: ComplaintResponse[] = await tx.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.id = $1 AND c.journey_id = $2`, [id, journeyId]);
    return complaint ?? null;
  }

  /** The journey's complaints, newest first. */
  ofJourney(tx: EntityManager, journeyId: string): Promise<ComplaintResponse[]> {
    return tx.query(`SELECT ${COMPLAINT_COLUMNS} FROM complaints c WHERE c.journey_id = $1 ORDER BY c.received_at DESC, c.created_at DESC`, [journeyId]);
  }

  async update(tx: EntityManager, id: string, expectedVersion: number, changes: ComplaintChanges): Promise<void> {
    await updateVersioned(tx, { table: 'complaints', id, expectedVersion, changes: columnsOf(changes, CHANGE_COLUMNS), what: 'The complaint' });
  }
}

