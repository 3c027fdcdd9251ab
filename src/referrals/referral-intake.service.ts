import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { referralConsentBasis, type Duty as EngineDuty } from '../../libs/victims-code/src/index.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { insertRows } from '../database/insert-rows.js';
import type { CrimeReport, JourneyOnCrime, RegisteredCrime } from '../journeys/journey-directory.js';
import { JourneyDirectory } from '../journeys/journey-directory.js';
import { codeEvent, serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { JourneyLedger, type JourneyDraft } from '../journeys/journey-ledger.js';
import type { JourneyStage } from '../journeys/journey-vocabulary.js';
import { type ReferralSharingConsent, SharingConsentsService } from '../journeys/sharing-consents.service.js';
import { PeopleService, type NewPerson } from '../people/people.service.js';
import type { CreateReferralRequest } from './dto/referral.dto.js';

export type ReferralChannel = { kind: 'api' } | { kind: 'csv'; importId: string; lines: readonly number[] };

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

/** How intake recognises a person on a crime: names (case and spacing aside) and date of birth. */
function personKey(crimeId: string, person: { givenName: string; familyName: string; dateOfBirth?: string | null }): string {
  const name = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
  return `${crimeId}|${name(person.familyName)}|${name(person.givenName)}|${person.dateOfBirth ?? ''}`;
}

interface Planned {
  referralId: string;
  outcome: 'created' | 'linked';
  journeyId: string;
  reference: string;
  stage: JourneyStage;
  personId: string;
  crime: RegisteredCrime;
  /** The journey was created by this batch (its events go with its draft). */
  newJourney: boolean;
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
  ) {}

  async intake(tx: EntityManager, actor: Actor, requests: readonly CreateReferralRequest[], channel: ReferralChannel): Promise<ReferralResult[]> {
    const now = this.clock.now();
    const policeForceId = actor.roles.includes('partner_system') ? actor.organisationId : null;
    const crimes = await this.directory.registerCrimes(
      tx,
      requests.map(
        (request): CrimeReport => ({
          areaId: request.areaId,
          crimeReference: request.crime.crimeReference.toUpperCase(),
          policeForceId: request.crime.policeForceId ?? policeForceId,
          offenceCategory: request.crime.offenceCategory,
          offenceDate: request.crime.offenceDate ?? null,
          reportedAt: new Date(request.crime.reportedAt),
        }),
      ),
    );
    const crimeOf = (request: CreateReferralRequest) => crimes.get(`${request.areaId}|${request.crime.crimeReference.toUpperCase()}`)!;

    const known = await this.directory.journeysOnCrimes(tx, [...new Set([...crimes.values()].map((crime) => crime.id))]);
    const openByPerson = new Map<string, JourneyOnCrime>();
    const personIdByKey = new Map<string, string>();
    for (const journey of known) {
      const key = personKey(journey.crimeId, journey);
      personIdByKey.set(key, journey.personId);
      if (journey.stage !== 'closed') openByPerson.set(key, journey);
    }

    const newCount = requests.filter((request) => !openByPerson.has(personKey(crimeOf(request).id, request.person))).length;
    const references = await this.directory.nextReferences(tx, newCount, now);
    const plannedByKey = new Map<string, Planned>();
    const newPeople: NewPerson[] = [];
    const drafts: Array<{ journey: JourneyDraft; events: NewJourneyEvent[] }> = [];
    const draftById = new Map<string, { journey: JourneyDraft; events: NewJourneyEvent[] }>();
    const linkedToExisting: Array<{ journeyId: string; referralId: string }> = [];
    const plans: Planned[] = [];

    for (const request of requests) {
      const crime = crimeOf(request);
      const key = personKey(crime.id, request.person);
      const referralId = randomUUID();
      const open = plannedByKey.get(key) ?? openByPerson.get(key);
      if (open) {
        const planned: Planned =
          'crime' in open
            ? { ...open, referralId, outcome: 'linked' }
            : { referralId, outcome: 'linked', journeyId: open.id, reference: open.reference, stage: open.stage, personId: open.personId, crime, newJourney: false };
        plans.push(planned);
        const draft = draftById.get(planned.journeyId);
        if (draft) draft.events.push(serviceEvent('referral.linked', now, { referralId, channel: channel.kind }));
        else linkedToExisting.push({ journeyId: planned.journeyId, referralId });
        continue;
      }
      let personId = personIdByKey.get(key);
      if (!personId) {
        personId = randomUUID();
        personIdByKey.set(key, personId);
        const { ...details } = request.person;
        newPeople.push({ id: personId, areaId: request.areaId, details });
      }
      const journeyId = randomUUID();
      const explicit = referralConsentBasis(request.crime.offenceCategory) === 'explicit_required';
      const draft = {
        journey: {
          id: journeyId,
          areaId: request.areaId,
          reference: references.shift()!,
          personId,
          crimeId: crime.id,
          role: request.role,
          referralConsent: request.consent.referral === 'given' ? ('explicit' as const) : ('automatic' as const),
          referredAt: now,
          enhancedCategories: request.enhancedRights?.categories ?? [],
          enhancedReason: request.enhancedRights?.reason ?? null,
          enhancedDecidedBy: request.enhancedRights ? actor.userId : null,
        },
        events: firstEvents(request, referralId, now, explicit),
      };
      drafts.push(draft);
      draftById.set(journeyId, draft);
      const planned: Planned = { referralId, outcome: 'created', journeyId, reference: draft.journey.reference, stage: 'referred', personId, crime, newJourney: true };
      plannedByKey.set(key, planned);
      plans.push(planned);
    }

    await this.people.insertMany(tx, actor, newPeople);
    const outcomes = await this.ledger.open(tx, actor, drafts);
    const linkedDuties = new Map<string, EngineDuty[]>();
    for (const { journeyId, referralId } of linkedToExisting) {
      const journey = await this.ledger.lock(tx, actor, journeyId);
      const change = await this.ledger.record(tx, actor, journey, [serviceEvent('referral.linked', now, { referralId, channel: channel.kind })]);
      linkedDuties.set(referralId, [...change.opened, ...change.changed]);
    }

    await this.insertReferrals(tx, actor, requests, plans, channel, now);
    await this.audit.record(tx, actor, plans.map((plan): AuditRecord => ({
      action: plan.outcome === 'created' ? 'create' : 'update',
      entityType: 'journey',
      entityId: plan.journeyId,
      areaId: plan.crime.areaId,
      details: { referralId: plan.referralId, outcome: plan.outcome, personId: plan.personId, channel: channel.kind },
    })));

    return plans.map((plan) => ({
      referralId: plan.referralId,
      outcome: plan.outcome,
      journeyId: plan.journeyId,
      reference: plan.reference,
      stage: plan.stage,
      personId: plan.personId,
      crimeId: plan.crime.id,
      duties: plan.outcome === 'created' ? outcomes.get(plan.journeyId)?.opened ?? [] : linkedDuties.get(plan.referralId) ?? [],
    }));
  }

  private async insertReferrals(
    tx: EntityManager,
    actor: Actor,
    requests: readonly CreateReferralRequest[],
    plans: readonly Planned[],
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
          request.externalReference ?? null, actor.organisationId, actor.userId, now,
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

/**
 * A referred journey's first events: enhanced rights when the police found them (dated at
 * the report: deadlines from then on are shortened), the crime reported with the
 * victim's consent, and the referral received now. Where the Code needs explicit consent
 * and it was recorded after the report, the police's 2 working days run from the consent.
 */
function firstEvents(request: CreateReferralRequest, referralId: string, now: Date, explicit: boolean): NewJourneyEvent[] {
  const reportedAt = new Date(request.crime.reportedAt);
  const consentAt = request.consent.recordedAt ? new Date(request.consent.recordedAt) : null;
  const events: NewJourneyEvent[] = [];
  if (request.enhancedRights) {
    events.push(codeEvent('enhanced-rights.recorded', reportedAt, { categories: request.enhancedRights.categories }));
  }
  if (explicit && consentAt && consentAt.getTime() > reportedAt.getTime()) {
    events.push(codeEvent('crime.reported', reportedAt, { offenceCategory: request.crime.offenceCategory, referralConsent: 'not_recorded' }));
    events.push(codeEvent('referral.consent-recorded', consentAt, { consent: 'given' }));
  } else {
    events.push(
      codeEvent('crime.reported', reportedAt, {
        offenceCategory: request.crime.offenceCategory,
        referralConsent: request.consent.referral === 'given' ? 'given' : 'not_recorded',
      }),
    );
  }
  events.push(codeEvent('referral.received', now, { referralId }));
  return events;
}
