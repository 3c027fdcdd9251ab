import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HearingStatus } from '../court/court-vocabulary.js';
import { insertRows } from '../database/insert-rows.js';
import { updateVersioned } from '../database/versioned-update.js';
import type {
  AttendanceResponse,
  InterpreterBookingResponse,
  SpecialMeasureResponse,
  WitnessCareCaseResponse,
  WitnessNeedsAssessmentResponse,
  WitnessNeedView,
  WitnessWarningResponse,
} from './dto/witness-care.dto.js';
import {
  WITNESS_NEED_AREAS,
  type AttendanceOutcome,
  type FollowUpNote,
  type NonAttendanceReason,
  type PreTrialVisitStatus,
  type SpecialMeasure,
  type SpecialMeasureRefusalReason,
  type WarningMethod,
  type WitnessNeedAction,
  type WitnessNeedArea,
  type WitnessNeedLevel,
} from './witness-vocabulary.js';
import { WitnessError } from './witness.errors.js';

/** The hearing a witness command is about, as the court last listed it. */
export interface HearingOnCrime {
  id: string;
  status: HearingStatus;
  listingVersion: number;
  listedFor: Date;
}

export interface NewWitnessCareCase {
  id: string;
  areaId: string;
  journeyId: string;
  openedAt: Date;
  openedBy: string;
  /** null while it is not known. */
  givingEvidence: boolean | null;
  officerId: string | null;
}

export interface NewWitnessNeedsAssessment {
  id: string;
  areaId: string;
  journeyId: string;
  caseId: string;
  assessedAt: Date;
  assessedBy: string;
  needs: ReadonlyArray<{ area: WitnessNeedArea; needed: boolean; level: WitnessNeedLevel | null; action: WitnessNeedAction | null }>;
}

/** A witness's booking, request, warning or attendance for a hearing (or none) of the journey's crime. */
interface NewHearingRecord {
  id: string;
  areaId: string;
  journeyId: string;
}

export interface NewInterpreterBooking extends NewHearingRecord {
  hearingId: string;
  language: string;
  bookedAt: Date;
  bookedBy: string;
}

export interface NewSpecialMeasure extends NewHearingRecord {
  hearingId: string | null;
  measure: SpecialMeasure;
  requestedAt: Date;
  createdBy: string;
}

/** A special measure's next step: the CPS applied for it, or the court decided. */
export type SpecialMeasureStep = { to: 'applied_for' } | { to: 'granted' } | { to: 'refused'; reason: SpecialMeasureRefusalReason };

export interface NewWitnessWarning extends NewHearingRecord {
  hearingId: string;
  listingVersion: number;
  warnedAt: Date;
  method: WarningMethod;
  warnedBy: string;
}

export interface NewAttendance extends NewHearingRecord {
  hearingId: string;
  outcome: AttendanceOutcome;
  reason: NonAttendanceReason | null;
  recordedBy: string;
  /** `open` for a failure to attend, which the officer follows up. */
  followUp: 'open' | null;
}

/** A corrected attendance; `followUp` (when given) opens the follow-up or drops it. */
export interface AttendanceCorrection {
  outcome: AttendanceOutcome;
  reason: NonAttendanceReason | null;
  recordedBy: string;
  followUp?: 'open' | null;
}

interface CaseRow {
  id: string;
  journey_id: string;
  opened_at: Date;
  opened_by: string;
  giving_evidence: boolean | null;
  officer_id: string | null;
  officer_name: string | null;
  pre_trial_visit_status: WitnessCareCaseResponse['preTrialVisit']['status'];
  pre_trial_visit_offered_at: Date | null;
  pre_trial_visit_taken_at: Date | null;
  pre_trial_visit_declined_at: Date | null;
  version: number;
}

const SPECIAL_MEASURE_COLUMNS = `id, journey_id AS "journeyId", hearing_id AS "hearingId", measure, status, requested_at AS "requestedAt",
  applied_for_at AS "appliedForAt", decided_at AS "decidedAt", refusal_reason AS "refusalReason", version`;

