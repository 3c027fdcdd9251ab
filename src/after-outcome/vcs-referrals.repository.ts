import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { VcsBasis, VcsChoice, VcsStatus } from './after-outcome-vocabulary.js';
import type { VcsReferralResponse } from './dto/vcs-referral.dto.js';
import { columnsOf, type VersionedRows } from './versioned-row-steps.js';

const REFERRAL_COLUMNS = `id, journey_id AS "journeyId", outcome_id AS "outcomeId", basis, referred_at AS "referredAt", status,
  contacted_at AS "contactedAt", victim_choice AS "victimChoice", created_by AS "createdBy", version`;

export interface NewVcsReferral {
  id: string;
  areaId: string;
  journeyId: string;
  outcomeId: string;
  /** The `court.sentence` event the referral follows. */
  sentenceEventId: string;
  basis: VcsBasis;
  referredAt: Date;
  createdBy: string;
}

/** Probation's first contact with the victim, and what the victim chose. */
export interface VcsContactRecorded {
  status: VcsStatus;
  contactedAt: Date;
  victimChoice: VcsChoice;
}

const CONTACT_COLUMNS: Record<keyof VcsContactRecorded, string> = { status: 'status', contactedAt: 'contacted_at', victimChoice: 'victim_choice' };

/**
 * SQL over vcs_referrals for a journey the ledger locked (or found) in scope: the journey id
 * is the key; and the offence category of the journey's crime, which says who is entitled.
 */
@Injectable()
export class VcsReferralsRepository implements VersionedRows<VcsReferralResponse, VcsContactRecorded> {
  async exists(tx: EntityManager, journeyId: string, outcomeId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM vcs_referrals WHERE journey_id = $1 AND outcome_id = $2`, [journeyId, outcomeId]);
    return rows.length > 0;
  }

  /** Adds the referral, not yet contacted. */
  async insert(tx: EntityManager, referral: NewVcsReferral): Promise<VcsReferralResponse> {
    const [row]: VcsReferralResponse[] = await tx.query(
      `INSERT INTO vcs_referrals (id, area_id, journey_id, outcome_id, sentence_event_id, basis, referred_at, status, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'referred', $8) RETURNING ${REFERRAL_COLUMNS}`,
      [referral.id, referral.areaId, referral.journeyId, referral.outcomeId, referral.sentenceEventId, referral.basis, referral.referredAt, referral.createdBy],
    );
    return row;
  }

  /** The journey's referral, or null. */
  async byId(tx: EntityManager, id: string, journeyId: string): Promise<VcsReferralResponse | null> {
    const [row]: VcsReferralResponse[] = await tx.query(`SELECT ${REFERRAL_COLUMNS} FROM vcs_referrals WHERE id = $1 AND journey_id = $2`, [id, journeyId]);
    return row ?? null;
  }

  /** The journey's referrals, newest first. */
  ofJourney(tx: EntityManager, journeyId: string): Promise<VcsReferralResponse[]> {
    return tx.query(`SELECT ${REFERRAL_COLUMNS} FROM vcs_referrals WHERE journey_id = $1 ORDER BY referred_at DESC, created_at DESC`, [journeyId]);
  }

  async update(tx: EntityManager, id: string, expectedVersion: number, contact: VcsContactRecorded): Promise<void> {
    await updateVersioned(tx, { table: 'vcs_referrals', id, expectedVersion, changes: columnsOf(contact, CONTACT_COLUMNS), what: 'The Victim Contact Scheme referral' });
  }

  /** The offence category of the journey's crime (found through the journey, in scope), or null. */
  async offenceCategoryOf(tx: EntityManager, crimeId: string): Promise<string | null> {
    const [crime]: Array<{ offence_category: string }> = await tx.query(`SELECT offence_category FROM crimes WHERE id = $1`, [crimeId]);
    return crime?.offence_category ?? null;
  }
}
