import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { insertRows } from '../database/insert-rows.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
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
        if (!(await this.chargedOrListed(tx, journey))) {
          throw WitnessError.of('NOT_CHARGED', 'Record the charge (or the first hearing) on the crime before opening witness care');
        }
        if (request.officerId) await this.checkOfficer(tx, request.officerId, journey.areaId);
        const id = randomUUID();
        const givingEvidence = request.givingEvidence === 'unknown' ? null : request.givingEvidence;
        await tx.query(
          `INSERT INTO witness_care_cases (id, area_id, journey_id, opened_at, opened_by, giving_evidence, officer_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, journey.areaId, journey.id, openedAt, actor.userId, givingEvidence, request.officerId ?? null],
        );
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
        await tx.query(
          `INSERT INTO witness_needs_assessments (id, area_id, journey_id, case_id, assessed_at, assessed_by) VALUES ($1, $2, $3, $4, $5, $6)`,
          [id, journey.areaId, journey.id, witnessCase.id, assessedAt, actor.userId],
        );
        await insertRows(
          tx,
          'witness_needs',
          ['assessment_id', 'area', 'needed', 'level', 'action'],
          request.needs.map((need) => [id, need.area, need.needed, need.level ?? null, need.action ?? null]),
        );
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
        const columns: Record<string, unknown> = { pre_trial_visit_status: request.status, [`pre_trial_visit_${request.status}_at`]: at };
        if (request.status === 'offered') columns.pre_trial_visit_declined_at = null;
        await updateVersioned(tx, { table: 'witness_care_cases', id: witnessCase.id, expectedVersion: expectedCaseVersion, changes: columns, what: 'The witness care case' });
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
        const [inserted]: unknown[] = await tx.query(
          `INSERT INTO interpreter_bookings (id, area_id, journey_id, hearing_id, language, booked_at, booked_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT ON CONSTRAINT interpreter_bookings_key DO NOTHING RETURNING id`,
          [id, journey.areaId, journey.id, hearing.id, request.language, bookedAt, actor.userId],
        );
        if (!inserted) throw WitnessError.of('INTERPRETER_ALREADY_BOOKED', `An interpreter (${request.language}) is already booked for this hearing`);
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

  /** Witness care starts at charge: a charge decision on the journey, or a hearing already listed on its crime. */
  private async chargedOrListed(tx: EntityManager, journey: JourneyRef): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM journey_events WHERE journey_id = $1 AND type = 'police.decision-made' AND payload->>'kind' = 'charged')
                   OR EXISTS (SELECT 1 FROM hearings WHERE crime_id = $2)`,
      [journey.id, journey.crimeId],
    );
    return rows.length > 0;
  }

  /** The lead officer must be a witness care officer, still enabled, working in the journey's area. */
  private async checkOfficer(tx: EntityManager, officerId: string, areaId: string): Promise<void> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM users u JOIN user_areas ua ON ua.user_id = u.id AND ua.area_id = $2
        WHERE u.id = $1 AND u.disabled_at IS NULL AND 'witness_care_officer' = ANY(u.roles)`,
      [officerId, areaId],
    );
    if (rows.length === 0) throw validationFailed([{ field: 'officerId', message: 'is not a witness care officer of the journey’s area' }]);
  }
}
