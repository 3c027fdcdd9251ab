import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isVcsEligible } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent, serviceEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { CommandAnswer } from './command-answer.js';
import type { MakeVcsReferralRequest, RecordVcsContactRequest, VcsReferralResponse, VcsReferralsResponse, VcsSentenceView } from './dto/vcs-referral.dto.js';
import { AfterOutcomeError } from './after-outcome.errors.js';
import type { VcsBasis } from './after-outcome-vocabulary.js';
import { TimelineRepository } from './timeline.repository.js';
import { VcsReferralsRepository } from './vcs-referrals.repository.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

/**
 * Referring a victim to probation's Victim Contact Scheme after a sentence (Code right
 * 11), and probation's first contact. The sentence is the court's `court.sentence` event
 * on the journey, recorded by the court module: eligibility is worked out from it, as the
 * engine does when it opens the referral duty. An eligible victim's referral meets the
 * witness care unit's duty and opens probation's; a discretionary one owes nobody a duty,
 * so it goes on the timeline as a service event. Both may follow a closed journey.
 */
@Injectable()
export class VcsReferralsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly steps: VersionedRowSteps,
    private readonly referrals: VcsReferralsRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async refer(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: MakeVcsReferralRequest): Promise<CommandAnswer<VcsReferralResponse>> {
    const referredAt = new Date(request.referredAt);
    const problems = this.work.notInFuture('referredAt', referredAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const sentence = (await this.timeline.sentences(tx, journey.id)).filter((candidate) => candidate.outcomeId === request.outcomeId).at(-1);
        if (!sentence) {
          throw AfterOutcomeError.of('SENTENCE_NOT_RECORDED', 'Refer once the court’s sentence for this outcome is on the journey', {
            errors: [{ field: 'outcomeId', message: 'no sentence with this outcome id is recorded on the journey' }],
          });
        }
        if (journey.optedOutOf.includes('victim_contact_scheme')) {
          throw AfterOutcomeError.of('VCS_OPTED_OUT', 'The victim opted out of the Victim Contact Scheme; record their opting back in first');
        }
        if (await this.referrals.exists(tx, journey.id, request.outcomeId)) throw AfterOutcomeError.of('VCS_ALREADY_REFERRED', `The victim is already referred for outcome ${request.outcomeId}`);
        const eligible = isVcsEligible(sentence.sentence);
        if (!eligible && !request.discretionary) {
          throw AfterOutcomeError.of('VCS_NOT_ELIGIBLE', 'The Victim Contact Scheme is for violent or sexual offences with 12 months or more in custody, or a hospital order; refer with discretionary: true for discretionary contact', {
            errors: [{ field: 'discretionary', message: 'must be true to refer a victim the sentence does not make eligible' }],
          });
        }
        if (referredAt < sentence.occurredAt) throw validationFailed([{ field: 'referredAt', message: 'must not be before the sentence' }]);

        const basis = eligible ? entitlementOf(await this.referrals.offenceCategoryOf(tx, journey.crimeId)) : 'discretionary';
        const id = randomUUID();
        const referral = await this.referrals.insert(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          outcomeId: request.outcomeId,
          sentenceEventId: sentence.id,
          basis,
          referredAt,
          createdBy: actor.userId,
        });
        await this.ledger.record(tx, actor, journey, [
          eligible
            ? codeEvent('vcs.referred', referredAt, { outcomeId: request.outcomeId })
            : serviceEvent('vcs.discretionary-referred', referredAt, { vcsReferralId: id, outcomeId: request.outcomeId }),
        ]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'vcs_referral',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, outcomeId: request.outcomeId, basis },
        });
        return { body: referral, version: referral.version };
      },
      { onClosedJourney: true },
    );
  }

  async recordContact(actor: Actor, journeyId: string, referralId: string, expectedVersion: number, request: RecordVcsContactRequest): Promise<VcsReferralResponse> {
    const contactedAt = new Date(request.contactedAt);
    const problems = this.work.notInFuture('contactedAt', contactedAt);
    if (problems.length > 0) throw validationFailed(problems);
    const victimChoice = request.victimChoice ?? 'undecided';
    return this.work.command(
      actor,
      journeyId,
      undefined,
      (tx, journey) =>
        this.steps.apply(tx, actor, journey, this.referrals, {
          entityType: 'vcs_referral',
          id: referralId,
          expectedVersion,
          what: 'The Victim Contact Scheme referral',
          decide: (current) => {
            if (current.status === 'contacted') throw AfterOutcomeError.of('VCS_ALREADY_CONTACTED', 'Probation’s first contact is already recorded for this referral');
            if (contactedAt < current.referredAt) throw validationFailed([{ field: 'contactedAt', message: 'must not be before the referral' }]);
            return {
              changes: { status: 'contacted', contactedAt, victimChoice },
              event:
                current.basis === 'discretionary'
                  ? serviceEvent('vcs.discretionary-contacted', contactedAt, { vcsReferralId: referralId, outcomeId: current.outcomeId })
                  : codeEvent('vcs.contacted', contactedAt, { outcomeId: current.outcomeId }),
              details: { status: 'contacted', victimChoice },
            };
          },
        }),
      { onClosedJourney: true },
    );
  }

  list(actor: Actor, journeyId: string): Promise<VcsReferralsResponse> {
    return this.work.read(actor, journeyId, 'vcs_referrals', async (tx) => {
      const items = await this.referrals.ofJourney(tx, journeyId);
      const referralOf = new Map(items.map((item) => [item.outcomeId, item.id]));
      const latest = new Map((await this.timeline.sentences(tx, journeyId)).map((sentence) => [sentence.outcomeId, sentence]));
      const sentences: VcsSentenceView[] = [...latest.values()].map((sentence) => ({
        outcomeId: sentence.outcomeId,
        eventId: sentence.id,
        sentencedAt: sentence.occurredAt,
        ...sentence.sentence,
        eligible: isVcsEligible(sentence.sentence),
        referralId: referralOf.get(sentence.outcomeId) ?? null,
      }));
      return { items, sentences };
    });
  }

}

/** Code right 11: close relatives bereaved by the crime are entitled as the victim would have been. */
function entitlementOf(offenceCategory: string | null): VcsBasis {
  return offenceCategory === 'homicide_bereaved' ? 'bereaved_relative' : 'eligible_victim';
}
