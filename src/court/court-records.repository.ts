import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isVcsEligible, type OpenVictimWindow } from '../../libs/victims-code/src/index.js';
import type { AccessScope } from '../access/access-scope.js';
import { victimWindowsOf } from '../journeys/victim-windows.js';
import { Clock } from '../app/clock.js';
import { HOSPITAL_ORDER_DISPOSALS, type Disposal, type InformedSubject } from './court-vocabulary.js';
import type {
  AppealResponse,
  BailDecisionResponse,
  CourtView,
  HearingJourneyView,
  HearingResponse,
  InformDutyView,
  InformedView,
  JourneyInformedView,
  OutcomeResponse,
} from './dto/court-views.dto.js';

/** The inform duty each kind of court record opens (libs/victims-code rules). */
const INFORM_RULES: Record<InformedSubject, string[]> = {
  hearing: ['wcu.inform-hearing'],
  bail: ['wcu.inform-bail'],
  outcome: ['wcu.inform-outcome', 'wcu.refer-to-vcs'],
  appeal: ['wcu.inform-appeal'],
};

type Row = Record<string, unknown>;

/** The court's records that hang off a crime, found by their own id, and their tables. */
const RECORD_TABLES = { hearing: 'hearings', outcome: 'court_outcomes', appeal: 'appeals' } as const;
export type CourtRecordKind = keyof typeof RECORD_TABLES;

const COURT_COLUMNS = `id, area_id AS "areaId", code, name, kind`;

/**
 * The court's records as the API shows them, each with every journey on the crime and what
 * that victim or witness was told of it (and the inform duties it opened). Reads only; the
 * callers have already found the crime or journey in the caller's scope.
 */
@Injectable()
export class CourtRecords {
  constructor(private readonly clock: Clock) {}

  /** The crime a hearing, outcome or appeal hangs off, when it is in `scope`; else null. */
  async crimeOfRecord(tx: EntityManager, scope: AccessScope, kind: CourtRecordKind, id: string): Promise<string | null> {
    const query = tx.createQueryBuilder().select('record.crime_id', 'crimeId').from(RECORD_TABLES[kind], 'record').where('record.id = :id', { id });
    const row: { crimeId: string } | undefined = await scope.restrict(query, 'record').getRawOne();
    return row?.crimeId ?? null;
  }

  /** The crime's area, and every journey on it (whose people a read of its court records consults). */
  async areaAndJourneysOfCrime(tx: EntityManager, crimeId: string): Promise<{ areaId: string; journeyIds: string[] }> {
    const [{ area_id: areaId, journey_ids: journeyIds }]: Array<{ area_id: string; journey_ids: string[] }> = await tx.query(
      `SELECT c.area_id, ARRAY(SELECT j.id::text FROM journeys j WHERE j.crime_id = c.id ORDER BY j.id) AS journey_ids
         FROM crimes c WHERE c.id = $1`,
      [crimeId],
    );
    return { areaId, journeyIds };
  }

  courts(tx: EntityManager, scope: AccessScope): Promise<CourtView[]> {
    const params: unknown[] = [];
    return tx.query(`SELECT ${COURT_COLUMNS} FROM courts WHERE ${scope.sqlFilter('area_id', params)} AND active ORDER BY area_id, kind, name`, params);
  }

  /** An active court of the area, or null. */
  async activeCourt(tx: EntityManager, courtId: string, areaId: string): Promise<CourtView | null> {
    const [court]: CourtView[] = await tx.query(`SELECT ${COURT_COLUMNS} FROM courts WHERE id = $1 AND area_id = $2 AND active`, [courtId, areaId]);
    return court ?? null;
  }

  /** The ids among `defendantIds` that are not defendants on the crime. */
  async defendantsNotOnCrime(tx: EntityManager, crimeId: string, defendantIds: readonly string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await tx.query(`SELECT id FROM defendants WHERE crime_id = $1 AND id = ANY($2::uuid[])`, [crimeId, defendantIds]);
    const found = new Set(rows.map((row) => row.id));
    return defendantIds.filter((id) => !found.has(id));
  }

