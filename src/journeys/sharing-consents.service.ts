import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { insertRows } from '../database/insert-rows.js';
import { TransactionRunner } from '../database/transaction.js';
import type { RecordSharingConsentRequest, SharingConsentsResponse, SharingConsentView, WithdrawSharingConsentRequest } from './dto/journey-management.dto.js';
import { SharingConsent } from './entities/sharing-consent.entity.js';
import { serviceEvent } from './journey-events.js';
import { JourneyLedger } from './journey-ledger.js';
import { JourneysService } from './journeys.service.js';
import { SharingConsentError } from './journeys.errors.js';

/** A consent to share given with a referral, for a journey the referral opened or was linked to. */
export interface ReferralSharingConsent {
  areaId: string;
  journeyId: string;
  agency: string;
  purpose: string;
  given: boolean;
  recordedAt: Date;
  recordedBy: string;
}

function toView(consent: SharingConsent): SharingConsentView {
  return {
    id: consent.id,
    agency: consent.agency,
    purpose: consent.purpose,
    given: consent.given,
    recordedAt: consent.recordedAt,
    recordedBy: consent.recordedBy,
    withdrawnAt: consent.withdrawnAt,
    withdrawnBy: consent.withdrawnBy,
    withdrawalReason: consent.withdrawalReason,
    version: consent.version,
  };
}

/**
 * The victim's consent to share their details with other agencies (UK GDPR): recorded at
 * referral or later, withdrawable at any time, never deleted. The timeline carries the
 * agency and the answer; the purpose and the reason stay on the row.
 */
@Injectable()
export class SharingConsentsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: JourneyLedger,
    private readonly reads: JourneysService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor, journeyId: string): Promise<SharingConsentsResponse> {
    return this.reads.readInScope(actor, journeyId, 'sharing_consents', async (tx) => {
      const consents = await tx.find(SharingConsent, { where: { journeyId }, order: { recordedAt: 'ASC', createdAt: 'ASC' } });
      return { items: consents.map(toView) };
    });
  }

  record(actor: Actor, journeyId: string, request: RecordSharingConsentRequest): Promise<SharingConsentView> {
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId);
      const now = this.clock.now();
      const consent = await tx.save(
        tx.create(SharingConsent, {
          areaId: journey.areaId,
          journeyId,
          agency: request.agency,
          purpose: request.purpose,
          given: request.given,
          recordedAt: now,
          recordedBy: actor.userId,
          withdrawnAt: null,
          withdrawnBy: null,
          withdrawalReason: null,
        }),
      );
      await this.ledger.record(tx, actor, journey, [
        serviceEvent('sharing-consent.recorded', now, { consentId: consent.id, agency: consent.agency, given: consent.given }),
      ]);
      await this.audit.record(tx, actor, { action: 'create', entityType: 'sharing_consent', entityId: consent.id, areaId: journey.areaId, details: { journeyId } });
      return toView(consent);
    });
  }

  /**
   * The consents that came with referrals, written in the intake's transaction as one batch
   * (a CSV import brings thousands). The referral's own timeline events and audit rows
   * stand for them.
   */
  async recordWithReferrals(tx: EntityManager, consents: readonly ReferralSharingConsent[]): Promise<void> {
    await insertRows(
      tx,
      'sharing_consents',
      ['area_id', 'journey_id', 'agency', 'purpose', 'given', 'recorded_at', 'recorded_by'],
      consents.map((consent) => [consent.areaId, consent.journeyId, consent.agency, consent.purpose, consent.given, consent.recordedAt, consent.recordedBy]),
    );
  }

  withdraw(actor: Actor, journeyId: string, consentId: string, request: WithdrawSharingConsentRequest): Promise<SharingConsentView> {
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId);
      const consent = await this.consentOf(tx, journeyId, consentId);
      if (consent.withdrawnAt) throw SharingConsentError.of('SHARING_CONSENT_WITHDRAWN', `Withdrawn at ${consent.withdrawnAt.toISOString()}`);
      if (!consent.given) throw SharingConsentError.of('SHARING_CONSENT_NOT_GIVEN', 'Record a new consent if the victim now agrees');
      const now = this.clock.now();
      await tx.query(
        `UPDATE sharing_consents SET withdrawn_at = $2, withdrawn_by = $3, withdrawal_reason = $4, version = version + 1, updated_at = now()
          WHERE id = $1`,
        [consent.id, now, actor.userId, request.reason],
      );
      await this.ledger.record(tx, actor, journey, [
        serviceEvent('sharing-consent.withdrawn', now, { consentId: consent.id, agency: consent.agency }),
      ]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'sharing_consent',
        entityId: consent.id,
        areaId: journey.areaId,
        details: { journeyId, fields: ['withdrawnAt', 'withdrawalReason'] },
      });
      return toView(await this.consentOf(tx, journeyId, consentId));
    });
  }

  private async consentOf(tx: EntityManager, journeyId: string, consentId: string): Promise<SharingConsent> {
    const consent = await tx.findOne(SharingConsent, { where: { id: consentId, journeyId } });
    if (!consent) throw notFound('The sharing consent');
    return consent;
  }
}
