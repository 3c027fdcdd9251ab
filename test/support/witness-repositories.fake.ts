import type { EntityManager } from 'typeorm';
import type { HearingStatus } from '../../src/court/court-vocabulary.js';
import type {
  AttendanceResponse,
  InterpreterBookingResponse,
  SpecialMeasureResponse,
  WitnessCareCaseResponse,
  WitnessNeedsAssessmentResponse,
  WitnessWarningResponse,
} from '../../src/witness/dto/witness-care.dto.js';
import {
  WitnessCareRepository,
  type AttendanceCorrection,
  type HearingOnCrime,
  type NewAttendance,
  type NewInterpreterBooking,
  type NewSpecialMeasure,
  type NewWitnessCareCase,
  type NewWitnessNeedsAssessment,
  type NewWitnessWarning,
  type SpecialMeasureStep,
} from '../../src/witness/witness-care.repository.js';
import { WitnessError } from '../../src/witness/witness.errors.js';
import { versioned, type JourneyFrame } from './journey-frame.fake.js';
import type { FollowUpNote, PreTrialVisitStatus } from '../../src/witness/witness-vocabulary.js';

/** A hearing of a crime, as the court module lists it. */
export interface FakeHearing {
  id: string;
  crimeId: string;
  status: HearingStatus;
  listingVersion: number;
  listedFor: Date;
}

/**
 * The witness care tables in memory, for the witness services' specs: every method of
 * WitnessCareRepository that reads or writes SQL answers from arrays (made with
 * JourneyFrame.table() so they roll back with a refused command); `requireCase` is the
 * real one. Optimistic locking and the one-per-key constraints behave as the SQL does.
 */
export class InMemoryWitnessCare extends WitnessCareRepository {
  readonly caseRows: Array<WitnessCareCaseResponse & { areaId: string }>;
  readonly assessmentRows: Array<NewWitnessNeedsAssessment>;
  readonly measureRows: Array<SpecialMeasureResponse>;
  readonly bookingRows: Array<InterpreterBookingResponse>;
  readonly warningRows: Array<WitnessWarningResponse>;
  readonly attendanceRows: Array<AttendanceResponse>;
  /** Hearings of crimes; and what makes a journey charged (a charge decision on its timeline). */
  readonly hearings: FakeHearing[] = [];
  readonly chargedJourneys = new Set<string>();
  /** Witness care officers, by the areas they work in. */
  readonly officers = new Map<string, string[]>();

  constructor(frame: Pick<JourneyFrame, 'table'>) {
    super();
    this.caseRows = frame.table();
    this.assessmentRows = frame.table();
    this.measureRows = frame.table();
    this.bookingRows = frame.table();
    this.warningRows = frame.table();
    this.attendanceRows = frame.table();
  }

  override async caseOf(_tx: EntityManager, journeyId: string): Promise<WitnessCareCaseResponse | null> {
    const found = this.caseRows.find((row) => row.journeyId === journeyId);
    if (!found) return null;
    const { areaId: _areaId, ...view } = found;
    return structuredClone(view);
  }

  override async openCase(_tx: EntityManager, opened: NewWitnessCareCase): Promise<void> {
    this.caseRows.push({
      id: opened.id,
      areaId: opened.areaId,
      journeyId: opened.journeyId,
      openedAt: opened.openedAt,
      openedBy: opened.openedBy,
      givingEvidence: opened.givingEvidence ?? 'unknown',
      officer: opened.officerId ? { id: opened.officerId, name: 'Officer' } : null,
      preTrialVisit: { status: null, offeredAt: null, takenAt: null, declinedAt: null },
      version: 1,
    });
  }

  override async chargedOrListed(_tx: EntityManager, journey: { id: string; crimeId: string }): Promise<boolean> {
    return this.chargedJourneys.has(journey.id) || this.hearings.some((hearing) => hearing.crimeId === journey.crimeId);
  }

  override async isWitnessCareOfficerOf(_tx: EntityManager, userId: string, areaId: string): Promise<boolean> {
    return (this.officers.get(userId) ?? []).includes(areaId);
  }

  override async hearingOnCrime(_tx: EntityManager, hearingId: string, crimeId: string): Promise<HearingOnCrime> {
    const hearing = this.hearings.find((row) => row.id === hearingId && row.crimeId === crimeId);
    if (!hearing) throw WitnessError.of('HEARING_NOT_ON_CRIME', `Hearing ${hearingId} is not a hearing of this journey’s crime`);
    return { id: hearing.id, status: hearing.status, listingVersion: hearing.listingVersion, listedFor: hearing.listedFor };
  }

  override async insertNeedsAssessment(_tx: EntityManager, assessment: NewWitnessNeedsAssessment): Promise<void> {
    this.assessmentRows.push(assessment);
  }

  override async needsAssessments(_tx: EntityManager, journeyId: string, onlyId?: string): Promise<WitnessNeedsAssessmentResponse[]> {
    return this.assessmentRows
      .filter((row) => row.journeyId === journeyId && (!onlyId || row.id === onlyId))
      .map((row) => ({ id: row.id, journeyId: row.journeyId, assessedAt: row.assessedAt, assessedBy: row.assessedBy, needs: row.needs.map((need) => ({ ...need })) }));
  }

