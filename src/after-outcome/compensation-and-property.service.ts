import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { CommandAnswer } from './command-answer.js';
import type {
  CompensationInformationResponse,
  CompensationInformationView,
  PropertyReturnsResponse,
  PropertyReturnView,
  RecordCompensationInformationRequest,
  RecordPropertyReturnRequest,
} from './dto/compensation-and-property.dto.js';
import type { CompensationRoute, ContactChannel, Organisation, PropertyReturnMethod } from './after-outcome-vocabulary.js';
import { TimelineFacts } from './timeline-facts.js';
import type { TimelineFact } from './timeline.repository.js';

/**
 * Information about compensation (Code right 5) and property given back (right 10), as
 * the victim or the organisation told it: when, by whom and how, on the timeline. No duty
 * is computed from them. Both may come after support closed.
 */
@Injectable()
export class CompensationAndPropertyService {
  constructor(
    private readonly work: JourneyWork,
    private readonly facts: TimelineFacts,
  ) {}

  async recordCompensationInformation(
    actor: Actor,
    journeyId: string,
    expectedVersion: number | undefined,
    request: RecordCompensationInformationRequest,
  ): Promise<CommandAnswer<CompensationInformationView>> {
    const givenAt = new Date(request.givenAt);
    const problems = this.work.notInFuture('givenAt', givenAt);
    if (problems.length > 0) throw validationFailed(problems);
    const payload = { givenBy: request.givenBy, channel: request.channel, routes: request.routes };
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const { event, version } = await this.facts.record(tx, actor, journey, serviceEvent('compensation.information-given', givenAt, payload), {
          entityType: 'compensation_information',
          details: payload,
        });
        return { body: { eventId: event.id, givenAt, ...payload, recordedBy: actor.userId }, version };
      },
      { onClosedJourney: true },
    );
  }

  compensationInformation(actor: Actor, journeyId: string): Promise<CompensationInformationResponse> {
    return this.work.read(actor, journeyId, 'compensation_information', async (tx) => ({
      items: (await this.facts.list(tx, journeyId, ['compensation.information-given'])).map(toCompensationInformation),
    }));
  }

  async recordPropertyReturn(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordPropertyReturnRequest): Promise<CommandAnswer<PropertyReturnView>> {
    const returnedAt = new Date(request.returnedAt);
    const problems = this.work.notInFuture('returnedAt', returnedAt);
    if (problems.length > 0) throw validationFailed(problems);
    const payload = { returnedBy: request.returnedBy, method: request.method };
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const { event, version } = await this.facts.record(tx, actor, journey, serviceEvent('property.returned', returnedAt, payload), {
          entityType: 'property_return',
          details: payload,
        });
        return { body: { eventId: event.id, returnedAt, ...payload, recordedBy: actor.userId }, version };
      },
      { onClosedJourney: true },
    );
  }

  propertyReturns(actor: Actor, journeyId: string): Promise<PropertyReturnsResponse> {
    return this.work.read(actor, journeyId, 'property_returns', async (tx) => ({
      items: (await this.facts.list(tx, journeyId, ['property.returned'])).map(toPropertyReturn),
    }));
  }
}

function toCompensationInformation(fact: TimelineFact): CompensationInformationView {
  return {
    eventId: fact.eventId,
    givenAt: fact.occurredAt,
    givenBy: fact.payload.givenBy as Organisation,
    channel: fact.payload.channel as ContactChannel,
    routes: fact.payload.routes as CompensationRoute[],
    recordedBy: fact.recordedBy,
  };
}

function toPropertyReturn(fact: TimelineFact): PropertyReturnView {
  return {
    eventId: fact.eventId,
    returnedAt: fact.occurredAt,
    returnedBy: fact.payload.returnedBy as Organisation,
    method: fact.payload.method as PropertyReturnMethod,
    recordedBy: fact.recordedBy,
  };
}
