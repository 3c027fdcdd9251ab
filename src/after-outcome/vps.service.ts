import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { codeEvent, serviceEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type {
  RecordVpsOfferRequest,
  RecordVpsReadingRequest,
  RecordVpsStatementRequest,
  VpsOfferView,
  VpsReadingView,
  VpsResponse,
  VpsStatementView,
} from './dto/vps.dto.js';
import type { CommandAnswer } from './command-answer.js';
import { AfterOutcomeError } from './after-outcome.errors.js';
import type { Organisation, VpsForm, VpsReader } from './after-outcome-vocabulary.js';
import { TimelineFacts } from './timeline-facts.js';
import type { TimelineFact } from './timeline.repository.js';

/**
 * The victim personal statement (Code right 7): offered (which meets the police's offer
 * duty opened at charge), made, updated, and put before the court. The statement is the
 * victim's own: the timeline keeps only that it exists, how it was made and when it was
 * read. All of it may be recorded after support closed: the court's work goes on.
 */
@Injectable()
export class VpsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly facts: TimelineFacts,
  ) {}

  async offer(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordVpsOfferRequest): Promise<CommandAnswer<VpsOfferView>> {
    const offeredAt = new Date(request.offeredAt);
    const problems = this.work.notInFuture('offeredAt', offeredAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const { event, version } = await this.facts.record(tx, actor, journey, codeEvent('vps.offered', offeredAt, { offeredBy: request.offeredBy }), {
          entityType: 'vps_offer',
          details: { offeredBy: request.offeredBy },
        });
        return { body: { eventId: event.id, offeredAt, offeredBy: request.offeredBy, recordedBy: actor.userId }, version };
      },
      { onClosedJourney: true },
    );
  }

  async recordStatement(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordVpsStatementRequest): Promise<CommandAnswer<VpsStatementView>> {
    const madeAt = new Date(request.madeAt);
    const problems = this.work.notInFuture('madeAt', madeAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const [firstOffer] = await this.facts.list(tx, journey.id, ['vps.offered']);
        if (!firstOffer) throw AfterOutcomeError.of('VPS_NOT_OFFERED', 'Record when and by whom the statement was offered before recording the statement');
        if (madeAt < new Date(firstOffer.occurredAt)) throw validationFailed([{ field: 'madeAt', message: 'must not be before the statement was offered' }]);
        const [made] = await this.facts.list(tx, journey.id, ['vps.made']);
        if (made && madeAt < new Date(made.occurredAt)) throw validationFailed([{ field: 'madeAt', message: 'must not be before the statement was first made' }]);
        const kind = made ? 'updated' : 'made';
        const { event, version } = await this.facts.record(tx, actor, journey, serviceEvent(kind === 'made' ? 'vps.made' : 'vps.updated', madeAt, { form: request.form }), {
          entityType: 'vps_statement',
          details: { kind, form: request.form },
        });
        return { body: { eventId: event.id, kind, madeAt, form: request.form, recordedBy: actor.userId }, version };
      },
      { onClosedJourney: true },
    );
  }

  async recordReading(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordVpsReadingRequest): Promise<CommandAnswer<VpsReadingView>> {
    const readAt = new Date(request.readAt);
    const problems = this.work.notInFuture('readAt', readAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const [made] = await this.facts.list(tx, journey.id, ['vps.made']);
        if (!made) throw AfterOutcomeError.of('VPS_NOT_MADE', 'Record the statement before recording that the court heard it');
        if (readAt < new Date(made.occurredAt)) throw validationFailed([{ field: 'readAt', message: 'must not be before the statement was made' }]);
        const { event, version } = await this.facts.record(tx, actor, journey, serviceEvent('vps.read-in-court', readAt, { readBy: request.readBy }), {
          entityType: 'vps_reading',
          details: { readBy: request.readBy },
        });
        return { body: { eventId: event.id, readAt, readBy: request.readBy, recordedBy: actor.userId }, version };
      },
      { onClosedJourney: true },
    );
  }

  get(actor: Actor, journeyId: string): Promise<VpsResponse> {
    return this.work.read(actor, journeyId, 'victim_personal_statement', async (tx: EntityManager) => {
      const facts = await this.facts.list(tx, journeyId, ['vps.offered', 'vps.made', 'vps.updated', 'vps.read-in-court']);
      return {
        journeyId,
        offers: facts.filter((fact) => fact.type === 'vps.offered').map(toOffer),
        statements: facts.filter((fact) => fact.type === 'vps.made' || fact.type === 'vps.updated').map(toStatement),
        readings: facts.filter((fact) => fact.type === 'vps.read-in-court').map(toReading),
      };
    });
  }
}

function toOffer(fact: TimelineFact): VpsOfferView {
  return { eventId: fact.eventId, offeredAt: fact.occurredAt, offeredBy: fact.payload.offeredBy as Organisation, recordedBy: fact.recordedBy };
}

function toStatement(fact: TimelineFact): VpsStatementView {
  return { eventId: fact.eventId, kind: fact.type === 'vps.made' ? 'made' : 'updated', madeAt: fact.occurredAt, form: fact.payload.form as VpsForm, recordedBy: fact.recordedBy };
}

function toReading(fact: TimelineFact): VpsReadingView {
  return { eventId: fact.eventId, readAt: fact.occurredAt, readBy: fact.payload.readBy as VpsReader, recordedBy: fact.recordedBy };
}