const WARNING_COLUMNS = `id, journey_id AS "journeyId", hearing_id AS "hearingId", listing_version AS "listingVersion", warned_at AS "warnedAt", method, warned_by AS "warnedBy"`;

const INTERPRETER_COLUMNS = `id, journey_id AS "journeyId", hearing_id AS "hearingId", language, booked_at AS "bookedAt", booked_by AS "bookedBy"`;

interface AttendanceRow {
  id: string;
  journey_id: string;
  hearing_id: string;
  outcome: AttendanceResponse['outcome'];
  reason: AttendanceResponse['reason'];
  recorded_by: string;
  follow_up_status: 'open' | 'resolved' | null;
  follow_up_resolved_at: Date | null;
  follow_up_note: NonNullable<AttendanceResponse['followUp']>['note'];
  version: number;
}

/**
 * SQL over the witness care tables, always for one journey the caller already holds in
 * scope (locked by the ledger for commands, found in scope for reads): the journey id is
 * the scoping, so nothing here reads across journeys. Rows with their own version change
 * through `updateVersioned` (a stale If-Match is a 409); a second booking, request,
 * warning or attendance where one may exist is answered `false`, for the service to refuse.
 */
@Injectable()
export class WitnessCareRepository {
  async openCase(tx: EntityManager, opened: NewWitnessCareCase): Promise<void> {
    await tx.query(
      `INSERT INTO witness_care_cases (id, area_id, journey_id, opened_at, opened_by, giving_evidence, officer_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [opened.id, opened.areaId, opened.journeyId, opened.openedAt, opened.openedBy, opened.givingEvidence, opened.officerId],
    );
  }

  /** Witness care starts at charge: a charge decision on the journey, or a hearing already listed on its crime. */
  async chargedOrListed(tx: EntityManager, journey: { id: string; crimeId: string }): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 WHERE EXISTS (SELECT 1 FROM journey_events WHERE journey_id = $1 AND type = 'police.decision-made' AND payload->>'kind' = 'charged')
                   OR EXISTS (SELECT 1 FROM hearings WHERE crime_id = $2)`,
      [journey.id, journey.crimeId],
    );
    return rows.length > 0;
  }

  /** A witness care officer, still enabled, working in the area. */
  async isWitnessCareOfficerOf(tx: EntityManager, userId: string, areaId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM users u JOIN user_areas ua ON ua.user_id = u.id AND ua.area_id = $2
        WHERE u.id = $1 AND u.disabled_at IS NULL AND 'witness_care_officer' = ANY(u.roles)`,
      [userId, areaId],
    );
    return rows.length > 0;
  }

  async insertNeedsAssessment(tx: EntityManager, assessment: NewWitnessNeedsAssessment): Promise<void> {
    await tx.query(
      `INSERT INTO witness_needs_assessments (id, area_id, journey_id, case_id, assessed_at, assessed_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [assessment.id, assessment.areaId, assessment.journeyId, assessment.caseId, assessment.assessedAt, assessment.assessedBy],
    );
    await insertRows(
      tx,
      'witness_needs',
      ['assessment_id', 'area', 'needed', 'level', 'action'],
      assessment.needs.map((need) => [assessment.id, need.area, need.needed, need.level, need.action]),
    );
  }

  /** The visit's new status, dated; offering it again clears an earlier refusal. */
  async recordPreTrialVisit(tx: EntityManager, caseId: string, expectedVersion: number, status: PreTrialVisitStatus, at: Date): Promise<void> {
    const columns: Record<string, unknown> = { pre_trial_visit_status: status, [`pre_trial_visit_${status}_at`]: at };
    if (status === 'offered') columns.pre_trial_visit_declined_at = null;
    await updateVersioned(tx, { table: 'witness_care_cases', id: caseId, expectedVersion, changes: columns, what: 'The witness care case' });
  }

