import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { AttendanceResponse, RecordAttendanceRequest, ResolveFollowUpRequest, WarnWitnessRequest, WitnessWarningResponse } from './dto/witness-care.dto.js';
import { WitnessCareRepository, type AttendanceCorrection } from './witness-care.repository.js';
import { WitnessError } from './witness.errors.js';

/**
 * A witness and a hearing: warning them to attend a listing (not the Code's "informed",
 * which the court side records) and whether they came. A failure to attend opens a
 * follow-up on the witness care officer's queue until it is resolved.
 */
@Injectable()
export class CourtAttendanceService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly records: WitnessCareRepository,
    private readonly audit: AuditService,
  ) {}

  async warn(actor: Actor, journeyId: string, hearingId: string, expectedVersion: number | undefined, request: WarnWitnessRequest): Promise<WitnessWarningResponse> {
    const warnedAt = new Date(request.warnedAt);
    const problems = this.work.notInFuture('warnedAt', warnedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        await this.records.requireCase(tx, journey.id);
        const hearing = await this.records.hearingOnCrime(tx, hearingId, journey.crimeId);
        if (hearing.status !== 'listed') throw WitnessError.of('HEARING_NOT_LISTED', `The hearing is ${hearing.status}`, { hearingStatus: hearing.status });
        const id = randomUUID();
        const warned = await this.records.warn(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          hearingId: hearing.id,
          listingVersion: hearing.listingVersion,
          warnedAt,
          method: request.method,
          warnedBy: actor.userId,
        });
        if (!warned) throw WitnessError.of('WITNESS_ALREADY_WARNED', `The witness is already warned for listing ${hearing.listingVersion}`, { listingVersion: hearing.listingVersion });
        await this.ledger.record(tx, actor, journey, [
          serviceEvent('witness.warned', warnedAt, { warningId: id, hearingId: hearing.id, hearingVersion: hearing.listingVersion, method: request.method }),
        ]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'witness_warning',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, hearingId: hearing.id, listingVersion: hearing.listingVersion, method: request.method },
        });
        return this.records.warning(tx, id);
      },
      { onClosedJourney: true },
    );
  }

  /** `expectedVersion`, when given, is the journey's version the caller saw (the workspace's form carries it). */
  async recordAttendance(actor: Actor, journeyId: string, hearingId: string, request: RecordAttendanceRequest, expectedVersion?: number): Promise<AttendanceResponse> {
    checkReason(request);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        await this.records.requireCase(tx, journey.id);
        const hearing = await this.records.hearingOnCrime(tx, hearingId, journey.crimeId);
        const id = randomUUID();
        const followUp = request.outcome === 'failed_to_attend' ? ('open' as const) : null;
        const recorded = await this.records.recordAttendance(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          hearingId: hearing.id,
          outcome: request.outcome,
          reason: request.reason ?? null,
          recordedBy: actor.userId,
          followUp,
        });
        if (!recorded) throw WitnessError.of('ATTENDANCE_ALREADY_RECORDED', 'Correct the recorded attendance with PUT and its ETag');
        await this.ledger.record(tx, actor, journey, [
          serviceEvent('witness.attendance-recorded', this.work.now(), {
            attendanceId: id,
            hearingId: hearing.id,
            outcome: request.outcome,
            reason: request.reason ?? null,
            corrected: false,
          }),
        ]);
        await this.audit.record(tx, actor, {
          action: 'create',
          entityType: 'witness_attendance',
          entityId: id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, hearingId: hearing.id, outcome: request.outcome, reason: request.reason ?? null, followUpOpened: followUp === 'open' },
        });
        return (await this.records.attendance(tx, journey.id, hearing.id))!;
      },
      { onClosedJourney: true },
    );
  }

  /**
   * Corrects what was recorded. A correction to a failure to attend opens a follow-up;
   * a correction away from one drops the follow-up unless it was already resolved (that
   * work was done, and stays on the record).
   */
  async correctAttendance(actor: Actor, journeyId: string, hearingId: string, expectedVersion: number, request: RecordAttendanceRequest): Promise<AttendanceResponse> {
    checkReason(request);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      async (tx, journey) => {
        await this.records.requireCase(tx, journey.id);
        const hearing = await this.records.hearingOnCrime(tx, hearingId, journey.crimeId);
        const current = await this.records.attendance(tx, journey.id, hearing.id, { forUpdate: true });
        if (!current) throw WitnessError.of('ATTENDANCE_NOT_RECORDED', 'Record the attendance with POST first');
        const correction: AttendanceCorrection = { outcome: request.outcome, reason: request.reason ?? null, recordedBy: actor.userId };
        const failed = request.outcome === 'failed_to_attend';
        if (failed && !current.followUp) correction.followUp = 'open';
        if (!failed && current.followUp?.status === 'open') correction.followUp = null;
        await this.records.correctAttendance(tx, current.id, expectedVersion, correction);
        await this.ledger.record(tx, actor, journey, [
          serviceEvent('witness.attendance-recorded', this.work.now(), {
            attendanceId: current.id,
            hearingId: hearing.id,
            outcome: request.outcome,
            reason: request.reason ?? null,
            corrected: true,
          }),
        ]);
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'witness_attendance',
          entityId: current.id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, hearingId: hearing.id, from: current.outcome, outcome: request.outcome, reason: request.reason ?? null },
        });
        return (await this.records.attendance(tx, journey.id, hearing.id))!;
      },
      { onClosedJourney: true },
    );
  }

  async resolveFollowUp(actor: Actor, journeyId: string, hearingId: string, expectedVersion: number, request: ResolveFollowUpRequest): Promise<AttendanceResponse> {
    const resolvedAt = new Date(request.resolvedAt);
    const problems = this.work.notInFuture('resolvedAt', resolvedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      async (tx, journey) => {
        const hearing = await this.records.hearingOnCrime(tx, hearingId, journey.crimeId);
        const current = await this.records.attendance(tx, journey.id, hearing.id, { forUpdate: true });
        if (!current) throw WitnessError.of('ATTENDANCE_NOT_RECORDED', 'No attendance is recorded for this hearing');
        if (current.followUp?.status !== 'open') throw WitnessError.of('NO_OPEN_FOLLOW_UP', `The follow-up is ${current.followUp?.status ?? 'not needed'}`);
        await this.records.resolveFollowUp(tx, current.id, expectedVersion, resolvedAt, request.note);
        await this.ledger.record(tx, actor, journey, [
          serviceEvent('witness.follow-up-resolved', resolvedAt, { attendanceId: current.id, hearingId: hearing.id, note: request.note }),
        ]);
        await this.audit.record(tx, actor, {
          action: 'update',
          entityType: 'witness_attendance',
          entityId: current.id,
          areaId: journey.areaId,
          details: { journeyId: journey.id, hearingId: hearing.id, fields: ['followUp'], note: request.note },
        });
        return (await this.records.attendance(tx, journey.id, hearing.id))!;
      },
      { onClosedJourney: true },
    );
  }
}

/** A reason goes with a failure to attend, and only with it. */
function checkReason(request: RecordAttendanceRequest): void {
  if (request.outcome === 'failed_to_attend' && !request.reason) throw validationFailed([{ field: 'reason', message: 'is required when the witness failed to attend' }]);
  if (request.outcome !== 'failed_to_attend' && request.reason) throw validationFailed([{ field: 'reason', message: 'is given only when the witness failed to attend' }]);
}
