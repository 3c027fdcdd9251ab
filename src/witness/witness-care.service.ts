import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { codeEvent, serviceEvent } from '../journeys/journey-events.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import type { JourneyStage } from '../journeys/journey-vocabulary.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type {
  BookInterpreterRequest,
  InterpreterBookingResponse,
  OpenWitnessCareRequest,
  RecordPreTrialVisitRequest,
  RecordWitnessNeedsRequest,
  WitnessCareCaseResponse,
  WitnessCareViewResponse,
  WitnessNeedsAssessmentResponse,
} from './dto/witness-care.dto.js';
import { WitnessCareRepository } from './witness-care.repository.js';
import { WITNESS_NEED_AREAS, type PreTrialVisitStatus } from './witness-vocabulary.js';
import { WitnessError } from './witness.errors.js';

/** Stages witness care follows on from; a journey already at court or closed keeps its stage. */
const STAGES_BEFORE_WITNESS_CARE: readonly JourneyStage[] = ['referred', 'contacted', 'assessed', 'in_support'];

/** Where a pre-trial visit may go from where it is: offered first, then taken or declined; a declined visit may be offered again. */
const PRE_TRIAL_VISIT_FROM: Record<PreTrialVisitStatus, ReadonlyArray<PreTrialVisitStatus | null>> = {
  offered: [null, 'declined'],
  taken: ['offered'],
  declined: ['offered'],
};

/** The command options every witness care command shares: the right to witness care does not end with victim support. */
const ON_CLOSED_JOURNEYS = { onClosedJourney: true };

/**
 * The witness care case of a journey: opened at charge for a victim or witness who may
 * give evidence, with the Witness Charter needs assessment, the pre-trial court visit and
 * interpreters booked for hearings. Commands run in JourneyWork (journey locked, scoped,
 * audited) and record their events through the JourneyLedger, so the Code's duties follow.
 */
