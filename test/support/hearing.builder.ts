import { randomUUID } from 'node:crypto';
import type { Actor } from '../../src/access/actor.js';
import { CrimeWork } from '../../src/crimes/crime-work.js';
import type { HearingType } from '../../src/court/court-vocabulary.js';
import { TransactionRunner } from '../../src/database/transaction.js';
import { codeEvent, type NewJourneyEvent } from '../../src/journeys/journey-events.js';
import { JourneyLedger } from '../../src/journeys/journey-ledger.js';
import type { SignedInUser } from './fixtures.js';
import type { TestApp } from './test-app.js';

/** The user as the domain code sees them, for driving CrimeWork directly. */
export function actorOf(user: SignedInUser): Actor {
  return { userId: user.id, roles: user.roles, organisationId: user.organisationId, areaIds: user.areaIds, requestId: randomUUID(), accessReason: null, sessionFamilyId: null };
}

/** Records a crime-level event on every journey of the crime through CrimeWork, as the court and investigation modules do. */
export async function recordOnCrime(t: TestApp, user: SignedInUser, crimeId: string, event: NewJourneyEvent): Promise<void> {
  const crimeWork = t.app.get(CrimeWork);
  const actor = actorOf(user);
  await crimeWork.command(actor, crimeId, async (tx, crime) => {
    await crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events: [event] }));
  });
}

/** The police charged a suspect on the crime (opens police.inform-decision and support.vps-offer on its journeys). */
export function aCharge(t: TestApp, user: SignedInUser, crimeId: string, at: Date = t.clock.now()): Promise<void> {
  return recordOnCrime(t, user, crimeId, codeEvent('police.decision-made', at, { decisionId: randomUUID(), kind: 'charged' }));
}

/** A defendant pleaded not guilty (opens wcu.needs-assessment on the crime's journeys). */
export function aNotGuiltyPlea(t: TestApp, user: SignedInUser, crimeId: string, at: Date = t.clock.now()): Promise<void> {
  return recordOnCrime(t, user, crimeId, codeEvent('plea.not-guilty', at, {}));
}

export interface ListedHearing {
  hearingId: string;
  listingVersion: number;
}

/**
 * A hearing listed on the crime: the row in `hearings` (at the first court of the crime's
 * area) and `hearing.listed` on every journey of the crime, in one CrimeWork command.
 */
export async function aHearing(
  t: TestApp,
  user: SignedInUser,
  crimeId: string,
  options: { listedFor: Date; type?: HearingType; listedAt?: Date },
): Promise<ListedHearing> {
  const crimeWork = t.app.get(CrimeWork);
  const actor = actorOf(user);
  const hearingId = randomUUID();
  await crimeWork.command(actor, crimeId, async (tx, crime) => {
    const [court]: Array<{ id: string }> = await tx.query(`SELECT id FROM courts WHERE area_id = $1 ORDER BY code LIMIT 1`, [crime.areaId]);
    await tx.query(
      `INSERT INTO hearings (id, area_id, crime_id, court_id, type, listed_for, status, listing_version) VALUES ($1, $2, $3, $4, $5, $6, 'listed', 1)`,
      [hearingId, crime.areaId, crime.id, court.id, options.type ?? 'trial', options.listedFor],
    );
    await crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events: [codeEvent('hearing.listed', options.listedAt ?? t.clock.now(), { hearingId, version: 1 })] }));
  });
  return { hearingId, listingVersion: 1 };
}

/** The court moved the hearing: a new listing version, and `hearing.moved` on the crime's journeys. */
export async function aHearingMove(t: TestApp, user: SignedInUser, crimeId: string, hearingId: string, listedFor: Date): Promise<ListedHearing> {
  const crimeWork = t.app.get(CrimeWork);
  const actor = actorOf(user);
  let listingVersion = 0;
  await crimeWork.command(actor, crimeId, async (tx, crime) => {
    const [[row]]: [Array<{ listing_version: number }>, number] = await tx.query(
      `UPDATE hearings SET listed_for = $3, listing_version = listing_version + 1, version = version + 1, updated_at = now()
        WHERE id = $1 AND crime_id = $2 RETURNING listing_version`,
      [hearingId, crime.id, listedFor],
    );
    listingVersion = row.listing_version;
    await crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events: [codeEvent('hearing.moved', t.clock.now(), { hearingId, version: listingVersion })] }));
  });
  return { hearingId, listingVersion };
}

/** The court vacated the hearing: status vacated, a new listing version, and `hearing.vacated` on the crime's journeys. */
export async function aHearingVacated(t: TestApp, user: SignedInUser, crimeId: string, hearingId: string): Promise<ListedHearing> {
  const crimeWork = t.app.get(CrimeWork);
  const actor = actorOf(user);
  let listingVersion = 0;
  await crimeWork.command(actor, crimeId, async (tx, crime) => {
    const [[row]]: [Array<{ listing_version: number }>, number] = await tx.query(
      `UPDATE hearings SET status = 'vacated', vacation_reason = 'hearing_no_longer_needed', listing_version = listing_version + 1, version = version + 1, updated_at = now()
        WHERE id = $1 AND crime_id = $2 RETURNING listing_version`,
      [hearingId, crime.id],
    );
    listingVersion = row.listing_version;
    await crimeWork.recordOnJourneys(tx, actor, crime, () => ({ events: [codeEvent('hearing.vacated', t.clock.now(), { hearingId, version: listingVersion })] }));
  });
  return { hearingId, listingVersion };
}

/** The witness was told of a listing (the court side's command, here straight through the ledger): meets wcu.inform-hearing for that version. */
export async function aWitnessInformedOfHearing(t: TestApp, user: SignedInUser, journeyId: string, hearing: ListedHearing, at: Date = t.clock.now()): Promise<void> {
  const ledger = t.app.get(JourneyLedger);
  const actor = actorOf(user);
  await t.app.get(TransactionRunner).run(async (tx) => {
    const journey = await ledger.lock(tx, actor, journeyId);
    await ledger.record(tx, actor, journey, [codeEvent('victim.informed', at, { about: 'hearing', subjectId: hearing.hearingId, hearingVersion: hearing.listingVersion })]);
  });
}
