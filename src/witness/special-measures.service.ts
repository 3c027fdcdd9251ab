import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { CommonError, notFound, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { RefuseSpecialMeasureRequest, RequestSpecialMeasureRequest, SpecialMeasureResponse } from './dto/witness-care.dto.js';
import { WitnessCareRepository, type SpecialMeasureStep } from './witness-care.repository.js';
import type { SpecialMeasureStatus } from './witness-vocabulary.js';
import { WitnessError } from './witness.errors.js';

/** The court decides only what the CPS has applied for; a decision is final (a refused measure may be requested afresh). */
const NEXT_STATES: Record<SpecialMeasureStatus, readonly SpecialMeasureStatus[]> = {
  requested: ['applied_for'],
  applied_for: ['granted', 'refused'],
  granted: [],
  refused: [],
};

/**
 * Special measures for a witness (Youth Justice and Criminal Evidence Act 1999): requested,
 * applied for by the CPS, granted or refused by the court. Each row carries its own version
 * (If-Match) and each step is an event on the journey's timeline.
 */
@Injectable()
export class SpecialMeasuresService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly records: WitnessCareRepository,
    private readonly audit: AuditService,
  ) {}

  async request(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RequestSpecialMeasureRequest): Promise<SpecialMeasureResponse> {
    const requestedAt = new Date(request.requestedAt);
    const problems = this.work.notInFuture('requestedAt', requestedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        await this.records.requireCase(tx, journey.id);
        const hearing = request.hearingId ? await this.records.hearingOnCrime(tx, request.hearingId, journey.crimeId) : null;
        const id = randomUUID();
        const requested = await this.records.requestSpecialMeasure(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          hearingId: hearing?.id ?? null,
          measure: request.measure,
          requestedAt,
          createdBy: actor.userId,
        });
        if (!requested) throw WitnessError.of('SPECIAL_MEASURE_ALREADY_REQUESTED', `${request.measure} is already requested or granted for the witness`);
        await this.ledger.record(tx, actor, journey, [
          serviceEvent('special-measure.requested', requestedAt, { specialMeasureId: id, measure: request.measure, hearingId: hearing?.id ?? null }),
        ]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'special_measure',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, measure: request.measure, status: 'requested' },
        });
        return (await this.records.specialMeasure(tx, journey.id, id))!;
      },
      { onClosedJourney: true },
    );
  }

  appliedFor(actor: Actor, journeyId: string, id: string, expectedVersion: number, at: string): Promise<SpecialMeasureResponse> {
    return this.step(actor, journeyId, id, expectedVersion, new Date(at), { to: 'applied_for' });
  }

  granted(actor: Actor, journeyId: string, id: string, expectedVersion: number, at: string): Promise<SpecialMeasureResponse> {
    return this.step(actor, journeyId, id, expectedVersion, new Date(at), { to: 'granted' });
  }

  refused(actor: Actor, journeyId: string, id: string, expectedVersion: number, request: RefuseSpecialMeasureRequest): Promise<SpecialMeasureResponse> {
    return this.step(actor, journeyId, id, expectedVersion, new Date(request.at), { to: 'refused', reason: request.reason });
  }

  private step(actor: Actor, journeyId: string, id: string, expectedVersion: number, at: Date, step: SpecialMeasureStep): Promise<SpecialMeasureResponse> {
    const problems = this.work.notInFuture('at', at);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      async (tx, journey) => {
        const current = await this.records.specialMeasure(tx, journey.id, id, { forUpdate: true });
        if (!current) throw notFound('The special measure');
        if (current.version !== expectedVersion) {
          // Checked before the state: a stale copy may show a state that has since moved on.
          throw CommonError.of('CONFLICT', 'The special measure was changed by someone else; reload it and try again', { expectedVersion });
        }
        if (!NEXT_STATES[current.status].includes(step.to)) {
          throw WitnessError.of('SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED', `The measure is ${current.status}; it cannot become ${step.to}`, { from: current.status, to: step.to });
        }
        const previousAt = new Date(current.appliedForAt ?? current.requestedAt);
        if (at < previousAt) throw validationFailed([{ field: 'at', message: `must not be before the measure was ${current.status === 'requested' ? 'requested' : 'applied for'}` }]);
        await this.records.stepSpecialMeasure(tx, id, expectedVersion, step, at);
        const payload = { specialMeasureId: id, measure: current.measure, ...(step.to === 'applied_for' ? {} : { decision: step.to }), ...(step.to === 'refused' ? { reason: step.reason } : {}) };
        await this.ledger.record(tx, actor, journey, [serviceEvent(step.to === 'applied_for' ? 'special-measure.applied-for' : 'special-measure.decided', at, payload)]);
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'special_measure',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, from: current.status, status: step.to, ...(step.to === 'refused' ? { reason: step.reason } : {}) },
        });
        return (await this.records.specialMeasure(tx, journey.id, id))!;
      },
      { onClosedJourney: true },
    );
  }
}