  /** False when an interpreter in that language is already booked for the hearing. */
  async bookInterpreter(tx: EntityManager, booking: NewInterpreterBooking): Promise<boolean> {
    const [inserted]: unknown[] = await tx.query(
      `INSERT INTO interpreter_bookings (id, area_id, journey_id, hearing_id, language, booked_at, booked_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ON CONSTRAINT interpreter_bookings_key DO NOTHING RETURNING id`,
      [booking.id, booking.areaId, booking.journeyId, booking.hearingId, booking.language, booking.bookedAt, booking.bookedBy],
    );
    return Boolean(inserted);
  }

  /** False when the measure is already requested, applied for or granted for the witness (a refused one may be asked for again). */
  async requestSpecialMeasure(tx: EntityManager, request: NewSpecialMeasure): Promise<boolean> {
    const [inserted]: unknown[] = await tx.query(
      `INSERT INTO special_measures (id, area_id, journey_id, hearing_id, measure, status, requested_at, created_by)
       VALUES ($1, $2, $3, $4, $5, 'requested', $6, $7)
       ON CONFLICT (journey_id, measure) WHERE status <> 'refused' DO NOTHING RETURNING id`,
      [request.id, request.areaId, request.journeyId, request.hearingId, request.measure, request.requestedAt, request.createdBy],
    );
    return Boolean(inserted);
  }

  async stepSpecialMeasure(tx: EntityManager, id: string, expectedVersion: number, step: SpecialMeasureStep, at: Date): Promise<void> {
    const changes: Record<string, unknown> =
      step.to === 'applied_for'
        ? { status: 'applied_for', applied_for_at: at }
        : { status: step.to, decided_at: at, refusal_reason: step.to === 'refused' ? step.reason : null };
    await updateVersioned(tx, { table: 'special_measures', id, expectedVersion, changes, what: 'The special measure' });
  }

  /** False when the witness is already warned for this listing of the hearing. */
  async warn(tx: EntityManager, warning: NewWitnessWarning): Promise<boolean> {
    const [inserted]: unknown[] = await tx.query(
      `INSERT INTO witness_warnings (id, area_id, journey_id, hearing_id, listing_version, warned_at, method, warned_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ON CONSTRAINT witness_warnings_key DO NOTHING RETURNING id`,
      [warning.id, warning.areaId, warning.journeyId, warning.hearingId, warning.listingVersion, warning.warnedAt, warning.method, warning.warnedBy],
    );
    return Boolean(inserted);
  }

  /** False when the witness's attendance at the hearing is already recorded. */
  async recordAttendance(tx: EntityManager, attendance: NewAttendance): Promise<boolean> {
    const [inserted]: unknown[] = await tx.query(
      `INSERT INTO witness_attendances (id, area_id, journey_id, hearing_id, outcome, reason, recorded_by, follow_up_status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT ON CONSTRAINT witness_attendances_key DO NOTHING RETURNING id`,
      [attendance.id, attendance.areaId, attendance.journeyId, attendance.hearingId, attendance.outcome, attendance.reason, attendance.recordedBy, attendance.followUp],
    );
    return Boolean(inserted);
  }

  async correctAttendance(tx: EntityManager, id: string, expectedVersion: number, correction: AttendanceCorrection): Promise<void> {
    const columns: Record<string, unknown> = { outcome: correction.outcome, reason: correction.reason, recorded_by: correction.recordedBy };
    if (correction.followUp !== undefined) columns.follow_up_status = correction.followUp;
    await updateVersioned(tx, { table: 'witness_attendances', id, expectedVersion, changes: columns, what: 'The attendance' });
  }

  async resolveFollowUp(tx: EntityManager, id: string, expectedVersion: number, resolvedAt: Date, note: FollowUpNote): Promise<void> {
    await updateVersioned(tx, {
      table: 'witness_attendances',
      id,
      expectedVersion,
      changes: { follow_up_status: 'resolved', follow_up_resolved_at: resolvedAt, follow_up_note: note },
      what: 'The attendance',
    });
  }

