import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import type { RecordRjOfferRequest, RjOfferResponse } from './dto/rj-offer.dto.js';
import { JourneyWork } from './journey-work.js';

/** Offering restorative justice (Code right 4); the offer and the victim's answer live on the timeline. */
@Injectable()
export class RjOffersService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordRjOfferRequest): Promise<{ body: RjOfferResponse; version: number }> {
    const offeredAt = new Date(request.offeredAt);
    const problems = this.work.notInFuture('offeredAt', offeredAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      if (offeredAt.getTime() < journey.referredAt.getTime()) {
        throw validationFailed([{ field: 'offeredAt', message: 'must not be before the referral was received' }]);
      }
      const change = await this.ledger.record(tx, actor, journey, [codeEvent('rj.offered', offeredAt, { answer: request.answer })]);
      const [event] = change.events;
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'rj_offer',
        entityId: event.id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, answer: request.answer },
      });
      return { body: { eventId: event.id, journeyId: journey.id, offeredAt, answer: request.answer }, version: change.journey.version };
    });
  }
}
