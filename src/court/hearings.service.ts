import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { CommonError, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, type CrimeAnswer, type PartnerRetry } from '../crimes/crime-work.js';
import { insertRows } from '../database/insert-rows.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { CrimeRef } from '../crimes/crime-ref.js';
import { codeEvent, serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { receiptProblems, receivedAtOf } from '../journeys/receipt.js';
import { CourtError } from './court.errors.js';
import { CourtRecords } from './court-records.repository.js';
import type { HearingStatus, HearingType, ListingChange } from './court-vocabulary.js';
import { CourtWork } from './court-work.js';
import type {
  AdjournHearingRequest,
  HearingResultRequest,
  ListHearingRequest,
  MoveHearingRequest,
  VacateHearingRequest,
} from './dto/court-requests.dto.js';
import type { HearingResponse, HearingsResponse } from './dto/court-views.dto.js';
import { effectivenessProblem } from './trial-effectiveness.js';

interface HearingRow {
  id: string;
  crime_id: string;
  court_id: string;
  type: HearingType;
  status: HearingStatus;
  listed_for: Date;
  listing_version: number;
  version: number;
}

/** What a listing change writes: the hearing's new state and the version row the witness must be told of. */
interface ListingChangeSpec {
  change: Exclude<ListingChange, 'listed'>;
  status: HearingStatus;
  courtId: string;
  listedFor: Date;
  /** The time to show for this version; none when the court gave no new date. */
  versionListedFor: Date | null;
  reason: string | null;
  occurredAt: Date;
  /** When the witness care unit received the change from the court: its duty runs from then. */
  receivedAt: Date;
  columns: Record<string, unknown>;
}

/**
 * Hearings as the court lists and changes them. Each listing, move, adjournment or
 * vacation is a new hearing version told to every journey on the crime, which opens the
 * witness care unit's duty to tell the victim or witness of that version (Code right 8)
 * and supersedes the duty for the version before, if not yet due.
 */
@Injectable()
export class HearingsService {
  constructor(
    private readonly work: CourtWork,
    private readonly crimeWork: CrimeWork,
    private readonly records: CourtRecords,
    private readonly journeys: JourneysService,
    private readonly audit: AuditService,
  ) {}

  list(actor: Actor, crimeId: string, request: ListHearingRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<HearingResponse>> {
    const receivedAt = this.receipt(actor, request.receivedAt);
    return this.work.onCrime(actor, crimeId, retry, 201, async (tx, crime) => {
      await this.checkCourt(tx, request.courtId, crime);
      const strangers = await this.records.defendantsNotOnCrime(tx, crime.id, request.defendantIds);
      if (strangers.length > 0) {
        throw CourtError.of('DEFENDANT_NOT_ON_CRIME', `Not defendants on this crime: ${strangers.join(', ')}`, { field: 'defendantIds', defendantIds: strangers });
      }
      const id = randomUUID();
      const listedFor = new Date(request.listedFor);
      await tx.query(
        `INSERT INTO hearings (id, area_id, crime_id, court_id, type, listed_for, status, listing_version, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, 'listed', 1, $7)`,
        [id, crime.areaId, crime.id, request.courtId, request.type, listedFor, actor.userId],
      );
      await insertRows(tx, 'hearing_defendants', ['hearing_id', 'defendant_id'], request.defendantIds.map((defendantId) => [id, defendantId]));
      await this.insertListing(tx, actor, id, 1, { change: 'listed', status: 'listed', courtId: request.courtId, listedFor, reason: null, occurredAt: receivedAt, receivedAt });
      const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({
        events: [codeEvent('hearing.listed', receivedAt, { hearingId: id, version: 1 }, { receivedAt })],
      }));
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'hearing',
        entityId: id,
        areaId: crime.areaId,
        details: { crimeId: crime.id, type: request.type, courtId: request.courtId, defendantIds: request.defendantIds, listingVersion: 1, journeyIds: changes.map((c) => c.journey.id) },
      });
      return this.view(tx, crime.id, id);
    });
  }

  move(actor: Actor, hearingId: string, expectedVersion: number, request: MoveHearingRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<HearingResponse>> {
    const receivedAt = this.receipt(actor, request.receivedAt);
    return this.work.onRecord(actor, 'hearing', hearingId, retry, 200, async (tx, crime) => {
      const hearing = await this.lockHearing(tx, hearingId, expectedVersion);
      if (hearing.status === 'vacated' || hearing.status === 'heard') throw CourtError.of('HEARING_CLOSED', `The hearing is ${hearing.status}`);
      const courtId = request.courtId ?? hearing.court_id;
      if (request.courtId) await this.checkCourt(tx, request.courtId, crime);
      const listedFor = new Date(request.listedFor);
      if (hearing.status === 'listed' && courtId === hearing.court_id && listedFor.getTime() === new Date(hearing.listed_for).getTime()) {
        throw CourtError.of('HEARING_UNCHANGED', 'Send the new date and time, or the new court');
      }
      return this.changeListing(tx, actor, crime, hearing, expectedVersion, {
        change: 'moved',
        status: 'listed',
        courtId,
        listedFor,
        versionListedFor: listedFor,
        reason: null,
        occurredAt: receivedAt,
        receivedAt,
        columns: { court_id: courtId, listed_for: listedFor, status: 'listed' },
      });
    });
  }

  adjourn(actor: Actor, hearingId: string, expectedVersion: number, request: AdjournHearingRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<HearingResponse>> {
    const adjournedAt = new Date(request.adjournedAt);
    const relistedFor = request.relistedFor ? new Date(request.relistedFor) : null;
    this.work.check([...this.work.notInFuture({ adjournedAt }), ...receiptProblems(actor, adjournedAt, request.receivedAt, this.work.now())]);
    const receivedAt = receivedAtOf(request.receivedAt, this.work.now());
    if (relistedFor && relistedFor.getTime() <= adjournedAt.getTime()) {
      throw validationFailed([{ field: 'relistedFor', message: 'must be after adjournedAt' }]);
    }
    return this.work.onRecord(actor, 'hearing', hearingId, retry, 200, async (tx, crime) => {
      const hearing = await this.lockHearing(tx, hearingId, expectedVersion);
      if (hearing.status !== 'listed') throw CourtError.of('HEARING_NOT_LISTED', `The hearing is ${hearing.status}`);
      // The Code orders a hearing's versions by when they happened: an adjournment dated before
      // the version it changes would not supersede that version's duty.
      const [current]: Array<{ occurred_at: Date }> = await tx.query(
        `SELECT occurred_at FROM hearing_listings WHERE hearing_id = $1 AND listing_version = $2`,
        [hearing.id, hearing.listing_version],
      );
      if (current && adjournedAt.getTime() < new Date(current.occurred_at).getTime()) {
        throw validationFailed([{ field: 'adjournedAt', message: `must not be before the hearing's current listing (${new Date(current.occurred_at).toISOString()})` }]);
      }
      const status: HearingStatus = relistedFor ? 'listed' : 'adjourned';
      // Without a new date the row keeps the time it was listed for; the version shows none.
      const listedFor = relistedFor ?? new Date(hearing.listed_for);
      return this.changeListing(tx, actor, crime, hearing, expectedVersion, {
        change: 'adjourned',
        status,
        courtId: hearing.court_id,
        listedFor,
        versionListedFor: relistedFor,
        reason: request.reason,
        occurredAt: adjournedAt,
        receivedAt,
        columns: { status, listed_for: listedFor, adjourned_at: adjournedAt, adjournment_reason: request.reason },
      });
    });
  }

  vacate(actor: Actor, hearingId: string, expectedVersion: number, request: VacateHearingRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<HearingResponse>> {
    const receivedAt = this.receipt(actor, request.receivedAt);
    return this.work.onRecord(actor, 'hearing', hearingId, retry, 200, async (tx, crime) => {
      const hearing = await this.lockHearing(tx, hearingId, expectedVersion);
      if (hearing.status === 'vacated' || hearing.status === 'heard') throw CourtError.of('HEARING_CLOSED', `The hearing is ${hearing.status}`);
      const now = receivedAt;
      return this.changeListing(tx, actor, crime, hearing, expectedVersion, {
        change: 'vacated',
        status: 'vacated',
        courtId: hearing.court_id,
        listedFor: new Date(hearing.listed_for),
        versionListedFor: null,
        reason: request.reason,
        occurredAt: now,
        receivedAt,
        columns: { status: 'vacated', vacated_at: now, vacation_reason: request.reason },
      });
    });
  }

  /**
   * The hearing was heard: pleas, and for a trial whether it went ahead (and why not). A
   * result is not a new version of the listing, so it opens no inform-hearing duty; a
   * not-guilty plea opens the witness needs assessment on every journey.
   */
  result(actor: Actor, hearingId: string, expectedVersion: number, request: HearingResultRequest, retry: PartnerRetry | null): Promise<CrimeAnswer<HearingResponse>> {
    const heardAt = new Date(request.heardAt);
    const problems = this.work.notInFuture({ heardAt });
    const pleas = request.pleas ?? [];
    const seen = new Set<string>();
    pleas.forEach((plea, index) => {
      if (seen.has(plea.defendantId)) problems.push({ field: `pleas[${index}].defendantId`, message: 'is given twice' });
      seen.add(plea.defendantId);
    });
    if (request.effectiveness) {
      const problem = effectivenessProblem(request.effectiveness, request.effectivenessReason);
      if (problem) problems.push({ field: 'effectivenessReason', message: problem });
    } else if (request.effectivenessReason) {
      problems.push({ field: 'effectivenessReason', message: 'is only given with effectiveness' });
    }
    this.work.check(problems);

    return this.work.onRecord(actor, 'hearing', hearingId, retry, 200, async (tx, crime) => {
      const hearing = await this.lockHearing(tx, hearingId, expectedVersion);
      if (hearing.status !== 'listed') throw CourtError.of('HEARING_NOT_LISTED', `The hearing is ${hearing.status}`);
      if (request.effectiveness && hearing.type !== 'trial') {
        throw CourtError.of('EFFECTIVENESS_NOT_FOR_HEARING_TYPE', `This hearing is a ${hearing.type}`, { field: 'effectiveness' });
      }
      const listed: Array<{ defendant_id: string }> = await tx.query(`SELECT defendant_id FROM hearing_defendants WHERE hearing_id = $1`, [hearingId]);
      const onHearing = new Set(listed.map((row) => row.defendant_id));
      const strangers = pleas.map((plea) => plea.defendantId).filter((id) => !onHearing.has(id));
      if (strangers.length > 0) {
        throw CourtError.of('DEFENDANT_NOT_ON_HEARING', `Not listed for this hearing: ${strangers.join(', ')}`, { field: 'pleas', defendantIds: strangers });
      }
      await updateVersioned(tx, {
        table: 'hearings',
        id: hearingId,
        expectedVersion,
        changes: { status: 'heard', heard_at: heardAt, effectiveness: request.effectiveness ?? null, effectiveness_reason: request.effectivenessReason ?? null },
        what: 'The hearing',
      });
      await insertRows(tx, 'hearing_pleas', ['hearing_id', 'defendant_id', 'plea'], pleas.map((plea) => [hearingId, plea.defendantId, plea.plea]));
      const events: NewJourneyEvent[] = [
        serviceEvent('hearing.heard', heardAt, {
          hearingId,
          type: hearing.type,
          effectiveness: request.effectiveness ?? null,
          effectivenessReason: request.effectivenessReason ?? null,
          pleas: pleas.map((plea) => ({ defendantId: plea.defendantId, plea: plea.plea })),
        }),
      ];
      if (pleas.some((plea) => plea.plea === 'not_guilty')) events.push(codeEvent('plea.not-guilty', heardAt, {}));
      const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events }));
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'hearing',
        entityId: hearingId,
        areaId: crime.areaId,
        details: {
          crimeId: crime.id,
          change: 'heard',
          effectiveness: request.effectiveness ?? null,
          effectivenessReason: request.effectivenessReason ?? null,
          pleas: pleas.map((plea) => ({ defendantId: plea.defendantId, plea: plea.plea })),
          journeyIds: changes.map((c) => c.journey.id),
        },
      });
      return this.view(tx, crime.id, hearingId);
    });
  }

  forCrime(actor: Actor, crimeId: string): Promise<HearingsResponse> {
    return this.crimeWork.read(actor, crimeId, 'hearings', async (tx, crime) => ({ items: await this.records.hearings(tx, crime.id) }));
  }

  get(actor: Actor, hearingId: string): Promise<HearingResponse> {
    return this.work.readRecord(actor, 'hearing', hearingId, (tx, crimeId) => this.view(tx, crimeId, hearingId));
  }

  forJourney(actor: Actor, journeyId: string): Promise<HearingsResponse> {
    return this.journeys.readInScope(actor, journeyId, 'hearings', async (tx, journey) => ({
      items: await this.records.hearings(tx, journey.crimeId, { journeyId: journey.id }),
    }));
  }

  private async changeListing(tx: EntityManager, actor: Actor, crime: CrimeRef, hearing: HearingRow, expectedVersion: number, spec: ListingChangeSpec): Promise<HearingResponse> {
    const listingVersion = hearing.listing_version + 1;
    await updateVersioned(tx, {
      table: 'hearings',
      id: hearing.id,
      expectedVersion,
      changes: { ...spec.columns, listing_version: listingVersion },
      what: 'The hearing',
    });
    await this.insertListing(tx, actor, hearing.id, listingVersion, {
      change: spec.change,
      status: spec.status,
      courtId: spec.courtId,
      listedFor: spec.versionListedFor,
      reason: spec.reason,
      occurredAt: spec.occurredAt,
      receivedAt: spec.receivedAt,
    });
    const type = `hearing.${spec.change}` as const;
    const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, () => ({
      events: [codeEvent(type, spec.occurredAt, { hearingId: hearing.id, version: listingVersion }, { receivedAt: spec.receivedAt })],
    }));
    await this.audit.record(tx, actor, {
      action: 'update',
      entityType: 'hearing',
      entityId: hearing.id,
      areaId: crime.areaId,
      details: { crimeId: crime.id, change: spec.change, listingVersion, courtId: spec.courtId, reason: spec.reason, journeyIds: changes.map((c) => c.journey.id) },
    });
    return this.view(tx, crime.id, hearing.id);
  }

  private async insertListing(
    tx: EntityManager,
    actor: Actor,
    hearingId: string,
    listingVersion: number,
    listing: { change: ListingChange; status: HearingStatus; courtId: string; listedFor: Date | null; reason: string | null; occurredAt: Date; receivedAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO hearing_listings (hearing_id, listing_version, change, status, court_id, listed_for, reason, occurred_at, received_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [hearingId, listingVersion, listing.change, listing.status, listing.courtId, listing.listedFor, listing.reason, listing.occurredAt, listing.receivedAt, actor.userId],
    );
  }

  /** The hearing, locked for the command (its crime is already locked and in scope). */
  private async lockHearing(tx: EntityManager, hearingId: string, expectedVersion: number): Promise<HearingRow> {
    const [hearing]: HearingRow[] = await tx.query(
      `SELECT id, crime_id, court_id, type, status, listed_for, listing_version, version FROM hearings WHERE id = $1 FOR UPDATE`,
      [hearingId],
    );
    // Checked before anything else, so a stale copy is told it is stale rather than refused for what it thought.
    if (hearing.version !== expectedVersion) {
      throw CommonError.of('CONFLICT', 'The hearing was changed by someone else; reload it and try again', { expectedVersion });
    }
    return hearing;
  }

  /**
   * When the witness care unit received a listing change from the court (the court gives
   * no separate time for listing, moving or vacating, so that is when it happened too).
   */
  private receipt(actor: Actor, receivedAt: string | undefined): Date {
    const now = this.work.now();
    const at = receivedAtOf(receivedAt, now);
    this.work.check(receiptProblems(actor, at, receivedAt, now));
    return at;
  }

  private async checkCourt(tx: EntityManager, courtId: string, crime: CrimeRef): Promise<void> {
    if (!(await this.records.activeCourt(tx, courtId, crime.areaId))) {
      throw CourtError.of('COURT_NOT_IN_AREA', 'Choose a court of the crime’s area (GET /api/v1/courts)', { field: 'courtId' });
    }
  }

  private async view(tx: EntityManager, crimeId: string, hearingId: string): Promise<HearingResponse> {
    const [hearing] = await this.records.hearings(tx, crimeId, { hearingId });
    return hearing;
  }
}
