import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Duty as EngineDuty } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { insertRows } from '../database/insert-rows.js';
import { JourneyDirectory } from '../journeys/journey-directory.js';
import { serviceEvent } from '../journeys/journey-events.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import type { JourneyStage } from '../journeys/journey-vocabulary.js';
import { type ReferralSharingConsent, SharingConsentsService } from '../journeys/sharing-consents.service.js';
import { OrganisationDirectoryService } from '../organisations/organisation-directory.service.js';
import { PeopleService } from '../people/people.service.js';
import type { CreateReferralRequest } from './dto/referral.dto.js';
import { addLateReferralNews } from './late-referral-news.js';
import { crimeReports, receivedAtOf, type IntakeFound, type IntakePlan, planIntake, type PlannedReferral, type ReferralChannel, referencesNeeded } from './referral-intake-plan.js';

export type { ReferralChannel } from './referral-intake-plan.js';

export interface ReferralResult {
  referralId: string;
  outcome: 'created' | 'linked';
  journeyId: string;
  reference: string;
  stage: JourneyStage;
  personId: string;
  crimeId: string;
  duties: EngineDuty[];
}

/**
 * Police referrals in, one or many in one transaction: the crime (reused when known), the
 * person (reused when they already have a journey on the crime), the journey with its
 * first events and duties, the referral and the consents to share. A referral for a
 * person whose journey on that crime is still open is linked to it, never duplicated.
 * Callers check each referral with `referralProblems` first.
 */
@Injectable()
export class ReferralIntake {
  constructor(
    private readonly clock: Clock,
    private readonly directory: JourneyDirectory,
    private readonly ledger: JourneyLedger,
    private readonly people: PeopleService,
    private readonly sharingConsents: SharingConsentsService,
    private readonly audit: AuditService,
    private readonly organisations: OrganisationDirectoryService,
  ) {}

  /**
   * Reads what the batch needs (its crimes, registered and locked; the journeys on them; the
   * references for new journeys), decides with `planIntake`, then writes the plan.
   */
  async intake(tx: EntityManager, actor: Actor, requests: readonly CreateReferralRequest[], channel: ReferralChannel): Promise<ReferralResult[]> {
    const now = this.clock.now();
    const policeForceId = actor.roles.includes('partner_system') ? actor.organisationId : null;
    const crimes = await this.directory.registerCrimes(tx, crimeReports(requests, policeForceId));
    // A crime registered just now has no journeys (nor news on them) to look for.
    const known = [...crimes.values()].filter((crime) => !crime.registeredNow);
    const journeysOnCrimes = await this.directory.journeysOnCrimes(tx, [...new Set(known.map((crime) => crime.id))]);
    const found: IntakeFound = { crimes, journeysOnCrimes };
    const references = await this.directory.nextReferences(tx, referencesNeeded(requests, found), now);
    const plan = planIntake(requests, found, references, { userId: actor.userId, channel: channel.kind, now, newId: randomUUID });
    // A victim referred after news on their crime is still owed the news that matters.
    await addLateReferralNews(tx, plan.journeysToOpen, new Set(journeysOnCrimes.map((journey) => journey.crimeId)));
    await this.giveVictimCareOrganisations(tx, plan);
    return this.write(tx, actor, requests, plan, channel, now);
  }

  /**
   * A new journey starts with its victim care organisation, the area's directory entry for
   * the victim care service, so the first-contact duty has a team (and its reminders
   * somewhere to go) from the first minute. An area whose directory names none leaves it to
   * the first assignment, as before.
   */
  private async giveVictimCareOrganisations(tx: EntityManager, plan: IntakePlan): Promise<void> {
    const byArea = new Map<string, string | null>();
    for (const { journey } of plan.journeysToOpen) {
      if (!byArea.has(journey.areaId)) byArea.set(journey.areaId, (await this.organisations.resolve(journey.areaId, 'victim_care_service', tx))?.id ?? null);
      journey.leadOrganisationId = byArea.get(journey.areaId) ?? null;
    }
  }

  /** Writes a plan: new people, new journeys with their events and duties, links, referrals, consents, audit. */
  private async write(
    tx: EntityManager,
    actor: Actor,
    requests: readonly CreateReferralRequest[],
    plan: IntakePlan,
    channel: ReferralChannel,
    now: Date,
  ): Promise<ReferralResult[]> {
    await this.people.insertMany(tx, actor, plan.newPeople);
    const outcomes = await this.ledger.open(tx, actor, plan.journeysToOpen);
    const linkedDuties = new Map<string, EngineDuty[]>();
    for (const { journeyId, referralId } of plan.linkedToExisting) {
      const journey = await this.ledger.lock(tx, actor, journeyId);
      const change = await this.ledger.record(tx, actor, journey, [serviceEvent('referral.linked', now, { referralId, channel: channel.kind })]);
      linkedDuties.set(referralId, [...change.opened, ...change.changed]);
    }

    await this.insertReferrals(tx, actor, requests, plan.referrals, channel, now);
    await this.audit.record(tx, actor, plan.referrals.map((referral): AuditRecord => ({
      action: referral.outcome === 'created' ? 'create' : 'update',
      entityType: 'journey',
      entityId: referral.journeyId,
      areaId: referral.crime.areaId,
      personIds: [referral.personId],
      personIdsComplete: true,
      details: { referralId: referral.referralId, outcome: referral.outcome, personId: referral.personId, channel: channel.kind },
    })));

    return plan.referrals.map((referral) => ({
      referralId: referral.referralId,
      outcome: referral.outcome,
      journeyId: referral.journeyId,
      reference: referral.reference,
      stage: referral.stage,
      personId: referral.personId,
      crimeId: referral.crime.id,
      duties: referral.outcome === 'created' ? outcomes.get(referral.journeyId)?.opened ?? [] : linkedDuties.get(referral.referralId) ?? [],
    }));
  }

  private async insertReferrals(
    tx: EntityManager,
    actor: Actor,
    requests: readonly CreateReferralRequest[],
    plans: readonly PlannedReferral[],
    channel: ReferralChannel,
    now: Date,
  ): Promise<void> {
    await insertRows(
      tx,
      'referrals',
      ['id', 'area_id', 'journey_id', 'outcome', 'channel', 'import_id', 'import_line', 'external_reference',
        'referred_by_organisation_id', 'received_by', 'received_at', 'consent_basis', 'consent_recorded_by', 'consent_recorded_at'],
      plans.map((plan, index) => {
        const request = requests[index];
        return [
          plan.referralId, plan.crime.areaId, plan.journeyId, plan.outcome, channel.kind,
          channel.kind === 'csv' ? channel.importId : null, channel.kind === 'csv' ? channel.lines[index] : null,
          request.externalReference ?? null, actor.organisationId, actor.userId, receivedAtOf(request, now),
          request.consent.referral === 'given' ? 'explicit' : 'automatic', request.consent.recordedBy ?? null,
          request.consent.recordedAt ? new Date(request.consent.recordedAt) : null,
        ];
      }),
    );
    const sharing = plans.flatMap((plan, index) =>
      (requests[index].consent.sharing ?? []).map((consent): ReferralSharingConsent => ({
        areaId: plan.crime.areaId, journeyId: plan.journeyId, agency: consent.agency, purpose: consent.purpose, given: consent.given,
        recordedAt: requests[index].consent.recordedAt ? new Date(requests[index].consent.recordedAt!) : now, recordedBy: actor.userId,
      })),
    );
    await this.sharingConsents.recordWithReferrals(tx, sharing);
  }
}