  async crimeIdOfJourney(tx: EntityManager, journeyId: string): Promise<string> {
    const [row]: Array<{ crime_id: string }> = await tx.query(`SELECT crime_id FROM journeys WHERE id = $1`, [journeyId]);
    return row.crime_id;
  }

  async hearings(tx: EntityManager, crimeId: string, options: { hearingId?: string; journeyId?: string } = {}): Promise<HearingResponse[]> {
    const rows: Row[] = await tx.query(
      `SELECT h.id, h.area_id, h.crime_id, h.type, h.status, h.listed_for, h.listing_version, h.adjourned_at, h.adjournment_reason,
              h.vacated_at, h.vacation_reason, h.heard_at, h.effectiveness, h.effectiveness_reason, h.version,
              c.id AS court_id, c.area_id AS court_area_id, c.code AS court_code, c.name AS court_name, c.kind AS court_kind
         FROM hearings h JOIN courts c ON c.id = h.court_id
        WHERE h.crime_id = $1 AND ($2::uuid IS NULL OR h.id = $2)
        ORDER BY h.listed_for, h.created_at`,
      [crimeId, options.hearingId ?? null],
    );
    const ids = rows.map((row) => row.id as string);
    const defendants: Row[] = await tx.query(
      `SELECT hd.hearing_id, d.id, d.reference, p.plea
         FROM hearing_defendants hd JOIN defendants d ON d.id = hd.defendant_id
         LEFT JOIN hearing_pleas p ON p.hearing_id = hd.hearing_id AND p.defendant_id = hd.defendant_id
        WHERE hd.hearing_id = ANY($1::uuid[]) ORDER BY d.reference`,
      [ids],
    );
    const listings: Row[] = await tx.query(
      `SELECT hearing_id, listing_version, change, status, court_id, listed_for, reason, occurred_at
         FROM hearing_listings WHERE hearing_id = ANY($1::uuid[]) ORDER BY listing_version`,
      [ids],
    );
    const told = await this.journeysInformed(tx, crimeId, 'hearing', ids, options.journeyId);
    return rows.map((row) => {
      const id = row.id as string;
      const listingVersion = row.listing_version as number;
      const journeys: HearingJourneyView[] = (told.get(id) ?? []).map((journey) => ({
        ...journey,
        toldOfCurrentVersion: journey.informed.some((informed) => informed.hearingVersion === listingVersion),
      }));
      return {
        id,
        areaId: row.area_id as string,
        crimeId: row.crime_id as string,
        type: row.type as string,
        status: row.status as string,
        court: { id: row.court_id as string, areaId: row.court_area_id as string, code: row.court_code as string, name: row.court_name as string, kind: row.court_kind as string },
        listedFor: row.listed_for as Date,
        listingVersion,
        adjournedAt: row.adjourned_at as Date | null,
        adjournmentReason: row.adjournment_reason as string | null,
        vacatedAt: row.vacated_at as Date | null,
        vacationReason: row.vacation_reason as string | null,
        heardAt: row.heard_at as Date | null,
        effectiveness: row.effectiveness as string | null,
        effectivenessReason: row.effectiveness_reason as string | null,
        defendants: defendants
          .filter((defendant) => defendant.hearing_id === id)
          .map((defendant) => ({ id: defendant.id as string, reference: defendant.reference as string, plea: defendant.plea as string | null })),
        listings: listings
          .filter((listing) => listing.hearing_id === id)
          .map((listing) => ({
            listingVersion: listing.listing_version as number,
            change: listing.change as string,
            status: listing.status as string,
            courtId: listing.court_id as string,
            listedFor: listing.listed_for as Date | null,
            reason: listing.reason as string | null,
            occurredAt: listing.occurred_at as Date,
          })),
        journeys,
        version: row.version as number,
      };
    });
  }

