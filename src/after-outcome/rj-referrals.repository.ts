import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { RjOutcome } from './after-outcome-vocabulary.js';
import type { RjReferralResponse } from './dto/rj-referral.dto.js';
import { columnsOf, type VersionedRows } from './versioned-row-steps.js';

const REFERRAL_COLUMNS = `id, journey_id AS "journeyId", rj_offer_id AS "rjOfferId", provider, consent_recorded_at AS "consentRecordedAt",
  referred_at AS "referredAt", outcome, outcome_at AS "outcomeAt", created_by AS "createdBy", version`;

export interface NewRjReferral {
  id: string;
  areaId: string;
  journeyId: string;
  rjOfferId: string;
  provider: string | null;
  consentRecordedAt: Date;
  referredAt: Date;
  createdBy: string;
}

/** What the hub made of a referral, and when. */
export interface RjOutcomeRecorded {
  outcome: RjOutcome;
  outcomeAt: Date;
}

const OUTCOME_COLUMNS: Record<keyof RjOutcomeRecorded, string> = { outcome: 'outcome', outcomeAt: 'outcome_at' };

/** SQL over rj_referrals for a journey the ledger locked (or found) in scope: the journey id is the key. */
@Injectable()
export class RjReferralsRepository implements VersionedRows<RjReferralResponse, RjOutcomeRecorded> {
  /** Whether a referral of the journey still waits for the hub's outcome. */
  async hasPending(tx: EntityManager, journeyId: string): Promise<boolean> {
    const pending: unknown[] = await tx.query(`SELECT 1 FROM rj_referrals WHERE journey_id = $1 AND outcome = 'pending'`, [journeyId]);
    return pending.length > 0;
  }

  /** Adds the referral, its outcome pending. */
  async insert(tx: EntityManager, referral: NewRjReferral): Promise<RjReferralResponse> {
    const [row]: RjReferralResponse[] = await tx.query(
      `INSERT INTO rj_referrals (id, area_id, journey_id, rj_offer_id, provider, consent_recorded_at, referred_at, outcome, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8) RETURNING ${REFERRAL_COLUMNS}`,
      [referral.id, referral.areaId, referral.journeyId, referral.rjOfferId, referral.provider, referral.consentRecordedAt, referral.referredAt, referral.createdBy],
    );
    return row;
  }

  /** The journey's referral, or null. */
  async byId(tx: EntityManager, id: string, journeyId: string): Promise<RjReferralResponse | null> {
    const [row]: RjReferralResponse[] = await tx.query(`SELECT ${REFERRAL_COLUMNS} FROM rj_referrals WHERE id = $1 AND journey_id = $2`, [id, journeyId]);
    return row ?? null;
  }

  /** The journey's referrals, newest first. */
  ofJourney(tx: EntityManager, journeyId: string): Promise<RjReferralResponse[]> {
    return tx.query(`SELECT ${REFERRAL_COLUMNS} FROM rj_referrals WHERE journey_id = $1 ORDER BY referred_at DESC, created_at DESC`, [journeyId]);
  }

  async update(tx: EntityManager, id: string, expectedVersion: number, recorded: RjOutcomeRecorded): Promise<void> {
    await updateVersioned(tx, { table: 'rj_referrals', id, expectedVersion, changes: columnsOf(recorded, OUTCOME_COLUMNS), what: 'The restorative justice referral' });
  }
}
