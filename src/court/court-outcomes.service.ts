import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { CommonError, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, type CrimeAnswer, type PartnerRetry } from '../crimes/crime-work.js';
import type { CrimeRef } from '../crimes/crime-ref.js';
import { codeEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { receiptProblems, receivedAtOf } from '../journeys/receipt.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { CourtError } from './court.errors.js';
import { CourtRecords } from './court-records.repository.js';
import { CourtOutcomesRepository, type LockedAppeal, type LockedOutcome } from './court-outcomes.repository.js';
import { CUSTODIAL_DISPOSALS, HOSPITAL_ORDER_DISPOSALS } from './court-vocabulary.js';
import { CourtWork } from './court-work.js';
import { HearingsRepository } from './hearings.repository.js';
import type { DecideAppealRequest, ListAppealHearingRequest, LodgeAppealRequest, RecordSentenceRequest, RecordVerdictRequest } from './dto/court-requests.dto.js';
import type { AppealResponse, OutcomeResponse, OutcomesResponse } from './dto/court-views.dto.js';

/**
 * Verdicts and sentences per defendant, and appeals against them. A verdict and the
 * sentence after it share the outcome's id, so the victim is owed one "told of the
 * outcome" duty (Code right 9, 1 working day); a sentence that makes the victim eligible
 * for the Victim Contact Scheme also opens the referral duty (right 11).
 */
@Injectable()
export class CourtOutcomesService {
  constructor(
    private readonly work: CourtWork,
    private readonly crimeWork: CrimeWork,
    private readonly records: CourtRecords,
    private readonly outcomes: CourtOutcomesRepository,
    private readonly hearings: HearingsRepository,
    private readonly journeys: JourneysService,
    private readonly audit: AuditService,
  ) {}

  recordVerdict(actor: Actor, crimeId: string, request: RecordVerdictRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<OutcomeResponse>> {
    const verdictAt = new Date(request.verdictAt);
    this.work.check([...this.work.notInFuture({ verdictAt }), ...receiptProblems(actor, verdictAt, request.receivedAt, this.work.now())]);
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    return this.work.onCrime(actor, crimeId, retry, 201, async (tx, crime) => {
      if ((await this.records.defendantsNotOnCrime(tx, crime.id, [request.defendantId])).length > 0) {
        throw CourtError.of('DEFENDANT_NOT_ON_CRIME', 'Choose a defendant on this crime', { field: 'defendantId' });
      }
      if (request.hearingId) {
        if (!(await this.hearings.onCrime(tx, request.hearingId, crime.id))) throw CourtError.of('HEARING_NOT_ON_CRIME', 'Choose a hearing of this crime', { field: 'hearingId' });
      }
      if (await this.outcomes.hasOutcome(tx, request.defendantId)) throw CourtError.of('OUTCOME_ALREADY_RECORDED', 'The defendant already has a verdict; an appeal changes it');
      const id = randomUUID();
      await this.outcomes.insertOutcome(tx, {
        id,
        areaId: crime.areaId,
        crimeId: crime.id,
        defendantId: request.defendantId,
        hearingId: request.hearingId ?? null,
        verdict: request.verdict,
        verdictAt,
        receivedAt,
        recordedBy: actor.userId,
      });
      const journeyIds = await this.tellJourneys(tx, actor, crime, [codeEvent('court.verdict', verdictAt, { outcomeId: id, verdict: request.verdict }, { receivedAt })]);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'outcome',
        entityId: id,
        areaId: crime.areaId,
        details: { crimeId: crime.id, defendantId: request.defendantId, hearingId: request.hearingId ?? null, verdict: request.verdict, journeyIds },
      });
      return this.outcome(tx, crime.id, id);
    });
  }

  recordSentence(actor: Actor, outcomeId: string, expectedVersion: number, request: RecordSentenceRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<OutcomeResponse>> {
    const sentencedAt = new Date(request.sentencedAt);
    const problems: FieldProblem[] = [...this.work.notInFuture({ sentencedAt }), ...receiptProblems(actor, sentencedAt, request.receivedAt, this.work.now())];
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    const custodial = CUSTODIAL_DISPOSALS.includes(request.disposal);
    if (custodial && request.custodialMonths < 1) problems.push({ field: 'custodialMonths', message: 'must be at least 1 for a custodial sentence' });
    if (!custodial && request.custodialMonths !== 0) problems.push({ field: 'custodialMonths', message: 'must be 0 when the sentence is not served in custody' });
    this.work.check(problems);
    return this.work.onRecord(actor, 'outcome', outcomeId, retry, 200, async (tx, crime) => {
      const outcome = await this.lockOutcome(tx, outcomeId, expectedVersion);
      if (outcome.verdict !== 'guilty') throw CourtError.of('SENTENCE_WITHOUT_CONVICTION', 'The verdict was not guilty');
      if (outcome.sentencedAt) throw CourtError.of('SENTENCE_ALREADY_RECORDED', 'An appeal against sentence records a change');
      if (sentencedAt.getTime() < outcome.verdictAt.getTime()) {
        throw validationFailed([{ field: 'sentencedAt', message: 'must not be before the verdict' }]);
      }
      await this.outcomes.recordSentence(tx, outcomeId, expectedVersion, {
        sentencedAt,
        receivedAt,
        disposal: request.disposal,
        custodialMonths: request.custodialMonths,
        offenceViolentOrSexual: request.offenceViolentOrSexual,
      });
      const journeyIds = await this.tellJourneys(tx, actor, crime, [
        codeEvent('court.sentence', sentencedAt, {
          outcomeId,
          offenceViolentOrSexual: request.offenceViolentOrSexual,
          custodialMonths: request.custodialMonths,
          hospitalOrder: HOSPITAL_ORDER_DISPOSALS.includes(request.disposal),
        }, { receivedAt }),
      ]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'outcome',
        entityId: outcomeId,
        areaId: crime.areaId,
        details: { crimeId: crime.id, change: 'sentenced', disposal: request.disposal, custodialMonths: request.custodialMonths, journeyIds },
      });
      return this.outcome(tx, crime.id, outcomeId);
    });
  }

  lodgeAppeal(actor: Actor, outcomeId: string, request: LodgeAppealRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<AppealResponse>> {
    const lodgedAt = new Date(request.lodgedAt);
    this.work.check([...this.work.notInFuture({ lodgedAt }), ...receiptProblems(actor, lodgedAt, request.receivedAt, this.work.now())]);
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    return this.work.onRecord(actor, 'outcome', outcomeId, retry, 201, async (tx, crime) => {
      const outcome = await this.outcomes.lockOutcome(tx, outcomeId);
      if (request.against === 'conviction' && (outcome.verdict !== 'guilty' || request.by !== 'defendant')) {
        throw CourtError.of('NOTHING_TO_APPEAL', 'Only a convicted defendant appeals against conviction', { field: 'against' });
      }
      if (request.against === 'sentence' && !outcome.sentencedAt) {
        throw CourtError.of('NOTHING_TO_APPEAL', 'No sentence is recorded for this outcome', { field: 'against' });
      }
      const decidedAfter = request.against === 'sentence' ? outcome.sentencedAt! : outcome.verdictAt;
      if (lodgedAt.getTime() < decidedAfter.getTime()) {
        throw validationFailed([{ field: 'lodgedAt', message: `must not be before the ${request.against === 'sentence' ? 'sentence' : 'verdict'}` }]);
      }
      if (await this.outcomes.hasOpenAppeal(tx, outcomeId, request.against)) throw CourtError.of('APPEAL_ALREADY_OPEN', `An appeal against ${request.against} is still to be decided`);
      const id = randomUUID();
      await this.outcomes.insertAppeal(tx, {
        id,
        areaId: crime.areaId,
        crimeId: crime.id,
        outcomeId,
        by: request.by,
        against: request.against,
        lodgedAt,
        receivedAt,
        recordedBy: actor.userId,
      });
      const journeyIds = await this.tellJourneys(tx, actor, crime, [codeEvent('appeal.lodged', lodgedAt, { appealId: id }, { receivedAt })]);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'appeal',
        entityId: id,
        areaId: crime.areaId,
        details: { crimeId: crime.id, outcomeId, by: request.by, against: request.against, journeyIds },
      });
      return this.appeal(tx, crime.id, id);
    });
  }

  listAppealHearing(actor: Actor, appealId: string, expectedVersion: number, request: ListAppealHearingRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<AppealResponse>> {
    // The court gives no separate time for listing: it happened when the unit received it.
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    this.work.check(receiptProblems(actor, receivedAt, request.receivedAt, this.work.now()));
    return this.work.onRecord(actor, 'appeal', appealId, retry, 200, async (tx, crime) => {
      const appeal = await this.lockAppeal(tx, appealId, expectedVersion);
      if (appeal.decidedAt) throw CourtError.of('APPEAL_DECIDED', 'The appeal is decided');
      if (appeal.hearingListedAt) throw CourtError.of('APPEAL_HEARING_ALREADY_LISTED', 'The appeal hearing is already listed');
      if (!(await this.records.activeCourt(tx, request.courtId, crime.areaId))) throw CourtError.of('COURT_NOT_IN_AREA', 'Choose a court of the crime’s area (GET /api/v1/courts)', { field: 'courtId' });
      const now = receivedAt;
      await this.outcomes.listAppealHearing(tx, appealId, expectedVersion, { courtId: request.courtId, listedFor: new Date(request.listedFor), listedAt: now, receivedAt });
      const journeyIds = await this.tellJourneys(tx, actor, crime, [codeEvent('appeal.hearing-listed', now, { appealId }, { receivedAt })]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'appeal',
        entityId: appealId,
        areaId: crime.areaId,
        details: { crimeId: crime.id, change: 'hearing_listed', courtId: request.courtId, journeyIds },
      });
      return this.appeal(tx, crime.id, appealId);
    });
  }

  decideAppeal(actor: Actor, appealId: string, expectedVersion: number, request: DecideAppealRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<AppealResponse>> {
    const decidedAt = new Date(request.decidedAt);
    this.work.check([...this.work.notInFuture({ decidedAt }), ...receiptProblems(actor, decidedAt, request.receivedAt, this.work.now())]);
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    return this.work.onRecord(actor, 'appeal', appealId, retry, 200, async (tx, crime) => {
      const appeal = await this.lockAppeal(tx, appealId, expectedVersion);
      if (appeal.decidedAt) throw CourtError.of('APPEAL_DECIDED', 'The appeal is decided');
      if (decidedAt.getTime() < appeal.lodgedAt.getTime()) {
        throw validationFailed([{ field: 'decidedAt', message: 'must not be before the appeal was lodged' }]);
      }
      await this.outcomes.decideAppeal(tx, appealId, expectedVersion, { decidedAt, receivedAt, result: request.result });
      const journeyIds = await this.tellJourneys(tx, actor, crime, [codeEvent('appeal.decided', decidedAt, { appealId }, { receivedAt })]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'appeal',
        entityId: appealId,
        areaId: crime.areaId,
        details: { crimeId: crime.id, change: 'decided', result: request.result, journeyIds },
      });
      return this.appeal(tx, crime.id, appealId);
    });
  }

  forCrime(actor: Actor, crimeId: string): Promise<OutcomesResponse> {
    return this.crimeWork.read(actor, crimeId, 'outcomes', async (tx, crime) => ({ items: await this.records.outcomes(tx, crime.id) }));
  }

  get(actor: Actor, outcomeId: string): Promise<OutcomeResponse> {
    return this.work.readRecord(actor, 'outcome', outcomeId, (tx, crimeId) => this.outcome(tx, crimeId, outcomeId));
  }

  getAppeal(actor: Actor, appealId: string): Promise<AppealResponse> {
    return this.work.readRecord(actor, 'appeal', appealId, (tx, crimeId) => this.appeal(tx, crimeId, appealId));
  }

  forJourney(actor: Actor, journeyId: string): Promise<OutcomesResponse> {
    return this.journeys.readInScope(actor, journeyId, 'outcomes', async (tx, journey) => ({
      items: await this.records.outcomes(tx, journey.crimeId, { journeyId: journey.id }),
    }));
  }

  private async tellJourneys(tx: EntityManager, actor: Actor, crime: CrimeRef, events: NewJourneyEvent[]): Promise<string[]> {
    const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events }));
    return changes.map((change) => change.journey.id);
  }

  private async lockOutcome(tx: EntityManager, outcomeId: string, expectedVersion: number): Promise<LockedOutcome> {
    const outcome = await this.outcomes.lockOutcome(tx, outcomeId);
    if (outcome.version !== expectedVersion) throw CommonError.of('CONFLICT', 'The outcome was changed by someone else; reload it and try again', { expectedVersion });
    return outcome;
  }

  private async lockAppeal(tx: EntityManager, appealId: string, expectedVersion: number): Promise<LockedAppeal> {
    const appeal = await this.outcomes.lockAppeal(tx, appealId);
    if (appeal.version !== expectedVersion) throw CommonError.of('CONFLICT', 'The appeal was changed by someone else; reload it and try again', { expectedVersion });
    return appeal;
  }

  private async outcome(tx: EntityManager, crimeId: string, outcomeId: string): Promise<OutcomeResponse> {
    const [outcome] = await this.records.outcomes(tx, crimeId, { outcomeId });
    return outcome;
  }

  private async appeal(tx: EntityManager, crimeId: string, appealId: string): Promise<AppealResponse> {
    const [appeal] = await this.records.appeals(tx, crimeId, { appealId });
    return appeal;
  }
}
