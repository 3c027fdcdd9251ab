import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HearingStatus } from '../court/court-vocabulary.js';
import type {
  AttendanceResponse,
  InterpreterBookingResponse,
  SpecialMeasureResponse,
  WitnessCareCaseResponse,
  WitnessNeedsAssessmentResponse,
  WitnessNeedView,
  WitnessWarningResponse,
} from './dto/witness-care.dto.js';
import { WITNESS_NEED_AREAS } from './witness-vocabulary.js';
import { WitnessError } from './witness.errors.js';

/** The hearing a witness command is about, as the court last listed it. */
export interface HearingOnCrime {
  id: string;
  status: HearingStatus;
  listingVersion: number;
  listedFor: Date;
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
 * the scoping, so nothing here reads across journeys.
 */
@Injectable()
export class WitnessCareRepository {
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
