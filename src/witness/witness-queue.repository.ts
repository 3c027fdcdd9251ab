import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AccessScope } from '../access/access-scope.js';
import type { WitnessQueueSection } from './dto/witness-queue.dto.js';

/** Whose queue, and the window of the hearings section. */
export interface WitnessQueueOwner {
  scope: AccessScope;
  /** Only cases this officer leads; null for every witness in the areas. */
  officerId: string | null;
  now: Date;
  /** The end of the hearings window: the 10th London working day from today. */
  horizon: Date;
}

export interface WitnessQueueRow {
  journey_id: string;
  area_id: string;
  reference: string;
  given_name: string;
  family_name: string;
  enhanced: boolean;
  hearing_id: string;
  hearing_type: string | null;
  court_name: string | null;
  listed_for: Date | null;
  listing_version: number;
  warned: boolean | null;
  outstanding: Array<{ id: string; measure: string; status: string }> | null;
  /** hearings: every special measure for the hearing (or any hearing), whatever its status. */
  measures?: Array<{ id: string; measure: string; status: string }> | null;
  /** hearings: the duty to tell the witness of this listing version: its status, or null when none is owed. */
  informed_status?: string | null;
  interpreter_languages?: string[] | null;
  pre_trial_visit_status?: string | null;
  duty_id: string | null;
  duty_due_at: Date | null;
  attendance_id: string | null;
  reason: string | null;
  attendance_version: number | null;
  total: string;
}

export type SentencedVictimRow = Pick<WitnessQueueRow, 'journey_id' | 'area_id' | 'reference' | 'given_name' | 'family_name' | 'enhanced'>;

// Each section's rows, filtered to the caller's areas (binding them in `params`).
// $1 is the officer (or null) in every query; the hearings section also reads $2 now and $3 the horizon.

// From the start of today in London, so a hearing earlier today (attendance, a late warning) still shows.
const hearings = (scope: AccessScope, params: unknown[]) => `
  FROM hearings h
  JOIN courts c ON c.id = h.court_id
  JOIN journeys j ON j.crime_id = h.crime_id
  JOIN people p ON p.id = j.person_id
  JOIN witness_care_cases wcc ON wcc.journey_id = j.id
 WHERE h.status = 'listed'
   AND h.listed_for >= (date_trunc('day', $2::timestamptz AT TIME ZONE 'Europe/London') AT TIME ZONE 'Europe/London')
   AND h.listed_for <= $3
   AND ${scope.sqlFilter('j.area_id', params)}
   AND ($1::uuid IS NULL OR wcc.officer_id = $1)`;

const NOT_WARNED = `NOT EXISTS (SELECT 1 FROM witness_warnings w WHERE w.journey_id = j.id AND w.hearing_id = h.id AND w.listing_version = h.listing_version)`;

// The duty is the witness care unit's whoever leads the case, so the team view shows it even
// before a case is opened.
const notInformed = (scope: AccessScope, params: unknown[]) => `
  FROM duties d
  JOIN journeys j ON j.id = d.journey_id
  JOIN people p ON p.id = j.person_id
  LEFT JOIN hearings h ON h.id::text = d.subject->>'id'
  LEFT JOIN courts c ON c.id = h.court_id
  LEFT JOIN witness_care_cases wcc ON wcc.journey_id = j.id
 WHERE d.rule_id = 'wcu.inform-hearing' AND d.status IN ('open', 'breached')
   AND ${scope.sqlFilter('d.area_id', params)}
   AND ($1::uuid IS NULL OR wcc.officer_id = $1)`;

const followUps = (scope: AccessScope, params: unknown[]) => `
  FROM witness_attendances a
  JOIN hearings h ON h.id = a.hearing_id
  JOIN courts c ON c.id = h.court_id
  JOIN journeys j ON j.id = a.journey_id
  JOIN people p ON p.id = j.person_id
  JOIN witness_care_cases wcc ON wcc.journey_id = j.id
 WHERE a.follow_up_status = 'open'
   AND ${scope.sqlFilter('a.area_id', params)}
   AND ($1::uuid IS NULL OR wcc.officer_id = $1)`;

// Victims with a sentence received since $2 (a ULS window lasts 28 calendar days).
const sentenced = (scope: AccessScope, params: unknown[]) => `
  FROM journeys j
  JOIN people p ON p.id = j.person_id
  LEFT JOIN witness_care_cases wcc ON wcc.journey_id = j.id
 WHERE j.role = 'victim'
   AND EXISTS (SELECT 1 FROM journey_events e WHERE e.journey_id = j.id AND e.type = 'court.sentence' AND coalesce(e.received_at, e.occurred_at) >= $2)
   AND ${scope.sqlFilter('j.area_id', params)}
   AND ($1::uuid IS NULL OR wcc.officer_id = $1)`;

const JOURNEY_COLUMNS = `j.id AS journey_id, j.area_id, j.reference, p.given_name, p.family_name, cardinality(j.enhanced_categories) > 0 AS enhanced`;

/**
 * The witness care officer's queue as a read model: read-only SQL over hearings, duties
 * and the witness care tables. Each section is its own query with its own order.
 */
