import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyResponse } from '../journeys/dto/journey.dto.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent, serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { CopeRecoverService } from './cope-recover.service.js';
import type { CloseJourneyRequest, ReopenJourneyRequest } from './dto/closure.dto.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { SupportError } from './support.errors.js';

export interface JourneyAnswer {
  body: JourneyResponse;
  version: number;
}

/**
 * Closing a journey (with its end cope-and-recover measure and the satisfaction question)
 * and reopening it. Closing withdraws the duties not yet due; the engine never reopens a
 * withdrawn duty, so reopening restores the work, not the duties.
 */
@Injectable()
export class ClosureService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly copeRecover: CopeRecoverService,
    private readonly journeys: JourneysService,
  ) {}

  async close(actor: Actor, journeyId: string, expectedVersion: number, request: CloseJourneyRequest): Promise<JourneyAnswer> {
    const { satisfaction } = request;
    const problems: FieldProblem[] = [];
    if ((satisfaction.score === undefined) === (satisfaction.declined === undefined)) {
      problems.push({ field: 'satisfaction.score', message: 'give a score, or declined: true when the victim chose not to answer' });
    }
    if (satisfaction.comment !== undefined && satisfaction.score === undefined) {
      problems.push({ field: 'satisfaction.comment', message: 'is only given with a score' });
    }
    if (request.endScore && request.endScoreMissingReason) {
      problems.push({ field: 'endScore', message: 'send either endScore or endScoreMissingReason, not both' });
    }
    const endTakenAt = request.endScore?.takenAt ? new Date(request.endScore.takenAt) : this.work.now();
    problems.push(...this.work.notInFuture('endScore.takenAt', endTakenAt));
    if (problems.length > 0) throw validationFailed(problems);

    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      const now = this.work.now();
      const events: NewJourneyEvent[] = [];
      if (request.endScore || request.endScoreMissingReason) {
        const frameworkVersion = await this.copeRecover.frameworkOfStart(tx, journey.id);
        if (request.endScore) {
          const answerProblems = this.copeRecover.answersProblems(request.endScore.answers, frameworkVersion, 'endScore.answers', 'endScore');
          if (answerProblems.length > 0) throw validationFailed(answerProblems);
        }
        const { event } = await this.copeRecover.record(tx, actor, journey, {
          point: 'end',
          frameworkVersion,
          answers: (request.endScore?.answers as Record<string, number> | undefined) ?? null,
          missingReason: request.endScoreMissingReason ?? null,
          takenAt: request.endScore ? endTakenAt : now,
        });
        events.push(event);
      } else if (!(await this.copeRecover.current(tx, journey.id, 'end'))) {
        throw SupportError.of('END_SCORE_REQUIRED', 'Record the end cope-and-recover score, or why there is none, before closing', {
          errors: [{ field: 'endScore', message: 'an end score, or endScoreMissingReason, is required to close' }],
        });
      }
      const declined = satisfaction.declined === true;
      events.push(serviceEvent('satisfaction.recorded', now, declined ? { declined: true } : { score: satisfaction.score }));
      events.push(codeEvent('journey.closed', now, {}));
      const change = await this.ledger.record(tx, actor, journey, events, {
        stage: 'closed',
        closedAt: now,
        closureReason: request.reason,
        closureNote: request.note ?? null,
        satisfactionScore: declined ? null : satisfaction.score!,
        satisfactionComment: declined ? null : (satisfaction.comment ?? null),
        satisfactionDeclined: declined,
      });
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'journey',
        entityId: journey.id,
        areaId: journey.areaId,
        details: {
          closed: true,
          reason: request.reason,
          satisfaction: declined ? 'declined' : 'score',
          dutiesWithdrawn: change.changed.filter((duty) => duty.status === 'withdrawn').length,
        },
      });
      return { body: await this.journeys.view(tx, change.journey), version: change.journey.version };
    });
  }

  async reopen(actor: Actor, journeyId: string, expectedVersion: number, request: ReopenJourneyRequest): Promise<JourneyAnswer> {
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        if (journey.stage !== 'closed') throw SupportError.of('JOURNEY_NOT_CLOSED', `Journey ${journey.reference} is open`);
        // A person has one open journey per crime: a referral since closure may have opened another.
        if (await this.journeys.hasOtherOpenJourney(tx, journey)) throw SupportError.of('OPEN_JOURNEY_EXISTS', 'Work on the open journey for this person and crime instead');
        const now = this.work.now();
        const supersededEndMeasureId = await this.copeRecover.supersedeEnd(tx, journey.id, now);
        const stage = journey.supportStartedAt ? 'in_support' : journey.firstContactedAt ? 'contacted' : 'referred';
        const change = await this.ledger.record(tx, actor, journey, [serviceEvent('journey.reopened', now, { reason: request.reason })], {
          stage,
          closedAt: null,
          closureReason: null,
          closureNote: null,
          satisfactionScore: null,
          satisfactionComment: null,
          satisfactionDeclined: null,
        });
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'journey',
          entityId: journey.id,
          areaId: journey.areaId,
          details: { reopened: true, stage, supersededEndMeasureId },
        });
        return { body: await this.journeys.view(tx, change.journey), version: change.journey.version };
      },
      { onClosedJourney: true },
    );
  }
}