  /** The journey's case, locked with `forUpdate`; null when none is open. */
  async caseOf(tx: EntityManager, journeyId: string, options: { forUpdate?: boolean } = {}): Promise<WitnessCareCaseResponse | null> {
    const [row]: CaseRow[] = await tx.query(
      `SELECT w.id, w.journey_id, w.opened_at, w.opened_by, w.giving_evidence, w.officer_id, u.display_name AS officer_name,
              w.pre_trial_visit_status, w.pre_trial_visit_offered_at, w.pre_trial_visit_taken_at, w.pre_trial_visit_declined_at, w.version
         FROM witness_care_cases w
         LEFT JOIN users u ON u.id = w.officer_id
        WHERE w.journey_id = $1 ${options.forUpdate ? 'FOR UPDATE OF w' : ''}`,
      [journeyId],
    );
    return row ? toCase(row) : null;
  }

  /** The case a command needs: without one, the witness care unit has not taken the witness on. */
  async requireCase(tx: EntityManager, journeyId: string, options: { forUpdate?: boolean } = {}): Promise<WitnessCareCaseResponse> {
    const found = await this.caseOf(tx, journeyId, options);
    if (!found) throw WitnessError.of('WITNESS_CARE_NOT_OPEN', 'Open the witness care case (POST /journeys/{id}/witness-care) first');
    return found;
  }

  /**
   * A hearing of the journey's crime, locked so a move cannot slip between reading its
   * listing version and recording a warning for it. Any other id (another crime's hearing,
   * or none) is the same refusal, so the answer does not tell whether it exists.
   */
  async hearingOnCrime(tx: EntityManager, hearingId: string, crimeId: string): Promise<HearingOnCrime> {
    const [row]: Array<{ id: string; status: HearingStatus; listing_version: number; listed_for: Date }> = await tx.query(
      `SELECT id, status, listing_version, listed_for FROM hearings WHERE id = $1 AND crime_id = $2 FOR SHARE`,
      [hearingId, crimeId],
    );
    if (!row) throw WitnessError.of('HEARING_NOT_ON_CRIME', `Hearing ${hearingId} is not a hearing of this journey’s crime`);
    return { id: row.id, status: row.status, listingVersion: row.listing_version, listedFor: new Date(row.listed_for) };
  }

