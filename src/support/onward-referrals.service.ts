import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent } from '../journeys/journey-events.js';
import type { MakeOnwardReferralRequest, OnwardReferralResponse, OnwardReferralsResponse, RecordOnwardOutcomeRequest } from './dto/onward-referral.dto.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { OnwardReferralsRepository } from './onward-referrals.repository.js';
import { SupportError } from './support.errors.js';

/** Referring a victim on to a specialist service, only with their consent, and what the service did. */
@Injectable()
export class OnwardReferralsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly referrals: OnwardReferralsRepository,
  ) {}

  async make(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: MakeOnwardReferralRequest): Promise<{ body: OnwardReferralResponse; version: number }> {
    const referredAt = new Date(request.referredAt);
    const consentRecordedAt = new Date(request.consentRecordedAt);
    const problems = [...this.work.notInFuture('referredAt', referredAt), ...this.work.notInFuture('consentRecordedAt', consentRecordedAt)];
    if (consentRecordedAt.getTime() > referredAt.getTime()) problems.push({ field: 'consentRecordedAt', message: 'must not be after referredAt: consent comes first' });
    if (problems.length > 0) throw validationFailed(problems);
    if (!request.consentGiven) {
      throw SupportError.of('CONSENT_REQUIRED', 'Consent is required to refer: a victim is referred on only with their consent', {
        errors: [{ field: 'consentGiven', message: 'consent is required to refer' }],
      });
    }
    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      const id = randomUUID();
      const referral = await this.referrals.insert(tx, {
        id,
        areaId: journey.areaId,
        journeyId: journey.id,
        service: request.service,
        provider: request.provider,
        consentRecordedAt,
        referredAt,
        notes: request.notes ?? null,
        createdBy: actor.userId,
      });
      const change = await this.ledger.record(tx, actor, journey, [serviceEvent('onward-referral.made', referredAt, { onwardReferralId: id, service: request.service })]);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'onward_referral',
        entityId: id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, service: request.service },
      });
      return { body: referral, version: change.journey.version };
    });
  }

  async recordOutcome(actor: Actor, journeyId: string, referralId: string, expectedVersion: number, request: RecordOnwardOutcomeRequest): Promise<OnwardReferralResponse> {
    const outcomeAt = new Date(request.outcomeAt);
    const problems = this.work.notInFuture('outcomeAt', outcomeAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(actor, journeyId, undefined, async (tx, journey) => {
      const current = await this.referrals.lock(tx, journey.id, referralId);
      if (!current) throw notFound('The onward referral');
      if (outcomeAt.getTime() < new Date(current.referredAt).getTime()) {
        throw validationFailed([{ field: 'outcomeAt', message: 'must not be before the referral was made' }]);
      }
      await this.referrals.recordOutcome(tx, referralId, expectedVersion, request.outcome, outcomeAt);
      await this.ledger.record(tx, actor, journey, [
        serviceEvent('onward-referral.outcome-recorded', outcomeAt, { onwardReferralId: referralId, service: current.service, outcome: request.outcome }),
      ]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'onward_referral',
        entityId: referralId,
        areaId: journey.areaId,
        details: { journeyId: journey.id, outcome: request.outcome },
      });
      return this.referrals.byId(tx, referralId);
    });
  }

  list(actor: Actor, journeyId: string): Promise<OnwardReferralsResponse> {
    return this.work.read(actor, journeyId, 'onward_referrals', async (tx) => ({ items: await this.referrals.list(tx, journeyId) }));
  }
}
