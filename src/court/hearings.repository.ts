import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { insertRows } from '../database/insert-rows.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { AdjournmentReason, HearingStatus, HearingType, ListingChange, Plea, VacationReason } from './court-vocabulary.js';
import type { EffectivenessReason, TrialEffectiveness } from './trial-effectiveness.js';

/** A row of hearings, as a command locks it. */
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

/** The hearing a command changes, as it stands. */
export interface LockedHearing {
  id: string;
  crimeId: string;
  courtId: string;
  type: HearingType;
  status: HearingStatus;
  listedFor: Date;
  listingVersion: number;
  version: number;
}

export interface NewHearing {
  id: string;
  areaId: string;
  crimeId: string;
  courtId: string;
  type: HearingType;
  listedFor: Date;
  defendantIds: readonly string[];
  createdBy: string;
}

/** One version of a hearing's listing: what the witness must be told of. */
export interface NewListing {
  hearingId: string;
  listingVersion: number;
  change: ListingChange;
  status: HearingStatus;
  courtId: string;
  /** None when the court gave no new date (adjourned without one, or vacated). */
  listedFor: Date | null;
  reason: string | null;
  occurredAt: Date;
  receivedAt: Date;
  recordedBy: string;
}

/** What a listing change or a result writes on the hearing's row; what is left out stays. */
export interface HearingChanges {
  status?: HearingStatus;
  courtId?: string;
  listedFor?: Date;
  listingVersion?: number;
  adjournedAt?: Date;
  adjournmentReason?: AdjournmentReason;
  vacatedAt?: Date;
  vacationReason?: VacationReason;
  heardAt?: Date;
  effectiveness?: TrialEffectiveness | null;
  effectivenessReason?: EffectivenessReason | null;
}

const COLUMN_OF: Record<keyof HearingChanges, string> = {
  status: 'status',
  courtId: 'court_id',
  listedFor: 'listed_for',
  listingVersion: 'listing_version',
  adjournedAt: 'adjourned_at',
  adjournmentReason: 'adjournment_reason',
  vacatedAt: 'vacated_at',
  vacationReason: 'vacation_reason',
  heardAt: 'heard_at',
  effectiveness: 'effectiveness',
  effectivenessReason: 'effectiveness_reason',
};

/**
 * SQL over a crime's hearings, their defendants, pleas and listing versions, for the
 * court's commands: the crime is locked in scope by CourtWork first, and each statement is
 * keyed by the hearing's id (or the crime's). The API's views of hearings are CourtRecords'.
 */
@Injectable()
export class HearingsRepository {
  async insert(tx: EntityManager, hearing: NewHearing): Promise<void> {
    await tx.query(
      `INSERT INTO hearings (id, area_id, crime_id, court_id, type, listed_for, status, listing_version, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, 'listed', 1, $7)`,
      [hearing.id, hearing.areaId, hearing.crimeId, hearing.courtId, hearing.type, hearing.listedFor, hearing.createdBy],
    );
    await insertRows(tx, 'hearing_defendants', ['hearing_id', 'defendant_id'], hearing.defendantIds.map((defendantId) => [hearing.id, defendantId]));
  }

  async insertListing(tx: EntityManager, listing: NewListing): Promise<void> {
    await tx.query(
      `INSERT INTO hearing_listings (hearing_id, listing_version, change, status, court_id, listed_for, reason, occurred_at, received_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        listing.hearingId,
        listing.listingVersion,
        listing.change,
        listing.status,
        listing.courtId,
        listing.listedFor,
        listing.reason,
        listing.occurredAt,
        listing.receivedAt,
        listing.recordedBy,
      ],
    );
  }

  /** The hearing, locked for the command (its crime is already locked and in scope). */
  async lock(tx: EntityManager, hearingId: string): Promise<LockedHearing> {
    const [row]: HearingRow[] = await tx.query(
      `SELECT id, crime_id, court_id, type, status, listed_for, listing_version, version FROM hearings WHERE id = $1 FOR UPDATE`,
      [hearingId],
    );
    return {
      id: row.id,
      crimeId: row.crime_id,
      courtId: row.court_id,
      type: row.type,
      status: row.status,
      listedFor: new Date(row.listed_for),
      listingVersion: row.listing_version,
      version: row.version,
    };
  }

  /** The hearing's current listing version when it is a hearing of the crime; else null. */
  async onCrime(tx: EntityManager, hearingId: string, crimeId: string): Promise<{ listingVersion: number } | null> {
    const [row]: Array<{ listing_version: number }> = await tx.query(`SELECT listing_version FROM hearings WHERE id = $1 AND crime_id = $2`, [hearingId, crimeId]);
    return row ? { listingVersion: row.listing_version } : null;
  }

  /** When that version of the listing happened, if the hearing had it. */
  async listingOccurredAt(tx: EntityManager, hearingId: string, listingVersion: number): Promise<Date | null> {
    const [row]: Array<{ occurred_at: Date }> = await tx.query(`SELECT occurred_at FROM hearing_listings WHERE hearing_id = $1 AND listing_version = $2`, [
      hearingId,
      listingVersion,
    ]);
    return row ? new Date(row.occurred_at) : null;
  }

  async defendantIds(tx: EntityManager, hearingId: string): Promise<string[]> {
    const rows: Array<{ defendant_id: string }> = await tx.query(`SELECT defendant_id FROM hearing_defendants WHERE hearing_id = $1`, [hearingId]);
    return rows.map((row) => row.defendant_id);
  }

  /** Changes the hearing's row at `expectedVersion` (else 409) and moves its version on. */
  async update(tx: EntityManager, hearingId: string, expectedVersion: number, changes: HearingChanges): Promise<void> {
    const columns = Object.fromEntries(
      (Object.keys(changes) as Array<keyof HearingChanges>).filter((key) => changes[key] !== undefined).map((key) => [COLUMN_OF[key], changes[key]]),
    );
    await updateVersioned(tx, { table: 'hearings', id: hearingId, expectedVersion, changes: columns, what: 'The hearing' });
  }

  async recordPleas(tx: EntityManager, hearingId: string, pleas: ReadonlyArray<{ defendantId: string; plea: Plea }>): Promise<void> {
    await insertRows(tx, 'hearing_pleas', ['hearing_id', 'defendant_id', 'plea'], pleas.map((plea) => [hearingId, plea.defendantId, plea.plea]));
  }
}