  async bailDecisions(tx: EntityManager, crimeId: string, options: { bailDecisionId?: string; journeyId?: string } = {}): Promise<BailDecisionResponse[]> {
    const rows: Row[] = await tx.query(
      `SELECT b.id, b.crime_id, b.kind, b.decided_at, d.id AS defendant_id, d.reference AS defendant_reference
         FROM court_bail_decisions b JOIN defendants d ON d.id = b.defendant_id
        WHERE b.crime_id = $1 AND ($2::uuid IS NULL OR b.id = $2)
        ORDER BY b.decided_at, b.created_at`,
      [crimeId, options.bailDecisionId ?? null],
    );
    const told = await this.journeysInformed(tx, crimeId, 'bail', rows.map((row) => row.id as string), options.journeyId);
    return rows.map((row) => ({
      id: row.id as string,
      crimeId: row.crime_id as string,
      defendant: { id: row.defendant_id as string, reference: row.defendant_reference as string },
      kind: row.kind as string,
      decidedAt: row.decided_at as Date,
      journeys: told.get(row.id as string) ?? [],
    }));
  }

  async outcomes(tx: EntityManager, crimeId: string, options: { outcomeId?: string; journeyId?: string } = {}): Promise<OutcomeResponse[]> {
    const rows: Row[] = await tx.query(
      `SELECT o.id, o.crime_id, o.hearing_id, o.verdict, o.verdict_at, o.sentenced_at, o.disposal, o.custodial_months,
              o.offence_violent_or_sexual, o.version, d.id AS defendant_id, d.reference AS defendant_reference
         FROM court_outcomes o JOIN defendants d ON d.id = o.defendant_id
        WHERE o.crime_id = $1 AND ($2::uuid IS NULL OR o.id = $2)
        ORDER BY o.verdict_at, d.reference`,
      [crimeId, options.outcomeId ?? null],
    );
    const ids = rows.map((row) => row.id as string);
    const told = await this.journeysInformed(tx, crimeId, 'outcome', ids, options.journeyId);
    const appeals = await this.appeals(tx, crimeId, { outcomeIds: ids, journeyId: options.journeyId });
    const windows = await this.outcomeWindows(tx, crimeId, options.journeyId);
    return rows.map((row) => {
      const sentence = row.sentenced_at
        ? {
            sentencedAt: row.sentenced_at as Date,
            disposal: row.disposal as string,
            custodialMonths: row.custodial_months as number,
            offenceViolentOrSexual: row.offence_violent_or_sexual as boolean,
            vcsEligible: isVcsEligible({
              offenceViolentOrSexual: row.offence_violent_or_sexual as boolean,
              custodialMonths: row.custodial_months as number,
              hospitalOrder: HOSPITAL_ORDER_DISPOSALS.includes(row.disposal as Disposal),
            }),
          }
        : null;
      return {
        id: row.id as string,
        crimeId: row.crime_id as string,
        defendant: { id: row.defendant_id as string, reference: row.defendant_reference as string },
        hearingId: row.hearing_id as string | null,
        verdict: row.verdict as string,
        verdictAt: row.verdict_at as Date,
        sentence,
        appeals: appeals.filter((appeal) => appeal.outcomeId === row.id),
        journeys: told.get(row.id as string) ?? [],
        victimWindows: windows.filter((window) => window.subject.id === row.id),
        version: row.version as number,
      };
    });
  }

