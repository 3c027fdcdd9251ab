import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { ExpenseDecision, ExpenseRefusalReason } from './after-outcome-vocabulary.js';
import type { ExpenseClaimResponse } from './dto/expense-claim.dto.js';
import { columnsOf, type VersionedRows } from './versioned-row-steps.js';

// The deadline is the duty's (cps.pay-expenses), keyed by the claim.
const CLAIM_COLUMNS = `e.id, e.journey_id AS "journeyId", e.received_at AS "receivedAt", e.amount_claimed_pence AS "amountClaimedPence", e.status,
  (SELECT d.due_at FROM duties d WHERE d.journey_id = e.journey_id AND d.key = 'cps.pay-expenses|expense_claim:' || e.id) AS "decideBy",
  e.decided_at AS "decidedAt", e.amount_paid_pence AS "amountPaidPence", e.refusal_reason AS "refusalReason", e.created_by AS "createdBy", e.version`;

export interface NewExpenseClaim {
  id: string;
  areaId: string;
  journeyId: string;
  receivedAt: Date;
  amountClaimedPence: number | null;
  createdBy: string;
}

/** The CPS's decision on a claim: paid with the amount, or refused with the reason. */
export interface ExpenseClaimDecided {
  status: ExpenseDecision;
  decidedAt: Date;
  amountPaidPence: number | null;
  refusalReason: ExpenseRefusalReason | null;
}

const DECISION_COLUMNS: Record<keyof ExpenseClaimDecided, string> = {
  status: 'status',
  decidedAt: 'decided_at',
  amountPaidPence: 'amount_paid_pence',
  refusalReason: 'refusal_reason',
};

/**
 * SQL over expense_claims for a journey the ledger locked (or found) in scope: the journey
 * id is the key. A claim is shown with its duty's deadline.
 */
@Injectable()
export class ExpenseClaimsRepository implements VersionedRows<ExpenseClaimResponse, ExpenseClaimDecided> {
  async insert(tx: EntityManager, claim: NewExpenseClaim): Promise<void> {
    await tx.query(
      `INSERT INTO expense_claims (id, area_id, journey_id, received_at, amount_claimed_pence, status, created_by)
       VALUES ($1, $2, $3, $4, $5, 'received', $6)`,
      [claim.id, claim.areaId, claim.journeyId, claim.receivedAt, claim.amountClaimedPence, claim.createdBy],
    );
  }

  /** The journey's claim, or null. */
  async byId(tx: EntityManager, id: string, journeyId: string): Promise<ExpenseClaimResponse | null> {
    const [claim]: ExpenseClaimResponse[] = await tx.query(`SELECT ${CLAIM_COLUMNS} FROM expense_claims e WHERE e.id = $1 AND e.journey_id = $2`, [id, journeyId]);
    return claim ?? null;
  }

  /** The journey's claims, newest first. */
  ofJourney(tx: EntityManager, journeyId: string): Promise<ExpenseClaimResponse[]> {
    return tx.query(`SELECT ${CLAIM_COLUMNS} FROM expense_claims e WHERE e.journey_id = $1 ORDER BY e.received_at DESC, e.created_at DESC`, [journeyId]);
  }

  async update(tx: EntityManager, id: string, expectedVersion: number, decided: ExpenseClaimDecided): Promise<void> {
    await updateVersioned(tx, { table: 'expense_claims', id, expectedVersion, changes: columnsOf(decided, DECISION_COLUMNS), what: 'The expense claim' });
  }
}
