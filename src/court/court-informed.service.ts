import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { VictimInformedPayload } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { BailDecisionsRepository } from './bail-decisions.repository.js';
import { CourtError } from './court.errors.js';
import { CourtInformingsRepository, type InformedOf } from './court-informings.repository.js';
import { CourtOutcomesRepository } from './court-outcomes.repository.js';
import { informDutyView } from './court-records.repository.js';
import { HearingsRepository } from './hearings.repository.js';
import type { AppealInformedRequest, HearingInformedRequest, InformedRequest } from './dto/court-requests.dto.js';
import type { InformedResponse } from './dto/court-views.dto.js';

/** Exactly what the victim was told of: the record, and the hearing version or step of it. */
interface Telling extends InformedOf {
  /** When the court made the news told; the victim cannot have been told earlier. */
  newsAt: Date | null;
  payload: VictimInformedPayload;
}

/**
 * A witness care officer records that a victim or witness was told of a hearing version,
 * a bail decision, an outcome or a step of an appeal. The `victim.informed` event names
 * exactly that, so it meets only the duty it answers: telling of hearing version 1 after
 * the court moved the hearing does not meet the duty to tell of version 2.
 *
 * Recorded on closed journeys too: the right to be told is the victim's, not the support
 * service's. Telling the same news twice is refused (409 ALREADY_INFORMED), so the record
 * says when the victim first heard.
 */
