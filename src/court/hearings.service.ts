import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { CommonError, validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { CrimeWork, type CrimeAnswer, type PartnerRetry } from '../crimes/crime-work.js';
import type { CrimeRef } from '../crimes/crime-ref.js';
import { codeEvent, serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { JourneysService } from '../journeys/journeys.service.js';
import { receiptProblems, receivedAtOf } from '../journeys/receipt.js';
import { CourtError } from './court.errors.js';
import { CourtRecords } from './court-records.repository.js';
import type { HearingStatus, ListingChange } from './court-vocabulary.js';
import { CourtWork } from './court-work.js';
import type {
  AdjournHearingRequest,
  HearingResultRequest,
  ListHearingRequest,
  MoveHearingRequest,
  VacateHearingRequest,
} from './dto/court-requests.dto.js';
import type { HearingResponse, HearingsResponse } from './dto/court-views.dto.js';
import { HearingsRepository, type HearingChanges, type LockedHearing } from './hearings.repository.js';
import { effectivenessProblem } from './trial-effectiveness.js';

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
  /** What changes on the hearing's row besides its listing version. */
  row: HearingChanges;
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
    private readonly hearings: HearingsRepository,
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
      await this.hearings.insert(tx, {
        id,
        areaId: crime.areaId,
        crimeId: crime.id,
        courtId: request.courtId,
        type: request.type,
        listedFor,
        defendantIds: request.defendantIds,
        createdBy: actor.userId,
      });
      await this.hearings.insertListing(tx, {
        hearingId: id,
        listingVersion: 1,
        change: 'listed',
        status: 'listed',
        courtId: request.courtId,
        listedFor,
        reason: null,
        occurredAt: receivedAt,
        receivedAt,
        recordedBy: actor.userId,
      });
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
      const courtId = request.courtId ?? hearing.courtId;
      if (request.courtId) await this.checkCourt(tx, request.courtId, crime);
      const listedFor = new Date(request.listedFor);
      if (hearing.status === 'listed' && courtId === hearing.courtId && listedFor.getTime() === hearing.listedFor.getTime()) {
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
        row: { courtId, listedFor, status: 'listed' },
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
      const current = await this.hearings.listingOccurredAt(tx, hearing.id, hearing.listingVersion);
      if (current && adjournedAt.getTime() < current.getTime()) {
        throw validationFailed([{ field: 'adjournedAt', message: `must not be before the hearing's current listing (${current.toISOString()})` }]);
      }
      const status: HearingStatus = relistedFor ? 'listed' : 'adjourned';
      // Without a new date the row keeps the time it was listed for; the version shows none.
      const listedFor = relistedFor ?? hearing.listedFor;
      return this.changeListing(tx, actor, crime, hearing, expectedVersion, {
        change: 'adjourned',
        status,
        courtId: hearing.courtId,
        listedFor,
        versionListedFor: relistedFor,
        reason: request.reason,
        occurredAt: adjournedAt,
        receivedAt,
        row: { status, listedFor, adjournedAt, adjournmentReason: request.reason },
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
        courtId: hearing.courtId,
        listedFor: hearing.listedFor,
        versionListedFor: null,
        reason: request.reason,
        occurredAt: now,
        receivedAt,
        row: { status: 'vacated', vacatedAt: now, vacationReason: request.reason },
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
      const onHearing = new Set(await this.hearings.defendantIds(tx, hearingId));
      const strangers = pleas.map((plea) => plea.defendantId).filter((id) => !onHearing.has(id));
      if (strangers.length > 0) {
        throw CourtError.of('DEFENDANT_NOT_ON_HEARING', `Not listed for this hearing: ${strangers.join(', ')}`, { field: 'pleas', defendantIds: strangers });
      }
      await this.hearings.update(tx, hearingId, expectedVersion, {
        status: 'heard',
        heardAt,
        effectiveness: request.effectiveness ?? null,
        effectivenessReason: request.effectivenessReason ?? null,
      });
      await this.hearings.recordPleas(tx, hearingId, pleas);
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

  private async changeListing(tx: EntityManager, actor: Actor, crime: CrimeRef, hearing: LockedHearing, expectedVersion: number, spec: ListingChangeSpec): Promise<HearingResponse> {
    const listingVersion = hearing.listingVersion + 1;
    await this.hearings.update(tx, hearing.id, expectedVersion, { ...spec.row, listingVersion });
    await this.hearings.insertListing(tx, {
      hearingId: hearing.id,
      listingVersion,
      change: spec.change,
      status: spec.status,
      courtId: spec.courtId,
      listedFor: spec.versionListedFor,
      reason: spec.reason,
      occurredAt: spec.occurredAt,
      receivedAt: spec.receivedAt,
      recordedBy: actor.userId,
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

  /** The hearing, locked for the command (its crime is already locked and in scope). */
  private async lockHearing(tx: EntityManager, hearingId: string, expectedVersion: number): Promise<LockedHearing> {
    const hearing = await this.hearings.lock(tx, hearingId);
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
