import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { updateVersioned } from '../database/versioned-update.js';
import type { OnwardReferralResponse } from './dto/onward-referral.dto.js';
import type { OnwardOutcome, OnwardService } from './support-vocabulary.js';

/** A row of onward_referrals, as stored (the columns the API shows). */
interface ReferralRow {
  id: string;
  journey_id: string;
  service: OnwardService;
  provider: string;
  consent_recorded_at: Date;
  referred_at: Date;
  outcome: OnwardOutcome;
  outcome_at: Date | null;
  notes: string | null;
  created_by: string;
  version: number;
}

export interface NewOnwardReferral {
  id: string;
  areaId: string;
  journeyId: string;
  service: OnwardService;
  provider: string;
  consentRecordedAt: Date;
  referredAt: Date;
  notes: string | null;
  createdBy: string;
}

const COLUMNS = `id, journey_id, service, provider, consent_recorded_at, referred_at, outcome, outcome_at, notes, created_by, version`;

/** SQL over onward_referrals, for one journey the caller holds in scope. A new referral's outcome is pending. */
@Injectable()
export class OnwardReferralsRepository {
  async insert(tx: EntityManager, referral: NewOnwardReferral): Promise<OnwardReferralResponse> {
    const [row]: ReferralRow[] = await tx.query(
      `INSERT INTO onward_referrals (id, area_id, journey_id, service, provider, consent_recorded_at, referred_at, outcome, notes, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING ${COLUMNS}`,
      [referral.id, referral.areaId, referral.journeyId, referral.service, referral.provider, referral.consentRecordedAt, referral.referredAt, referral.notes, referral.createdBy],
    );
    return toReferral(row);
  }

  /** The journey's referral, locked until the transaction ends; null when the journey has no such referral. */
  async lock(tx: EntityManager, journeyId: string, id: string): Promise<OnwardReferralResponse | null> {
    const [row]: ReferralRow[] = await tx.query(`SELECT ${COLUMNS} FROM onward_referrals WHERE id = $1 AND journey_id = $2 FOR UPDATE`, [id, journeyId]);
    return row ? toReferral(row) : null;
  }

  /** Records the service's answer when the referral is still at `expectedVersion` (If-Match), else a 409. */
  async recordOutcome(tx: EntityManager, id: string, expectedVersion: number, outcome: Exclude<OnwardOutcome, 'pending'>, outcomeAt: Date): Promise<void> {
    await updateVersioned(tx, { table: 'onward_referrals', id, expectedVersion, changes: { outcome, outcome_at: outcomeAt }, what: 'The onward referral' });
  }

  async byId(tx: EntityManager, id: string): Promise<OnwardReferralResponse> {
    const [row]: ReferralRow[] = await tx.query(`SELECT ${COLUMNS} FROM onward_referrals WHERE id = $1`, [id]);
    return toReferral(row);
  }

  /** Newest first. */
  async list(tx: EntityManager, journeyId: string): Promise<OnwardReferralResponse[]> {
    const rows: ReferralRow[] = await tx.query(`SELECT ${COLUMNS} FROM onward_referrals WHERE journey_id = $1 ORDER BY referred_at DESC, created_at DESC`, [journeyId]);
    return rows.map(toReferral);
  }
}

function toReferral(row: ReferralRow): OnwardReferralResponse {
  return {
    id: row.id,
    journeyId: row.journey_id,
    service: row.service,
    provider: row.provider,
    consentRecordedAt: row.consent_recorded_at,
    referredAt: row.referred_at,
    outcome: row.outcome,
    outcomeAt: row.outcome_at,
    notes: row.notes,
    createdBy: row.created_by,
    version: row.version,
  };
}