@Injectable()
export class CourtInformedService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly informings: CourtInformingsRepository,
    private readonly hearings: HearingsRepository,
    private readonly bailDecisions: BailDecisionsRepository,
    private readonly outcomes: CourtOutcomesRepository,
  ) {}

  /**
   * `expectedVersion`, when given, is the journey's version the caller saw (the workspace's
   * form carries it): a hearing moved meanwhile changes the journey, so the officer is shown
   * the move rather than recording news of a version they did not mean.
   */
  hearing(actor: Actor, journeyId: string, hearingId: string, request: HearingInformedRequest, expectedVersion?: number): Promise<{ body: InformedResponse; version: number }> {
    return this.record(actor, journeyId, request, expectedVersion, async (tx, journey) => {
      const hearing = await this.hearings.onCrime(tx, hearingId, journey.crimeId);
      if (!hearing) throw notOnCrime('hearing');
      if (request.hearingVersion > hearing.listingVersion) {
        throw CourtError.of('HEARING_VERSION_UNKNOWN', `The hearing is at version ${hearing.listingVersion}`, { field: 'hearingVersion' });
      }
      return {
        subject: 'hearing',
        subjectId: hearingId,
        hearingVersion: request.hearingVersion,
        stage: null,
        newsAt: await this.hearings.listingOccurredAt(tx, hearingId, request.hearingVersion),
        payload: { about: 'hearing', subjectId: hearingId, hearingVersion: request.hearingVersion },
      };
    });
  }

  bail(actor: Actor, journeyId: string, bailDecisionId: string, request: InformedRequest): Promise<{ body: InformedResponse; version: number }> {
    return this.record(actor, journeyId, request, undefined, async (tx, journey) => {
      const decidedAt = await this.bailDecisions.decidedAtOnCrime(tx, bailDecisionId, journey.crimeId);
      if (!decidedAt) throw notOnCrime('bail decision');
      return { subject: 'bail', subjectId: bailDecisionId, hearingVersion: null, stage: null, newsAt: decidedAt, payload: { about: 'bail', subjectId: bailDecisionId } };
    });
  }

  /** Told of the verdict, or of the sentence once the court has passed it (and the telling is after). */
  outcome(actor: Actor, journeyId: string, outcomeId: string, request: InformedRequest): Promise<{ body: InformedResponse; version: number }> {
    const informedAt = new Date(request.informedAt);
    return this.record(actor, journeyId, request, undefined, async (tx, journey) => {
      const outcome = await this.outcomes.outcomeOnCrime(tx, outcomeId, journey.crimeId);
      if (!outcome) throw notOnCrime('outcome');
      const ofSentence = outcome.sentencedAt !== null && informedAt.getTime() >= outcome.sentencedAt.getTime();
      return {
        subject: 'outcome',
        subjectId: outcomeId,
        hearingVersion: null,
        stage: ofSentence ? 'sentence' : 'verdict',
        newsAt: outcome.verdictAt,
        payload: { about: 'outcome', subjectId: outcomeId },
      };
    });
  }

  appeal(actor: Actor, journeyId: string, appealId: string, request: AppealInformedRequest): Promise<{ body: InformedResponse; version: number }> {
    return this.record(actor, journeyId, request, undefined, async (tx, journey) => {
      const appeal = await this.outcomes.appealStagesOnCrime(tx, appealId, journey.crimeId);
      if (!appeal) throw notOnCrime('appeal');
      const reachedAt = appeal[request.appealStage];
      if (!reachedAt) throw CourtError.of('APPEAL_STAGE_NOT_REACHED', `The appeal has not reached ${request.appealStage}`, { field: 'appealStage' });
      return {
        subject: 'appeal',
        subjectId: appealId,
        hearingVersion: null,
        stage: request.appealStage,
        newsAt: reachedAt,
        payload: { about: 'appeal', subjectId: appealId, appealStage: request.appealStage },
      };
    });
  }

  private record(
    actor: Actor,
    journeyId: string,
    request: InformedRequest,
    expectedVersion: number | undefined,
    find: (tx: EntityManager, journey: JourneyRef) => Promise<Telling>,
  ): Promise<{ body: InformedResponse; version: number }> {
    const informedAt = new Date(request.informedAt);
    const problems = this.work.notInFuture('informedAt', informedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const telling = await find(tx, journey);
        if (telling.newsAt && informedAt.getTime() < new Date(telling.newsAt).getTime()) {
          throw CourtError.of('INFORMED_BEFORE_NEWS', `informedAt is before the court's decision (${new Date(telling.newsAt).toISOString()})`, { field: 'informedAt' });
        }
        if (await this.informings.told(tx, journey.id, telling)) throw CourtError.of('ALREADY_INFORMED', 'That the victim was told of this is already recorded');

        const change = await this.ledger.record(tx, actor, journey, [codeEvent('victim.informed', informedAt, telling.payload)]);
        const [event] = change.events;
        const id = randomUUID();
        await this.informings.insert(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          subject: telling.subject,
          subjectId: telling.subjectId,
          hearingVersion: telling.hearingVersion,
          stage: telling.stage,
          informedAt,
          method: request.method,
          eventId: event.id,
          recordedBy: actor.userId,
        });
        const met = change.changed.find((duty) => duty.dischargedByEventId === event.id) ?? null;
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'court_informing',
          entityId: id,
          areaId: journey.areaId,
          details: {
            journeyId: journey.id,
            subject: telling.subject,
            subjectId: telling.subjectId,
            hearingVersion: telling.hearingVersion,
            stage: telling.stage,
            method: request.method,
            dutyMet: met?.key ?? null,
          },
        });
        return {
          body: {
            id,
            journeyId: journey.id,
            subject: telling.subject,
            subjectId: telling.subjectId,
            hearingVersion: telling.hearingVersion,
            stage: telling.stage,
            informedAt,
            method: request.method,
            eventId: event.id,
            dutyMet: met
              ? informDutyView(
                  { rule_id: met.ruleId, key: met.key, status: met.status, due_at: met.dueAt, met_at: met.metAt, enhanced: met.enhanced },
                  this.work.now(),
                )
              : null,
          },
          version: change.journey.version,
        };
      },
      { onClosedJourney: true },
    );
  }
}

function notOnCrime(what: string) {
  return CourtError.of('SUBJECT_NOT_ON_CRIME', `No such ${what} on this journey's crime`);
}