  async specialMeasure(tx: EntityManager, journeyId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<SpecialMeasureResponse | null> {
    const [row]: SpecialMeasureResponse[] = await tx.query(
      `SELECT ${SPECIAL_MEASURE_COLUMNS} FROM special_measures WHERE id = $1 AND journey_id = $2 ${options.forUpdate ? 'FOR UPDATE' : ''}`,
      [id, journeyId],
    );
    return row ?? null;
  }

  async attendance(tx: EntityManager, journeyId: string, hearingId: string, options: { forUpdate?: boolean } = {}): Promise<AttendanceResponse | null> {
    const [row]: AttendanceRow[] = await tx.query(
      `SELECT * FROM witness_attendances WHERE journey_id = $1 AND hearing_id = $2 ${options.forUpdate ? 'FOR UPDATE' : ''}`,
      [journeyId, hearingId],
    );
    return row ? toAttendance(row) : null;
  }

  async warning(tx: EntityManager, id: string): Promise<WitnessWarningResponse> {
    const [row]: WitnessWarningResponse[] = await tx.query(`SELECT ${WARNING_COLUMNS} FROM witness_warnings WHERE id = $1`, [id]);
    return row;
  }

  async interpreterBooking(tx: EntityManager, id: string): Promise<InterpreterBookingResponse> {
    const [row]: InterpreterBookingResponse[] = await tx.query(`SELECT ${INTERPRETER_COLUMNS} FROM interpreter_bookings WHERE id = $1`, [id]);
    return row;
  }

  async needsAssessments(tx: EntityManager, journeyId: string, onlyId?: string): Promise<WitnessNeedsAssessmentResponse[]> {
    const assessments: Array<Omit<WitnessNeedsAssessmentResponse, 'needs'>> = await tx.query(
      `SELECT id, journey_id AS "journeyId", assessed_at AS "assessedAt", assessed_by AS "assessedBy"
         FROM witness_needs_assessments WHERE journey_id = $1 AND ($2::uuid IS NULL OR id = $2)
        ORDER BY assessed_at DESC, created_at DESC`,
      [journeyId, onlyId ?? null],
    );
    if (assessments.length === 0) return [];
    const needs: Array<WitnessNeedView & { assessmentId: string }> = await tx.query(
      `SELECT assessment_id AS "assessmentId", area, needed, level, action FROM witness_needs WHERE assessment_id = ANY($1::uuid[])`,
      [assessments.map((assessment) => assessment.id)],
    );
    const order = (area: string) => WITNESS_NEED_AREAS.indexOf(area as (typeof WITNESS_NEED_AREAS)[number]);
    return assessments.map((assessment) => ({
      ...assessment,
      needs: needs
        .filter((need) => need.assessmentId === assessment.id)
        .sort((a, b) => order(a.area) - order(b.area))
        .map(({ area, needed, level, action }) => ({ area, needed, level, action })),
    }));
  }

  specialMeasures(tx: EntityManager, journeyId: string): Promise<SpecialMeasureResponse[]> {
    return tx.query(`SELECT ${SPECIAL_MEASURE_COLUMNS} FROM special_measures WHERE journey_id = $1 ORDER BY requested_at, created_at`, [journeyId]);
  }

  interpreterBookings(tx: EntityManager, journeyId: string): Promise<InterpreterBookingResponse[]> {
    return tx.query(`SELECT ${INTERPRETER_COLUMNS} FROM interpreter_bookings WHERE journey_id = $1 ORDER BY booked_at, created_at`, [journeyId]);
  }

  warnings(tx: EntityManager, journeyId: string): Promise<WitnessWarningResponse[]> {
    return tx.query(`SELECT ${WARNING_COLUMNS} FROM witness_warnings WHERE journey_id = $1 ORDER BY warned_at, created_at`, [journeyId]);
  }

  async attendances(tx: EntityManager, journeyId: string): Promise<AttendanceResponse[]> {
    const rows: AttendanceRow[] = await tx.query(
      `SELECT a.* FROM witness_attendances a JOIN hearings h ON h.id = a.hearing_id WHERE a.journey_id = $1 ORDER BY h.listed_for, a.created_at`,
      [journeyId],
    );
    return rows.map(toAttendance);
  }
}

function toCase(row: CaseRow): WitnessCareCaseResponse {
  return {
    id: row.id,
    journeyId: row.journey_id,
    openedAt: row.opened_at,
    openedBy: row.opened_by,
    givingEvidence: row.giving_evidence ?? 'unknown',
    officer: row.officer_id ? { id: row.officer_id, name: row.officer_name ?? '' } : null,
    preTrialVisit: {
      status: row.pre_trial_visit_status,
      offeredAt: row.pre_trial_visit_offered_at,
      takenAt: row.pre_trial_visit_taken_at,
      declinedAt: row.pre_trial_visit_declined_at,
    },
    version: row.version,
  };
}

function toAttendance(row: AttendanceRow): AttendanceResponse {
  return {
    id: row.id,
    journeyId: row.journey_id,
    hearingId: row.hearing_id,
    outcome: row.outcome,
    reason: row.reason,
    recordedBy: row.recorded_by,
    followUp: row.follow_up_status ? { status: row.follow_up_status, resolvedAt: row.follow_up_resolved_at, note: row.follow_up_note } : null,
    version: row.version,
  };
}
