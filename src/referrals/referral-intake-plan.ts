import { referralConsentBasis } from '../../libs/victims-code/src/index.js';
import type { CrimeReport, JourneyOnCrime, RegisteredCrime } from '../journeys/journey-directory.js';
import { categoriesOf, derivedBases, type EnhancedBasis } from '../journeys/enhanced-bases.js';
import { enhancedRightsRecorded } from '../journeys/enhanced-rights.service.js';
import { codeEvent, serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import type { JourneyDraft } from '../journeys/journey-ledger.js';
import type { JourneyStage } from '../journeys/journey-vocabulary.js';
import type { NewPerson } from '../people/people.service.js';
import type { CreateReferralRequest } from './dto/referral.dto.js';

/**
 * Deciding what a batch of referrals writes, without I/O: given the requests and what the
 * database already holds (their crimes, registered and locked, and the journeys on them),
 * which people, journeys and events are new and which referrals link to a journey already
 * open. ReferralIntake reads what this needs, and writes what it decides.
 */

export type ReferralChannel = { kind: 'api' } | { kind: 'csv'; importId: string; lines: readonly number[] };

/** What the database already holds for a batch: its crimes, keyed by `crimeKey`, and the journeys on them. */
export interface IntakeFound {
  crimes: ReadonlyMap<string, RegisteredCrime>;
  journeysOnCrimes: readonly JourneyOnCrime[];
}

export interface PlannedReferral {
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

export interface JourneyToOpen {
  journey: JourneyDraft;
  events: NewJourneyEvent[];
}

export interface IntakePlan {
  /** One per request, in the requests' order. */
  referrals: PlannedReferral[];
  newPeople: NewPerson[];
  journeysToOpen: JourneyToOpen[];
  /** Referrals for a journey open before this batch: each records `referral.linked` on it. */
  linkedToExisting: Array<{ journeyId: string; referralId: string }>;
}

export interface PlanContext {
  /** Who takes the referrals in (decides on enhanced rights as they are recorded). */
  userId: string;
  channel: ReferralChannel['kind'];
  now: Date;
  /** A new random id (randomUUID in the service). */
  newId: () => string;
}

/** When the victim care service received the referral: as the referrer says, or now. */
export function receivedAtOf(request: CreateReferralRequest, now: Date): Date {
  return request.receivedAt ? new Date(request.receivedAt) : now;
}

/** How intake keys a crime: the area and the police's reference, upper-cased. */
export function crimeKey(areaId: string, crimeReference: string): string {
  return `${areaId}|${crimeReference.toUpperCase()}`;
}

/** The crimes the requests report; a partner system's referral names its own force. */
export function crimeReports(requests: readonly CreateReferralRequest[], policeForceId: string | null): CrimeReport[] {
  return requests.map(
    (request): CrimeReport => ({
      areaId: request.areaId,
      crimeReference: request.crime.crimeReference.toUpperCase(),
      policeForceId: request.crime.policeForceId ?? policeForceId,
      offenceCategory: request.crime.offenceCategory,
      offenceDate: request.crime.offenceDate ?? null,
      reportedAt: new Date(request.crime.reportedAt),
    }),
  );
}

/** How intake recognises a person on a crime: names (case and spacing aside) and date of birth. */
function personKey(crimeId: string, person: { givenName: string; familyName: string; dateOfBirth?: string | null }): string {
  const name = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();
  return `${crimeId}|${name(person.familyName)}|${name(person.givenName)}|${person.dateOfBirth ?? ''}`;
}

function crimeOf(found: IntakeFound, request: CreateReferralRequest): RegisteredCrime {
  return found.crimes.get(crimeKey(request.areaId, request.crime.crimeReference))!;
}

/** The journeys already on the crimes, by person: the open ones, and the person of any. */
function knownPeople(found: IntakeFound): { openByPerson: Map<string, JourneyOnCrime>; personIdByKey: Map<string, string> } {
  const openByPerson = new Map<string, JourneyOnCrime>();
  const personIdByKey = new Map<string, string>();
  for (const journey of found.journeysOnCrimes) {
    const key = personKey(journey.crimeId, journey);
    personIdByKey.set(key, journey.personId);
    if (journey.stage !== 'closed') openByPerson.set(key, journey);
  }
  return { openByPerson, personIdByKey };
}

/**
 * How many journey references to draw: one per request whose person has no open journey on
 * the crime. (Two requests in one batch for the same new person draw two; the second links
 * to the first's journey and its reference goes unused.)
 */
export function referencesNeeded(requests: readonly CreateReferralRequest[], found: IntakeFound): number {
  const { openByPerson } = knownPeople(found);
  return requests.filter((request) => !openByPerson.has(personKey(crimeOf(found, request).id, request.person))).length;
}

/**
 * Decides, request by request, what the batch writes. A person with a journey still open on
 * the crime (before this batch, or opened by an earlier request of it) is linked to it, never
 * duplicated; a person known on the crime only through closed journeys is reused for a new
 * journey; anyone else is a new person. `references` are drawn in order for new journeys.
 */
export function planIntake(
  requests: readonly CreateReferralRequest[],
  found: IntakeFound,
  references: readonly string[],
  context: PlanContext,
): IntakePlan {
  const { now, newId } = context;
  const { openByPerson, personIdByKey } = knownPeople(found);
  const unusedReferences = [...references];
  const plannedByKey = new Map<string, PlannedReferral>();
  const draftById = new Map<string, JourneyToOpen>();
  const plan: IntakePlan = { referrals: [], newPeople: [], journeysToOpen: [], linkedToExisting: [] };

  for (const request of requests) {
    const crime = crimeOf(found, request);
    const key = personKey(crime.id, request.person);
    const referralId = newId();
    const open = plannedByKey.get(key) ?? openByPerson.get(key);
    if (open) {
      const planned: PlannedReferral =
        'crime' in open
          ? { ...open, referralId, outcome: 'linked' }
          : { referralId, outcome: 'linked', journeyId: open.id, reference: open.reference, stage: open.stage, personId: open.personId, crime, newJourney: false };
      plan.referrals.push(planned);
      const draft = draftById.get(planned.journeyId);
      if (draft) draft.events.push(serviceEvent('referral.linked', now, { referralId, channel: context.channel }));
      else plan.linkedToExisting.push({ journeyId: planned.journeyId, referralId });
      continue;
    }
    let personId = personIdByKey.get(key);
    if (!personId) {
      personId = newId();
      personIdByKey.set(key, personId);
      const { ...details } = request.person;
      plan.newPeople.push({ id: personId, areaId: request.areaId, details });
    }
    const journeyId = newId();
    const explicit = referralConsentBasis(request.crime.offenceCategory) === 'explicit_required';
    const bases = enhancedBasesAtReferral(request, crime, context);
    const draft: JourneyToOpen = {
      journey: {
        id: journeyId,
        areaId: request.areaId,
        reference: unusedReferences.shift()!,
        personId,
        crimeId: crime.id,
        role: request.role,
        referralConsent: request.consent.referral === 'given' ? ('explicit' as const) : ('automatic' as const),
        referredAt: receivedAtOf(request, now),
        enhancedCategories: categoriesOf(bases),
        enhancedReason: request.enhancedRights?.reason ?? null,
        enhancedDecidedBy: bases.length > 0 ? context.userId : null,
        enhancedBases: bases,
      },
      events: firstEvents(request, referralId, now, explicit, bases),
    };
    plan.journeysToOpen.push(draft);
    draftById.set(journeyId, draft);
    const planned: PlannedReferral = { referralId, outcome: 'created', journeyId, reference: draft.journey.reference, stage: 'referred', personId, crime, newJourney: true };
    plannedByKey.set(key, planned);
    plan.referrals.push(planned);
  }
  return plan;
}

/**
 * Why the victim is enhanced at referral: every basis the facts show (the crime's offence
 * category; the person's date of birth against the offence date, or the report's date;
 * their vulnerability flags), and the categories the police found (`enhancedRights`), as
 * staff bases. All are dated at the report: the referral knew them from the start.
 */
function enhancedBasesAtReferral(request: CreateReferralRequest, crime: RegisteredCrime, context: PlanContext): EnhancedBasis[] {
  const at = new Date(request.crime.reportedAt).toISOString();
  const derived = derivedBases({
    offenceCategory: crime.offenceCategory,
    offenceDate: request.crime.offenceDate ?? null,
    reportedAt: new Date(request.crime.reportedAt),
    dateOfBirth: request.person.dateOfBirth ?? null,
    vulnerabilityFlags: request.person.vulnerabilityFlags ?? [],
  }).map((basis): EnhancedBasis => ({ ...basis, source: 'derived', recordedBy: context.userId, recordedAt: at }));
  const found = (request.enhancedRights?.categories ?? [])
    .filter((category) => !derived.some((basis) => basis.category === category))
    .map((category): EnhancedBasis => ({ category, reason: 'staff_finding', source: 'staff', recordedBy: context.userId, recordedAt: at }));
  return [...derived, ...found];
}

/**
 * A referred journey's first events: enhanced rights when the facts show them or the
 * police found them (dated at the report: deadlines from then on are shortened), the
 * crime reported with the victim's consent, and the referral received now. Where the Code
 * needs explicit consent and it was recorded after the report, the police's 2 working
 * days run from the consent.
 */
function firstEvents(request: CreateReferralRequest, referralId: string, now: Date, explicit: boolean, bases: readonly EnhancedBasis[]): NewJourneyEvent[] {
  const reportedAt = new Date(request.crime.reportedAt);
  const consentAt = request.consent.recordedAt ? new Date(request.consent.recordedAt) : null;
  const events: NewJourneyEvent[] = [];
  if (bases.length > 0) {
    events.push(enhancedRightsRecorded(reportedAt, bases, bases, bases.some((basis) => basis.source === 'derived')));
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
  const receivedAt = receivedAtOf(request, now);
  events.push(codeEvent('referral.received', receivedAt, { referralId }, { receivedAt }));
  return events;
}
