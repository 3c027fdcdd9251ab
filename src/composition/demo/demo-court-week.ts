/**
 * Demo data for the witness care officer's court week: two more Cleveland victims, referred
 * by the police feed, whose crimes are charged and listed for trial three working days
 * ahead, with the demo witness care officer leading both cases; one victim is told of the
 * listing, warned and has an interpreter booked, the other (a child) has a live link
 * applied for by the CPS; an eyewitness to the robbery, on the same crime, is not told yet
 * either. Through the services, in a Nest application context, exactly as the API records
 * them (events, duties, audit). Their own victims, so the caseworkers' demo
 * journeys stay as new referrals. Idempotent: a crime that already has a hearing is left alone.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { DataSource } from 'typeorm';
import { TransactionRunner } from '../../database/transaction.js';
import { CreateReferralRequest } from '../../referrals/dto/referral.dto.js';
import { ReferralIntake } from '../../referrals/referral-intake.service.js';
import { addWorkingDays } from '../../../libs/working-days/src/index.js';
import { systemActor, type Actor } from '../../access/actor.js';
import { CourtInformedService } from '../../court/court-informed.service.js';
import { HearingsService } from '../../court/hearings.service.js';
import { DecisionsService } from '../../investigation/decisions.service.js';
import { DefendantsService } from '../../investigation/defendants.service.js';
import { CourtAttendanceService } from '../../witness/court-attendance.service.js';
import { SpecialMeasuresService } from '../../witness/special-measures.service.js';
import { WitnessCareService } from '../../witness/witness-care.service.js';

const OFFICER_EMAIL = 'witness-care@demo.invalid';
/** Crime reference, the defendant's name, and what the unit has done for the victim so far. */
const LISTED: Array<{
  crimeReference: string;
  offenceCategory: 'violence_with_injury' | 'robbery';
  person: Record<string, unknown>;
  defendant: string;
  told: boolean;
  interpreter?: string;
  liveLink?: boolean;
  /** Another witness on the same crime: a hearing change is news for both. */
  witness?: Record<string, unknown>;
}> = [
  {
    crimeReference: 'CLE/DEMO/0101', offenceCategory: 'violence_with_injury', defendant: 'Demo-Ashworth', told: true, interpreter: 'pl',
    person: { givenName: 'Gosia', familyName: 'Demo-Nowak', dateOfBirth: '1988-04-02', phone: '07700 900101', preferredContactMethod: 'phone', language: 'Polish', interpreterNeeded: true },
  },
  {
    crimeReference: 'CLE/DEMO/0102', offenceCategory: 'robbery', defendant: 'Demo-Bramley', told: false, liveLink: true,
    // 15 at the offence: enhanced rights, derived from the facts.
    person: { givenName: 'Harvey', familyName: 'Demo-Lowe', dateOfBirth: '2011-01-20', preferredContactMethod: 'letter' },
    witness: { givenName: 'Priya', familyName: 'Demo-Shah', dateOfBirth: '1979-09-14', phone: '07700 900103', preferredContactMethod: 'phone' },
  },
];