@Injectable()
export class WitnessCareService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly records: WitnessCareRepository,
    private readonly audit: AuditService,
  ) {}

  async open(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: OpenWitnessCareRequest): Promise<WitnessCareCaseResponse> {
    const openedAt = new Date(request.openedAt);
    const problems = this.work.notInFuture('openedAt', openedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        if (await this.records.caseOf(tx, journey.id)) throw WitnessError.of('WITNESS_CARE_ALREADY_OPEN', `Journey ${journey.reference} already has a witness care case`);
        if (!(await this.records.chargedOrListed(tx, journey))) {
          throw WitnessError.of('NOT_CHARGED', 'Record the charge (or the first hearing) on the crime before opening witness care');
        }
        if (request.officerId && !(await this.records.isWitnessCareOfficerOf(tx, request.officerId, journey.areaId))) {
          throw validationFailed([{ field: 'officerId', message: 'is not a witness care officer of the journey’s area' }]);
        }
        const id = randomUUID();
        const givingEvidence = request.givingEvidence === 'unknown' ? null : request.givingEvidence;
        await this.records.openCase(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          openedAt,
          openedBy: actor.userId,
          givingEvidence,
          officerId: request.officerId ?? null,
        });
        const stage = STAGES_BEFORE_WITNESS_CARE.includes(journey.stage) ? { stage: 'witness_care' as const } : {};
        await this.ledger.record(
          tx,
          actor,
          journey,
          [serviceEvent('witness-care.opened', openedAt, { caseId: id, givingEvidence: request.givingEvidence, officerId: request.officerId ?? null })],
          stage,
        );
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'witness_care_case',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, givingEvidence: request.givingEvidence, officerAssigned: Boolean(request.officerId) },
        });
        return this.records.requireCase(tx, journey.id);
      },
      ON_CLOSED_JOURNEYS,
    );
  }

  show(actor: Actor, journeyId: string): Promise<WitnessCareViewResponse> {
    return this.work.read(actor, journeyId, 'witness_care', async (tx, journey) => {
      const found = await this.records.caseOf(tx, journey.id);
      if (!found) throw WitnessError.of('WITNESS_CARE_NOT_OPEN', 'The journey has no witness care case');
      return {
        ...found,
        needsAssessments: await this.records.needsAssessments(tx, journey.id),
        specialMeasures: await this.records.specialMeasures(tx, journey.id),
        interpreterBookings: await this.records.interpreterBookings(tx, journey.id),
        warnings: await this.records.warnings(tx, journey.id),
        attendance: await this.records.attendances(tx, journey.id),
      };
    });
  }

  /**
   * The Witness Charter needs assessment. It meets the `wcu.needs-assessment` duty a
   * not-guilty plea opens; one made before the plea is kept but meets nothing (the engine
   * refuses news older than the duty), so a fresh assessment is due after the plea.
   */
  async assessNeeds(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordWitnessNeedsRequest): Promise<WitnessNeedsAssessmentResponse> {
    const assessedAt = new Date(request.assessedAt);
    const problems: FieldProblem[] = [...this.work.notInFuture('assessedAt', assessedAt)];
    const seen = new Set<string>();
    request.needs.forEach((need, index) => {
      if (seen.has(need.area)) problems.push({ field: `needs[${index}].area`, message: 'is answered twice' });
      seen.add(need.area);
      if (!need.needed && need.level !== undefined) problems.push({ field: `needs[${index}].level`, message: 'is given only for a need that is needed' });
    });
    if (problems.length === 0 && seen.size !== WITNESS_NEED_AREAS.length) problems.push({ field: 'needs', message: `must answer every area once: ${WITNESS_NEED_AREAS.join(', ')}` });
    if (problems.length > 0) throw validationFailed(problems);

    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const witnessCase = await this.records.requireCase(tx, journey.id);
        const id = randomUUID();
        await this.records.insertNeedsAssessment(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          caseId: witnessCase.id,
          assessedAt,
          assessedBy: actor.userId,
          needs: request.needs.map((need) => ({ area: need.area, needed: need.needed, level: need.level ?? null, action: need.action ?? null })),
        });
        const change = await this.ledger.record(tx, actor, journey, [codeEvent('witness.needs-assessed', assessedAt, {})]);
        const needed = request.needs.filter((need) => need.needed).map((need) => need.area);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'witness_needs_assessment',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, needed, dutiesMet: change.changed.filter((duty) => duty.ruleId === 'wcu.needs-assessment').length },
        });
        const [assessment] = await this.records.needsAssessments(tx, journey.id, id);
        return assessment;
      },
      ON_CLOSED_JOURNEYS,
    );
  }

  /** The pre-trial court familiarisation visit, on the case row (its own version guards it). */
  async recordPreTrialVisit(actor: Actor, journeyId: string, expectedCaseVersion: number, request: RecordPreTrialVisitRequest): Promise<WitnessCareCaseResponse> {
    const at = new Date(request.at);
    const problems = this.work.notInFuture('at', at);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      async (tx, journey) => {
        const witnessCase = await this.records.requireCase(tx, journey.id, { forUpdate: true });
        const from = witnessCase.preTrialVisit.status;
        if (!PRE_TRIAL_VISIT_FROM[request.status].includes(from)) {
          throw WitnessError.of('PRE_TRIAL_VISIT_TRANSITION_NOT_ALLOWED', `The visit is ${from ?? 'not offered'}; it cannot become ${request.status}`, { from, to: request.status });
        }
        if (request.status !== 'offered' && witnessCase.preTrialVisit.offeredAt && at < new Date(witnessCase.preTrialVisit.offeredAt)) {
          throw validationFailed([{ field: 'at', message: 'must not be before the visit was offered' }]);
        }
        await this.records.recordPreTrialVisit(tx, witnessCase.id, expectedCaseVersion, request.status, at);
        await this.ledger.record(tx, actor, journey, [serviceEvent('pre-trial-visit.recorded', at, { caseId: witnessCase.id, status: request.status })]);
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'witness_care_case',
          entityId: witnessCase.id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, fields: ['preTrialVisit'], status: request.status },
        });
        return this.records.requireCase(tx, journey.id);
      },
      ON_CLOSED_JOURNEYS,
    );
  }

  async bookInterpreter(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: BookInterpreterRequest): Promise<InterpreterBookingResponse> {
    const bookedAt = new Date(request.bookedAt);
    const problems = this.work.notInFuture('bookedAt', bookedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        await this.records.requireCase(tx, journey.id);
        const hearing = await this.records.hearingOnCrime(tx, request.hearingId, journey.crimeId);
        const id = randomUUID();
        const booked = await this.records.bookInterpreter(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          hearingId: hearing.id,
          language: request.language,
          bookedAt,
          bookedBy: actor.userId,
        });
        if (!booked) throw WitnessError.of('INTERPRETER_ALREADY_BOOKED', `An interpreter (${request.language}) is already booked for this hearing`);
        await this.ledger.record(tx, actor, journey, [serviceEvent('interpreter.booked', bookedAt, { bookingId: id, hearingId: hearing.id, language: request.language })]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'interpreter_booking',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, hearingId: hearing.id, language: request.language },
        });
        return this.records.interpreterBooking(tx, id);
      },
      ON_CLOSED_JOURNEYS,
    );
  }
}