  override async recordPreTrialVisit(_tx: EntityManager, caseId: string, expectedVersion: number, status: PreTrialVisitStatus, at: Date): Promise<void> {
    const row = versioned(this.caseRows, caseId, expectedVersion, 'The witness care case');
    row.preTrialVisit = { ...row.preTrialVisit, status, [`${status}At`]: at, ...(status === 'offered' ? { declinedAt: null } : {}) };
  }

  override async bookInterpreter(_tx: EntityManager, booking: NewInterpreterBooking): Promise<boolean> {
    if (this.bookingRows.some((row) => row.journeyId === booking.journeyId && row.hearingId === booking.hearingId && row.language === booking.language)) return false;
    this.bookingRows.push({ id: booking.id, journeyId: booking.journeyId, hearingId: booking.hearingId, language: booking.language, bookedAt: booking.bookedAt, bookedBy: booking.bookedBy });
    return true;
  }

  override async interpreterBooking(_tx: EntityManager, id: string): Promise<InterpreterBookingResponse> {
    return { ...this.bookingRows.find((row) => row.id === id)! };
  }

  override async requestSpecialMeasure(_tx: EntityManager, request: NewSpecialMeasure): Promise<boolean> {
    if (this.measureRows.some((row) => row.journeyId === request.journeyId && row.measure === request.measure && row.status !== 'refused')) return false;
    this.measureRows.push({
      id: request.id,
      journeyId: request.journeyId,
      hearingId: request.hearingId,
      measure: request.measure,
      status: 'requested',
      requestedAt: request.requestedAt,
      appliedForAt: null,
      decidedAt: null,
      refusalReason: null,
      version: 1,
    });
    return true;
  }

  override async specialMeasure(_tx: EntityManager, journeyId: string, id: string): Promise<SpecialMeasureResponse | null> {
    const row = this.measureRows.find((measure) => measure.id === id && measure.journeyId === journeyId);
    return row ? { ...row } : null;
  }

  override async stepSpecialMeasure(_tx: EntityManager, id: string, expectedVersion: number, step: SpecialMeasureStep, at: Date): Promise<void> {
    const row = versioned(this.measureRows, id, expectedVersion, 'The special measure');
    if (step.to === 'applied_for') Object.assign(row, { status: 'applied_for', appliedForAt: at });
    else Object.assign(row, { status: step.to, decidedAt: at, refusalReason: step.to === 'refused' ? step.reason : null });
  }

  override async warn(_tx: EntityManager, warning: NewWitnessWarning): Promise<boolean> {
    if (this.warningRows.some((row) => row.journeyId === warning.journeyId && row.hearingId === warning.hearingId && row.listingVersion === warning.listingVersion)) return false;
    const { areaId: _areaId, ...row } = warning;
    this.warningRows.push(row);
    return true;
  }

  override async warning(_tx: EntityManager, id: string): Promise<WitnessWarningResponse> {
    return { ...this.warningRows.find((row) => row.id === id)! };
  }

  override async recordAttendance(_tx: EntityManager, attendance: NewAttendance): Promise<boolean> {
    if (this.attendanceRows.some((row) => row.journeyId === attendance.journeyId && row.hearingId === attendance.hearingId)) return false;
    this.attendanceRows.push({
      id: attendance.id,
      journeyId: attendance.journeyId,
      hearingId: attendance.hearingId,
      outcome: attendance.outcome,
      reason: attendance.reason,
      recordedBy: attendance.recordedBy,
      followUp: attendance.followUp ? { status: attendance.followUp, resolvedAt: null, note: null } : null,
      version: 1,
    });
    return true;
  }

  override async attendance(_tx: EntityManager, journeyId: string, hearingId: string): Promise<AttendanceResponse | null> {
    const row = this.attendanceRows.find((attendance) => attendance.journeyId === journeyId && attendance.hearingId === hearingId);
    return row ? structuredClone(row) : null;
  }

  override async correctAttendance(_tx: EntityManager, id: string, expectedVersion: number, correction: AttendanceCorrection): Promise<void> {
    const row = versioned(this.attendanceRows, id, expectedVersion, 'The attendance');
    Object.assign(row, { outcome: correction.outcome, reason: correction.reason, recordedBy: correction.recordedBy });
    if (correction.followUp === 'open') row.followUp = { status: 'open', resolvedAt: null, note: null };
    if (correction.followUp === null) row.followUp = null;
  }

  override async resolveFollowUp(_tx: EntityManager, id: string, expectedVersion: number, resolvedAt: Date, note: FollowUpNote): Promise<void> {
    const row = versioned(this.attendanceRows, id, expectedVersion, 'The attendance');
    row.followUp = { status: 'resolved', resolvedAt, note };
  }

  override async specialMeasures(_tx: EntityManager, journeyId: string): Promise<SpecialMeasureResponse[]> {
    return this.measureRows.filter((row) => row.journeyId === journeyId).map((row) => ({ ...row }));
  }

  override async interpreterBookings(_tx: EntityManager, journeyId: string): Promise<InterpreterBookingResponse[]> {
    return this.bookingRows.filter((row) => row.journeyId === journeyId).map((row) => ({ ...row }));
  }

  override async warnings(_tx: EntityManager, journeyId: string): Promise<WitnessWarningResponse[]> {
    return this.warningRows.filter((row) => row.journeyId === journeyId).map((row) => ({ ...row }));
  }

  override async attendances(_tx: EntityManager, journeyId: string): Promise<AttendanceResponse[]> {
    return this.attendanceRows.filter((row) => row.journeyId === journeyId).map((row) => structuredClone(row));
  }
}