export async function loadDemoCourtWeek(app: INestApplicationContext): Promise<string[]> {
  const db = app.get(DataSource);
  const [officer]: Array<{ id: string; organisation_id: string; area_ids: string[] }> = await db.query(
    `SELECT u.id, u.organisation_id, array_agg(ua.area_id) AS area_ids FROM users u JOIN user_areas ua ON ua.user_id = u.id WHERE u.email = $1 GROUP BY u.id`,
    [OFFICER_EMAIL],
  );
  if (!officer) return [];
  const actor: Actor = { ...systemActor('demo-court-week'), userId: officer.id, roles: ['witness_care_officer'], organisationId: officer.organisation_id, areaIds: officer.area_ids };
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  // 10:00 London on the third working day from today (the deadline is the end of that day).
  const listedFor = new Date(addWorkingDays(new Date(), 3).getTime() - (14 * 3_600_000 - 1)).toISOString();
  const report: string[] = [];

  const [feed]: Array<{ id: string; organisation_id: string }> = await db.query(`SELECT id, organisation_id FROM users WHERE email = 'police-feed@demo.invalid'`);
  const [cleveland]: Array<{ id: string }> = await db.query(`SELECT id FROM areas WHERE code = 'cleveland'`);
  if (!feed || !cleveland) return [];
  const police: Actor = { ...systemActor('demo-court-week'), userId: feed.id, roles: ['partner_system'], organisationId: feed.organisation_id, areaIds: [cleveland.id] };
  const known: Array<{ crime_reference: string }> = await db.query(`SELECT crime_reference FROM crimes WHERE crime_reference = ANY($1)`, [LISTED.map((spec) => spec.crimeReference)]);
  const referrals = LISTED.filter((spec) => !known.some((crime) => crime.crime_reference === spec.crimeReference)).flatMap((spec) =>
    [{ role: 'victim', person: spec.person }, ...(spec.witness ? [{ role: 'witness', person: spec.witness }] : [])].map(({ role, person }) =>
      plainToInstance(CreateReferralRequest, {
        areaId: cleveland.id,
        role,
        crime: { crimeReference: spec.crimeReference, offenceCategory: spec.offenceCategory, offenceDate: minutesAgo(14 * 24 * 60).slice(0, 10), reportedAt: minutesAgo(13 * 24 * 60) },
        person,
        consent: { referral: 'not_objected', recordedBy: 'PC 0000 Demo' },
      }),
    ),
  );
  if (referrals.length > 0) {
    await app.get(TransactionRunner).run((tx) => app.get(ReferralIntake).intake(tx, police, referrals, { kind: 'api' }));
  }

  for (const spec of LISTED) {
    const [crime]: Array<{ id: string; area_id: string; journey_id: string; heard: boolean }> = await db.query(
      `SELECT c.id, c.area_id, j.id AS journey_id, EXISTS (SELECT 1 FROM hearings h WHERE h.crime_id = c.id) AS heard
         FROM crimes c JOIN journeys j ON j.crime_id = c.id WHERE c.crime_reference = $1 ORDER BY j.referred_at LIMIT 1`,
      [spec.crimeReference],
    );
    if (!crime || crime.heard) continue;
    const [court]: Array<{ id: string }> = await db.query(`SELECT id FROM courts WHERE area_id = $1 ORDER BY code LIMIT 1`, [crime.area_id]);
    if (!court) continue;

    const defendant = await app.get(DefendantsService).add(actor, crime.id, { givenName: 'Jo', familyName: spec.defendant }, null);
    await app.get(DecisionsService).record(actor, 'police', crime.id, { kind: 'charged', decidedAt: minutesAgo(90), defendantIds: [defendant.body.id] }, null);
    const others: Array<{ id: string }> = await db.query(`SELECT id FROM journeys WHERE crime_id = $1 AND id <> $2 ORDER BY referred_at`, [crime.id, crime.journey_id]);
    for (const journey of [{ id: crime.journey_id }, ...others]) {
      await app.get(WitnessCareService).open(actor, journey.id, undefined, { openedAt: minutesAgo(80), givingEvidence: true, officerId: officer.id });
    }
    const hearing = await app.get(HearingsService).list(
      actor,
      crime.id,
      { type: 'trial', courtId: court.id, listedFor, defendantIds: [defendant.body.id], receivedAt: minutesAgo(60) },
      null,
    );
    const hearingId = hearing.body.id;
    if (spec.told) {
      await app.get(CourtInformedService).hearing(actor, crime.journey_id, hearingId, { informedAt: minutesAgo(30), method: 'phone', hearingVersion: 1 });
      await app.get(CourtAttendanceService).warn(actor, crime.journey_id, hearingId, undefined, { warnedAt: minutesAgo(25), method: 'phone' });
    }
    if (spec.interpreter) await app.get(WitnessCareService).bookInterpreter(actor, crime.journey_id, undefined, { language: spec.interpreter, hearingId, bookedAt: minutesAgo(20) });
    if (spec.liveLink) {
      // Applied for by the CPS: the court's decision is what the officer waits for.
      const measure = await app.get(SpecialMeasuresService).request(actor, crime.journey_id, undefined, { measure: 'live_link', requestedAt: minutesAgo(15), hearingId });
      await app.get(SpecialMeasuresService).appliedFor(actor, crime.journey_id, measure.id, measure.version, minutesAgo(10));
    }
    report.push(`  ${spec.crimeReference}: charged and listed for trial on ${listedFor} (witness care: ${OFFICER_EMAIL})`);
  }
  return report;
}
