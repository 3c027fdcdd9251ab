import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { CommandAnswer } from './command-answer.js';
import type { MakeRjReferralRequest, RecordRjOutcomeRequest, RjReferralResponse, RjReferralsResponse } from './dto/rj-referral.dto.js';
import { AfterOutcomeError } from './after-outcome.errors.js';
import { RjOffersRepository } from './rj-offers.repository.js';
import { RjReferralsRepository } from './rj-referrals.repository.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

/**
 * Referring a victim who is interested in restorative justice to the hub, only with their
 * consent, one referral at a time, and what came of it. Referring is new work with the
 * victim, refused on a closed journey; the hub's outcome may arrive after support closed.
 */
@Injectable()
export class RjReferralsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly steps: VersionedRowSteps,
    private readonly offers: RjOffersRepository,
    private readonly referrals: RjReferralsRepository,
  ) {}

  async make(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: MakeRjReferralRequest): Promise<CommandAnswer<RjReferralResponse>> {
    const referredAt = new Date(request.referredAt);
    const consentRecordedAt = new Date(request.consentRecordedAt);
    const problems = [...this.work.notInFuture('referredAt', referredAt), ...this.work.notInFuture('consentRecordedAt', consentRecordedAt)];
    if (consentRecordedAt > referredAt) problems.push({ field: 'consentRecordedAt', message: 'must not be after referredAt: consent comes first' });
    if (problems.length > 0) throw validationFailed(problems);
    if (!request.consentGiven) {
      throw AfterOutcomeError.of('CONSENT_REQUIRED', 'A victim is referred to restorative justice only with their consent', {
        errors: [{ field: 'consentGiven', message: 'consent is required to refer' }],
      });
    }
    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      const offer = request.rjOfferId ? await this.offers.offerOf(tx, journey.id, request.rjOfferId) : await this.offers.latestOffer(tx, journey.id);
      if (!offer && request.rjOfferId) throw notFound('The restorative justice offer');
      if (!offer) throw AfterOutcomeError.of('RJ_NOT_OFFERED', 'Record the offer and the victim’s interest before referring them to the hub');
      if (offer.response !== 'interested') {
        throw AfterOutcomeError.of('RJ_NOT_INTERESTED', `The victim’s response to that offer was ${offer.response}; record a new offer if they are now interested`);
      }
      if (referredAt < new Date(offer.offeredAt)) throw validationFailed([{ field: 'referredAt', message: 'must not be before the offer' }]);
      if (await this.referrals.hasPending(tx, journey.id)) throw AfterOutcomeError.of('RJ_REFERRAL_PENDING', 'Record the outcome of the pending referral before referring again');

      const id = randomUUID();
      const referral = await this.referrals.insert(tx, {
        id,
        areaId: journey.areaId,
        journeyId: journey.id,
        rjOfferId: offer.id,
        provider: request.provider ?? null,
        consentRecordedAt,
        referredAt,
        createdBy: actor.userId,
      });
      await this.ledger.record(tx, actor, journey, [serviceEvent('rj.referred', referredAt, { rjReferralId: id, rjOfferId: offer.id })]);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'rj_referral',
        entityId: id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, rjOfferId: offer.id },
      });
      return { body: referral, version: referral.version };
    });
  }

  async recordOutcome(actor: Actor, journeyId: string, referralId: string, expectedVersion: number, request: RecordRjOutcomeRequest): Promise<RjReferralResponse> {
    const outcomeAt = new Date(request.outcomeAt);
    const problems = this.work.notInFuture('outcomeAt', outcomeAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      (tx, journey) =>
        this.steps.apply(tx, actor, journey, this.referrals, {
          entityType: 'rj_referral',
          id: referralId,
          expectedVersion,
          what: 'The restorative justice referral',
          decide: (current) => {
            if (current.outcome !== 'pending') throw AfterOutcomeError.of('RJ_OUTCOME_RECORDED', `The referral’s outcome, ${current.outcome}, is already recorded`);
            if (outcomeAt < current.referredAt) throw validationFailed([{ field: 'outcomeAt', message: 'must not be before the referral was made' }]);
            return {
              changes: { outcome: request.outcome, outcomeAt },
              event: serviceEvent('rj.outcome-recorded', outcomeAt, { rjReferralId: referralId, outcome: request.outcome }),
              details: { outcome: request.outcome },
            };
          },
        }),
      { onClosedJourney: true },
    );
  }

  list(actor: Actor, journeyId: string): Promise<RjReferralsResponse> {
    return this.work.read(actor, journeyId, 'rj_referrals', async (tx) => ({
      items: await this.referrals.ofJourney(tx, journeyId),
    }));
  }
}