@Injectable()
export class WitnessQueueRepository {
  page(tx: EntityManager, owner: WitnessQueueOwner, section: Exclude<WitnessQueueSection, 'uls_windows'>, page: { limit: number; offset: number }): Promise<WitnessQueueRow[]> {
    if (owner.scope.isEmpty) return Promise.resolve([]);
    const { scope } = owner;
    const limitOffset = (params: unknown[]) => `LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
    switch (section) {
      case 'hearings': {
        const params: unknown[] = [owner.officerId, owner.now, owner.horizon];
        return tx.query(
          `SELECT ${JOURNEY_COLUMNS}, h.id AS hearing_id, h.type AS hearing_type, c.name AS court_name, h.listed_for, h.listing_version,
                  NOT ${NOT_WARNED} AS warned,
                  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'measure', s.measure, 'status', s.status) ORDER BY s.requested_at), '[]')
                     FROM special_measures s
                    WHERE s.journey_id = j.id AND s.status IN ('requested', 'applied_for') AND (s.hearing_id IS NULL OR s.hearing_id = h.id)) AS outstanding,
                  (SELECT coalesce(json_agg(json_build_object('id', s.id, 'measure', s.measure, 'status', s.status) ORDER BY s.requested_at), '[]')
                     FROM special_measures s
                    WHERE s.journey_id = j.id AND (s.hearing_id IS NULL OR s.hearing_id = h.id)) AS measures,
                  (SELECT d.status FROM duties d
                    WHERE d.journey_id = j.id AND d.rule_id = 'wcu.inform-hearing' AND d.subject->>'id' = h.id::text
                      AND (d.subject->>'version')::integer = h.listing_version
                    ORDER BY d.opened_at DESC LIMIT 1) AS informed_status,
                  (SELECT coalesce(array_agg(ib.language ORDER BY ib.language), '{}') FROM interpreter_bookings ib
                    WHERE ib.journey_id = j.id AND ib.hearing_id = h.id) AS interpreter_languages,
                  wcc.pre_trial_visit_status,
                  count(*) OVER () AS total
             ${hearings(scope, params)}
            ORDER BY h.listed_for, j.reference
            ${limitOffset(params)}`,
          [...params, page.limit, page.offset],
        );
      }
      case 'not_informed': {
        const params: unknown[] = [owner.officerId];
        return tx.query(
          `SELECT ${JOURNEY_COLUMNS}, (d.subject->>'id') AS hearing_id, h.type AS hearing_type, c.name AS court_name, h.listed_for,
                  (d.subject->>'version')::integer AS listing_version, d.id AS duty_id, d.due_at AS duty_due_at, count(*) OVER () AS total
             ${notInformed(scope, params)}
            ORDER BY d.due_at, j.reference
            ${limitOffset(params)}`,
          [...params, page.limit, page.offset],
        );
      }
      case 'follow_ups': {
        const params: unknown[] = [owner.officerId];
        return tx.query(
          `SELECT ${JOURNEY_COLUMNS}, h.id AS hearing_id, h.type AS hearing_type, c.name AS court_name, h.listed_for, h.listing_version,
                  a.id AS attendance_id, a.reason, a.version AS attendance_version, count(*) OVER () AS total
             ${followUps(scope, params)}
            ORDER BY h.listed_for, j.reference
            ${limitOffset(params)}`,
          [...params, page.limit, page.offset],
        );
      }
    }
  }

  /** Victims in the queue's scope sentenced since `since`, to be read for open ULS windows (few: a month's sentences). */
  sentencedVictims(tx: EntityManager, owner: WitnessQueueOwner, since: Date): Promise<SentencedVictimRow[]> {
    if (owner.scope.isEmpty) return Promise.resolve([]);
    const params: unknown[] = [owner.officerId, since];
    return tx.query(`SELECT ${JOURNEY_COLUMNS} ${sentenced(owner.scope, params)} ORDER BY j.reference`, params);
  }

  async counts(tx: EntityManager, owner: WitnessQueueOwner): Promise<{ hearings: number; notWarned: number; notInformed: number; notInformedOverdue: number; followUps: number }> {
    if (owner.scope.isEmpty) return { hearings: 0, notWarned: 0, notInformed: 0, notInformedOverdue: 0, followUps: 0 };
    const { scope } = owner;
    const params: unknown[] = [owner.officerId, owner.now, owner.horizon];
    const [row]: Array<Record<string, string>> = await tx.query(
      `SELECT (SELECT count(*) ${hearings(scope, params)}) AS hearings,
              (SELECT count(*) ${hearings(scope, params)} AND ${NOT_WARNED}) AS not_warned,
              (SELECT count(*) ${notInformed(scope, params)}) AS not_informed,
              (SELECT count(*) ${notInformed(scope, params)} AND d.due_at < $2) AS not_informed_overdue,
              (SELECT count(*) ${followUps(scope, params)}) AS follow_ups`,
      params,
    );
    return {
      hearings: Number(row.hearings),
      notWarned: Number(row.not_warned),
      notInformed: Number(row.not_informed),
      notInformedOverdue: Number(row.not_informed_overdue),
      followUps: Number(row.follow_ups),
    };
  }
}
