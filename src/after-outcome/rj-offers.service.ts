import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { CommandAnswer } from './command-answer.js';
import type { RecordRjOfferRequest, RjOfferResponse, RjOffersResponse } from './dto/rj-offer.dto.js';
import type { RjAnswer, RjResponse, RjStage } from './after-outcome-vocabulary.js';
import { RjOffersRepository } from './rj-offers.repository.js';
import { TimelineRepository, type CaseReached } from './timeline.repository.js';

/** The first version of the API took `answer`; `not_interested` meant the victim said no. */
const RESPONSE_OF_ANSWER: Record<RjAnswer, RjResponse> = { interested: 'interested', not_interested: 'declined' };

/**
 * Offering restorative justice (partnership aim V9: every victim is offered it), at any
 * stage of the case, and the victim's response. Every offer is a row and an `rj.offered`
 * event; the first meets the victim care service's offer duty, whatever the answer.
 */
@Injectable()
export class RjOffersService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly offers: RjOffersRepository,
    private readonly timeline: TimelineRepository,
  ) {}

  async record(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordRjOfferRequest): Promise<CommandAnswer<RjOfferResponse>> {
    const offeredAt = new Date(request.offeredAt);
    const problems = this.work.notInFuture('offeredAt', offeredAt);
    if ((request.response === undefined) === (request.answer === undefined)) {
      problems.push({ field: 'response', message: 'give the victim’s response (or, as before, answer), not both' });
    }
    if (problems.length > 0) throw validationFailed(problems);
    const response = request.response ?? RESPONSE_OF_ANSWER[request.answer!];
    const offeredBy = request.offeredBy ?? 'victim_care_service';

    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      if (offeredAt.getTime() < journey.referredAt.getTime()) {
        throw validationFailed([{ field: 'offeredAt', message: 'must not be before the referral was received' }]);
      }
      const stage = request.stage ?? stageOf(await this.timeline.caseReachedAt(tx, journey.id, offeredAt));
      const change = await this.ledger.record(tx, actor, journey, [
        codeEvent('rj.offered', offeredAt, { answer: response === 'interested' ? 'interested' : 'not_interested' }),
      ]);
      const [event] = change.events;
      const id = randomUUID();
      const offer = await this.offers.insert(tx, {
        id,
        areaId: journey.areaId,
        journeyId: journey.id,
        eventId: event.id,
        stage,
        offeredAt,
        offeredBy,
        response,
        createdBy: actor.userId,
      });
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'rj_offer',
        entityId: id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, stage, response },
      });
      return { body: offer, version: change.journey.version };
    });
  }

  list(actor: Actor, journeyId: string): Promise<RjOffersResponse> {
    return this.work.read(actor, journeyId, 'rj_offers', async (tx) => ({
      items: await this.offers.ofJourney(tx, journeyId),
    }));
  }

}

/** Where the case stood when the offer was made, as the timeline tells it. */
function stageOf(reached: CaseReached): RjStage {
  if (reached.sentenced) return 'post_sentence';
  return reached.charged ? 'pre_sentence' : 'pre_charge';
}