  /**
   * The victim-side windows an outcome opens (the Unduly Lenient Sentence scheme's 28 days
   * from sentence), open now: the journey's, or any journey's on the crime (the window runs
   * from the sentence, the same for every victim), each once.
   */
  private async outcomeWindows(tx: EntityManager, crimeId: string, journeyId: string | undefined): Promise<OpenVictimWindow[]> {
    const ids: string[] = journeyId
      ? [journeyId]
      : (await tx.query(`SELECT id FROM journeys WHERE crime_id = $1 ORDER BY id`, [crimeId])).map((row: { id: string }) => row.id);
    const byJourney = await victimWindowsOf(tx, ids, this.clock.now());
    const seen = new Set<string>();
    return [...byJourney.values()].flat().filter((window) => {
      const key = `${window.windowId}|${window.subject.kind}|${window.subject.id}`;
      if (window.subject.kind !== 'outcome' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  async appeals(tx: EntityManager, crimeId: string, options: { appealId?: string; outcomeIds?: string[]; journeyId?: string } = {}): Promise<AppealResponse[]> {
    const rows: Row[] = await tx.query(
      `SELECT id, crime_id, outcome_id, appellant, ground, lodged_at, hearing_court_id, hearing_listed_for, hearing_listed_at,
              decided_at, result, version
         FROM appeals
        WHERE crime_id = $1 AND ($2::uuid IS NULL OR id = $2) AND ($3::uuid[] IS NULL OR outcome_id = ANY($3::uuid[]))
        ORDER BY lodged_at, created_at`,
      [crimeId, options.appealId ?? null, options.outcomeIds ?? null],
    );
    const told = await this.journeysInformed(tx, crimeId, 'appeal', rows.map((row) => row.id as string), options.journeyId);
    return rows.map((row) => ({
      id: row.id as string,
      crimeId: row.crime_id as string,
      outcomeId: row.outcome_id as string,
      by: row.appellant as string,
      against: row.ground as string,
      lodgedAt: row.lodged_at as Date,
      stage: row.decided_at ? 'decided' : row.hearing_listed_at ? 'hearing_listed' : 'lodged',
      hearing: row.hearing_listed_at
        ? { courtId: row.hearing_court_id as string, listedFor: row.hearing_listed_for as Date, listedAt: row.hearing_listed_at as Date }
        : null,
      decision: row.decided_at ? { decidedAt: row.decided_at as Date, result: row.result as string } : null,
      journeys: told.get(row.id as string) ?? [],
      version: row.version as number,
    }));
  }

  /**
   * For each record, every journey on the crime (or just `journeyId`) with what it was told
   * of the record and the inform duties the record opened on it, as at now.
   */
  private async journeysInformed(
    tx: EntityManager,
    crimeId: string,
    subject: InformedSubject,
    subjectIds: string[],
    journeyId?: string,
  ): Promise<Map<string, JourneyInformedView[]>> {
    const byRecord = new Map<string, JourneyInformedView[]>();
    if (subjectIds.length === 0) return byRecord;
    const journeys: Row[] = await tx.query(
      `SELECT id, reference, role FROM journeys WHERE crime_id = $1 AND ($2::uuid IS NULL OR id = $2) ORDER BY referred_at, reference`,
      [crimeId, journeyId ?? null],
    );
    const journeyIds = journeys.map((journey) => journey.id as string);
    const informings: Row[] = await tx.query(
      `SELECT journey_id, subject_id, hearing_version, stage, informed_at, method
         FROM court_informings WHERE subject = $1 AND subject_id = ANY($2::uuid[]) AND journey_id = ANY($3::uuid[])
        ORDER BY informed_at`,
      [subject, subjectIds, journeyIds],
    );
    const duties: Row[] = await tx.query(
      `SELECT journey_id, subject->>'id' AS subject_id, rule_id, key, status, due_at, met_at, enhanced
         FROM duties WHERE journey_id = ANY($1::uuid[]) AND rule_id = ANY($2::text[]) AND subject->>'id' = ANY($3::text[])
        ORDER BY opened_at, key`,
      [journeyIds, INFORM_RULES[subject], subjectIds],
    );
    const now = this.clock.now();
    for (const subjectId of subjectIds) {
      byRecord.set(
        subjectId,
        journeys.map((journey) => ({
          journeyId: journey.id as string,
          reference: journey.reference as string,
          role: journey.role as string,
          informed: informings
            .filter((row) => row.journey_id === journey.id && row.subject_id === subjectId)
            .map((row): InformedView => ({
              hearingVersion: row.hearing_version as number | null,
              stage: row.stage as string | null,
              informedAt: row.informed_at as Date,
              method: row.method as string,
            })),
          duties: duties.filter((row) => row.journey_id === journey.id && row.subject_id === subjectId).map((row) => informDutyView(row, now)),
        })),
      );
    }
    return byRecord;
  }
}

/** A stored duty as at `now`: still owed and past due is breached. */
export function informDutyView(row: Row, now: Date): InformDutyView {
  const dueAt = new Date(row.due_at as string);
  const owed = row.status === 'open' || row.status === 'breached';
  return {
    ruleId: row.rule_id as string,
    key: row.key as string,
    status: owed ? (now.getTime() > dueAt.getTime() ? 'breached' : 'open') : (row.status as string),
    dueAt,
    metAt: row.met_at ? new Date(row.met_at as string) : null,
    enhanced: row.enhanced as boolean,
  };
}
