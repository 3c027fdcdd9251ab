import { randomUUID } from 'node:crypto';
import { DEFAULT_FRAMEWORK_VERSION } from '../../../libs/cope-recover/src/index.js';
import {
  type CodeEvent,
  type Duty,
  type EnhancedRightsCategory,
  evaluateDuties,
  isMostSeriousCrime,
  type OffenceCategory,
  referralConsentBasis,
} from '../../../libs/victims-code/src/index.js';
import { addWorkingDays } from '../../../libs/working-days/src/index.js';
import { isCodeEventType } from '../../journeys/journey-events.js';
import { NEED_AREAS, NEED_LEVELS } from '../../support/support-vocabulary.js';
import type { SeededRandom } from './seeded-random.js';
import { crimeProceedings, rightsBesideTheCase } from './synthetic-proceedings.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Who works in an area of the synthetic world. */
export interface SyntheticArea {
  id: string;
  code: string;
  /** The commissioned generalist provider (the victim care service). */
  generalistProviderId: string;
  /** A specialist provider that leads most domestic abuse and sexual offence journeys. */
  specialistProviderId: string;
  workerIds: { generalist: readonly string[]; specialist: readonly string[] };
  policeForceId: string;
  policeFeedUserId: string;
  /** The court's feed, which lists hearings and records what happened at them. */
  courtFeedUserId: string;
  witnessCareOfficerIds: readonly string[];
  magistratesCourtId: string;
  crownCourtId: string;
}

export interface SyntheticWorld {
  /** Nothing happens after this instant; duties are evaluated as at it. */
  now: Date;
  /** Marks this run's crime references, so runs never collide on (area, crime reference). */
  runTag: string;
  /** How far back referrals go. */
  days: number;
  areas: readonly SyntheticArea[];
}

/** Rows for each table, as value arrays in the writer's column order. */
export interface SyntheticRows {
  people: unknown[][];
  crimes: unknown[][];
  journeys: unknown[][];
  referrals: unknown[][];
  events: unknown[][];
  duties: unknown[][];
  contactAttempts: unknown[][];
  needsAssessments: unknown[][];
  assessedNeeds: unknown[][];
  measures: unknown[][];
  defendants: unknown[][];
  policeDecisions: unknown[][];
  policeDecisionDefendants: unknown[][];
  decisionNotices: unknown[][];
  hearings: unknown[][];
  hearingListings: unknown[][];
  hearingDefendants: unknown[][];
  hearingPleas: unknown[][];
  courtOutcomes: unknown[][];
  courtInformings: unknown[][];
  witnessCareCases: unknown[][];
  witnessNeedsAssessments: unknown[][];
  witnessNeeds: unknown[][];
  specialMeasures: unknown[][];
  witnessWarnings: unknown[][];
  witnessAttendances: unknown[][];
  rjOffers: unknown[][];
  rjReferrals: unknown[][];
  vcsReferrals: unknown[][];
  complaints: unknown[][];
  /** Journey rows waiting for a reference: [row, London year of the referral]. */
  unreferenced: Array<[unknown[], string]>;
  /** Defendant rows waiting for their DEF- reference, and the event payloads that name it. */
  unreferencedDefendants: Array<{ row: unknown[]; payloads: Array<Record<string, unknown>> }>;
}

export function noRows(): SyntheticRows {
  return {
    people: [], crimes: [], journeys: [], referrals: [], events: [], duties: [], contactAttempts: [], needsAssessments: [], assessedNeeds: [], measures: [],
    defendants: [], policeDecisions: [], policeDecisionDefendants: [], decisionNotices: [], hearings: [], hearingListings: [], hearingDefendants: [],
    hearingPleas: [], courtOutcomes: [], courtInformings: [], witnessCareCases: [], witnessNeedsAssessments: [], witnessNeeds: [], specialMeasures: [],
    witnessWarnings: [], witnessAttendances: [], rjOffers: [], rjReferrals: [], vcsReferrals: [], complaints: [], unreferenced: [], unreferencedDefendants: [],
  };
}

/** Roughly the mix of crimes referred to victim services in England and Wales. */
const OFFENCE_MIX: ReadonlyArray<readonly [OffenceCategory, number]> = [
  ['violence_without_injury', 170], ['violence_with_injury', 120], ['theft', 140], ['burglary', 80], ['criminal_damage', 90],
  ['domestic_abuse', 110], ['stalking_harassment', 80], ['fraud', 50], ['sexual_offence', 40], ['public_order', 30],
  ['robbery', 20], ['hate_crime', 20], ['other', 20], ['gbh_with_intent', 5], ['arson_endangering_life', 2],
  ['kidnap_false_imprisonment', 2], ['human_trafficking', 1], ['attempted_murder', 1], ['homicide_bereaved', 1], ['terrorism', 0.1],
];

export interface TimelineEvent {
  id: string;
  type: string;
  occurredAt: Date;
  recordedAt: Date;
  actor: string;
  payload: Record<string, unknown>;
}

/**
 * One journey's timeline as the commands would record it. Nothing happens after `now` or
 * after the journey closed (commands refuse a closed journey): such steps are left out.
 */
export class Timeline {
  readonly events: TimelineEvent[] = [];
  closedAt: Date | null = null;

  constructor(
    private readonly now: Date,
    private readonly random: SeededRandom,
  ) {}

  canHappen(at: Date): boolean {
    return at.getTime() <= this.now.getTime() && (this.closedAt === null || at.getTime() <= this.closedAt.getTime());
  }

  /**
   * `afterClosure`: what other organisations do is recorded on a journey whose support has
   * closed too (a missed police deadline is still a breach), so only the victim care
   * service's own work stops at closure.
   */
  add(type: string, at: Date, actor: string, payload: Record<string, unknown> = {}, options: { afterClosure?: boolean; recordedAt?: Date } = {}): TimelineEvent | null {
    if (at.getTime() > this.now.getTime() || (!options.afterClosure && !this.canHappen(at))) return null;
    // Recorded the same day, within a few hours, never after now; a crime's news is recorded on all its journeys at once.
    const recordedAt = options.recordedAt ?? new Date(Math.min(this.now.getTime(), at.getTime() + this.random.int(0, 3 * 60) * 60_000));
    const event = { id: randomUUID(), type, occurredAt: at, recordedAt, actor, payload };
    this.events.push(event);
    return event;
  }
}

/** An instant on the `days`-th working day after `from` (the same day for 0), in working hours. */
export function onWorkingDay(from: Date, days: number, random: SeededRandom): Date {
  if (days === 0) return new Date(from.getTime() + (0.5 + random.next() * 3) * HOUR);
  // addWorkingDays answers 23:59:59.999 London; step back into the working day.
  return new Date(addWorkingDays(from, days).getTime() - (6 + random.next() * 8) * HOUR);
}

function scoreSet(random: SeededRandom, around: number): Record<string, number> {
  const domains = ['health_wellbeing', 'safety', 'everyday_life', 'informed', 'justice_engagement', 'support_network'];
  return Object.fromEntries(domains.map((domain) => [domain, Math.min(5, Math.max(1, around + random.int(-1, 1)))]));
}

function endScores(random: SeededRandom, start: Record<string, number>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(start).map(([domain, score]) => {
      const change = random.weighted<number>([[-2, 2], [-1, 8], [0, 30], [1, 35], [2, 20], [3, 5]]);
      return [domain, Math.min(5, Math.max(1, score + change))];
    }),
  );
}

function enhancedCategories(random: SeededRandom, offence: OffenceCategory): EnhancedRightsCategory[] {
  const categories: EnhancedRightsCategory[] = [];
  if (isMostSeriousCrime(offence)) categories.push('most_serious_crime');
  if (random.chance(0.1)) categories.push('vulnerable');
  if (random.chance(offence === 'domestic_abuse' || offence === 'sexual_offence' ? 0.4 : 0.04)) categories.push('intimidated');
  if (offence === 'stalking_harassment' && random.chance(0.3)) categories.push('persistently_targeted');
  return categories;
}

/**
 * One crime reported within the world's window and the journeys of its victims and
 * witnesses, each with the events the service's commands would have recorded, and the
 * duties libs/victims-code gives for those events as at `now` (the ledger's own
 * evaluation), past-due duties recorded as breaches as the reminders worker does.
 */
export function syntheticCrime(world: SyntheticWorld, area: SyntheticArea, random: SeededRandom, crimeNumber: number, rows: SyntheticRows, maxJourneys: number): void {
  const { now } = world;
  const offence = random.weighted(OFFENCE_MIX);
  const reportedAt = new Date(now.getTime() - random.next() * world.days * DAY);
  const crimeId = randomUUID();
  rows.crimes.push([
    crimeId, area.id, `SYN/${world.runTag}/${String(crimeNumber).padStart(9, '0')}`, area.policeForceId, offence,
    new Date(reportedAt.getTime() - random.int(0, 3) * DAY).toISOString().slice(0, 10), reportedAt, reportedAt,
  ]);
  const people = Math.min(maxJourneys, random.weighted<number>([[1, 85], [2, 12], [3, 3]]));
  const journeys: JourneyDraft[] = [];
  for (let index = 0; index < people; index++) {
    const journey = syntheticJourney(world, area, random, { crimeId, offence, reportedAt, role: index === 0 || random.chance(0.5) ? 'victim' : 'witness', number: crimeNumber * 3 + index }, rows);
    if (journey) journeys.push(journey);
  }
  if (journeys.length === 0) return;
  crimeProceedings(world, area, random, { crimeId, offence, reportedAt, number: crimeNumber }, journeys, rows);
  for (const journey of journeys) {
    rightsBesideTheCase(world, area, random, journey, rows);
    finishJourney(world, area, random, journey, rows);
  }
}

export interface CrimeFacts {
  crimeId: string;
  offence: OffenceCategory;
  reportedAt: Date;
  role: 'victim' | 'witness';
  number: number;
}

/** A journey as support left it, before the crime's proceedings and the rights beside the case are added and its rows written. */
export interface JourneyDraft {
  journeyId: string;
  personId: string;
  referralId: string;
  crime: CrimeFacts;
  timeline: Timeline;
  workerId: string;
  referredAt: Date;
  enhanced: EnhancedRightsCategory[];
  explicit: boolean;
  failedAttempts: number;
  firstContactedAt: Date | null;
  unableToContactAt: Date | null;
  supportStartedAt: Date | null;
  leadWorkerId: string | null;
  leadOrganisationId: string | null;
  closureReason: string | null;
  /** Each rj.offered event with the response the offer row records. */
  rjOffers: Array<{ event: TimelineEvent; response: 'interested' | 'not_now' | 'declined' }>;
}

function syntheticJourney(world: SyntheticWorld, area: SyntheticArea, random: SeededRandom, crime: CrimeFacts, rows: SyntheticRows): JourneyDraft | null {
  const { now } = world;
  const police = area.policeFeedUserId;
  const specialist = (crime.offence === 'domestic_abuse' || crime.offence === 'sexual_offence') && random.chance(0.6);
  const organisationId = specialist ? area.specialistProviderId : area.generalistProviderId;
  const workerId = random.pick(specialist ? area.workerIds.specialist : area.workerIds.generalist);

  // The police refer most victims within the Code's 2 working days; some late.
  const referralDays = random.weighted<number>([[0, 45], [1, 35], [2, 8], [3, 5], [4, 3], [6, 2], [10, 2]]);
  const referredAt = onWorkingDay(crime.reportedAt, referralDays, random);
  if (referredAt.getTime() > now.getTime()) return null;

  const journeyId = randomUUID();
  const personId = randomUUID();
  const referralId = randomUUID();
  const timeline = new Timeline(now, random);
  const enhanced = enhancedCategories(random, crime.offence);
  const explicit = referralConsentBasis(crime.offence) === 'explicit_required';
  if (enhanced.length > 0) timeline.add('enhanced-rights.recorded', crime.reportedAt, police, { categories: enhanced });
  timeline.add('crime.reported', crime.reportedAt, police, { offenceCategory: crime.offence, referralConsent: explicit ? 'given' : 'not_recorded' });
  timeline.add('referral.received', referredAt, police, { referralId });
  // Events at the referral are recorded with it.
  for (const event of timeline.events) event.recordedAt = referredAt;

  let failedAttempts = 0;
  const rjOffers: JourneyDraft['rjOffers'] = [];
  let firstContactedAt: Date | null = null;
  let unableToContactAt: Date | null = null;
  let supportStartedAt: Date | null = null;
  let startScores: Record<string, number> | null = null;
  let leadWorkerId: string | null = null;
  let leadOrganisationId: string | null = null;
  let assessedAt: Date | null = null;
  let ending: 'supported' | 'declined' | 'unable' | 'signposted' | 'open' = 'open';
  let closureReason: string | null = null;

  const attempt = (at: Date, outcome: string, extra: Record<string, unknown> = {}): boolean => {
    if (!timeline.canHappen(at)) return false;
    const id = randomUUID();
    rows.contactAttempts.push([id, area.id, journeyId, 'phone', outcome, at, null, null, workerId, at]);
    timeline.add('contact.attempted', at, workerId, { contactAttemptId: id, method: 'phone', outcome, attemptNumber: failedAttempts + 1, ...extra });
    return true;
  };

  // First contact: most reached within the local standard, some late, some never.
  const contact = random.weighted<'reached' | 'unable' | 'pending'>([['reached', 78], ['unable', 14], ['pending', 8]]);
  const failedBefore = contact === 'unable' ? 3 : random.weighted<number>([[0, 60], [1, 25], [2, 15]]);
  let attemptAt = referredAt;
  let reachable = true;
  for (let index = 0; index < failedBefore; index++) {
    attemptAt = onWorkingDay(attemptAt, index === 0 ? 0 : random.int(1, 2), random);
    if (!attempt(attemptAt, random.pick(['no_answer', 'left_message', 'no_answer']))) {
      reachable = false;
      break;
    }
    failedAttempts += 1;
    if (failedAttempts === 3 && contact === 'unable') {
      timeline.add('contact.unable-to-contact', attemptAt, workerId);
      unableToContactAt = attemptAt;
      ending = 'unable';
    }
  }
  if (contact === 'reached' && reachable) {
    const contactDays = random.weighted<number>([[0, 35], [1, 35], [2, 14], [3, 7], [4, 4], [6, 3], [9, 2]]);
    const contactedAt = onWorkingDay(failedBefore > 0 ? attemptAt : referredAt, failedBefore > 0 ? Math.max(1, contactDays) : contactDays, random);
    const answer = random.weighted<'accepted' | 'declined' | 'undecided'>([['accepted', 60], ['declined', 28], ['undecided', 12]]);
    if (attempt(contactedAt, 'contacted', { supportWanted: answer })) {
      firstContactedAt = contactedAt;
      timeline.add('contact.succeeded', contactedAt, workerId);
      leadWorkerId = workerId;
      leadOrganisationId = organisationId;
      timeline.add('lead-worker.assigned', contactedAt, workerId, { workerId, organisationId });
      if (answer === 'accepted') timeline.add('support.accepted', contactedAt, workerId);
      if (answer === 'declined') {
        timeline.add('support.declined', contactedAt, workerId, {});
        ending = 'declined';
      } else {
        // The needs assessment: soon after for those who accepted, later for the undecided.
        const decision = answer === 'accepted' ? 'accepted' : random.weighted<'accepted' | 'declined' | 'signposted'>([['accepted', 60], ['declined', 25], ['signposted', 15]]);
        const days = answer === 'accepted' ? random.weighted<number>([[0, 25], [1, 25], [2, 20], [3, 12], [5, 10], [7, 5], [10, 3]]) : random.int(3, 10);
        const completedAt = onWorkingDay(contactedAt, days, random);
        if (timeline.canHappen(completedAt)) {
          const assessmentId = randomUUID();
          assessedAt = completedAt;
          rows.needsAssessments.push([assessmentId, area.id, journeyId, completedAt, workerId, decision, decision === 'signposted' ? 'Local support group' : null, null, completedAt]);
          for (const need of NEED_AREAS) rows.assessedNeeds.push([assessmentId, area.id, need, random.weighted(NEED_LEVELS.map((level, i) => [level, [30, 40, 20, 10][i]] as const))]);
          if (decision === 'accepted') {
            startScores = scoreSet(random, random.weighted<number>([[1, 20], [2, 45], [3, 30], [4, 5]]));
            const measureId = randomUUID();
            rows.measures.push([measureId, area.id, journeyId, 'start', DEFAULT_FRAMEWORK_VERSION, JSON.stringify(startScores), null, completedAt, workerId, null, completedAt]);
            timeline.add('cope-recover.recorded', completedAt, workerId, { point: 'start', frameworkVersion: DEFAULT_FRAMEWORK_VERSION, measureId });
            if (answer !== 'accepted') timeline.add('support.accepted', completedAt, workerId);
            timeline.add('needs-assessment.completed', completedAt, workerId);
            supportStartedAt = completedAt;
            ending = 'supported';
            if (random.chance(0.75)) {
              const offeredAt = onWorkingDay(completedAt, random.weighted<number>([[0, 20], [5, 30], [10, 25], [18, 15], [25, 10]]), random);
              // As RjOffersService records it: the event's answer is interested or not; the row keeps the response.
              const response = random.chance(0.15) ? 'interested' : random.chance(0.3) ? 'not_now' : 'declined';
              const event = timeline.add('rj.offered', offeredAt, workerId, { answer: response === 'interested' ? 'interested' : 'not_interested' });
              if (event) rjOffers.push({ event, response });
            }
          } else {
            timeline.add('needs-assessment.completed', completedAt, workerId);
            timeline.add(decision === 'declined' ? 'support.declined' : 'support.signposted', completedAt, workerId, { assessmentId });
            ending = decision === 'declined' ? 'declined' : 'signposted';
          }
        }
      }
    }
  }

  // Closure: support runs its course; those who declined, were signposted or never reached close soon.
  const closeFrom = ending === 'supported' ? supportStartedAt : ending === 'unable' ? unableToContactAt : (assessedAt ?? firstContactedAt);
  if (ending !== 'open' && closeFrom) {
    const planned = closeFrom.getTime() + (ending === 'supported' ? random.int(20, 150) : random.int(0, 5)) * DAY + random.int(1, 6) * HOUR;
    // Never before work already on the timeline (an RJ offer made late in support).
    const closedAt = new Date(Math.max(planned, ...timeline.events.map((event) => event.occurredAt.getTime() + HOUR)));
    if (timeline.canHappen(closedAt)) {
      closureReason = closeJourney(timeline, rows, random, { area, journeyId, workerId, closedAt, ending, startScores });
    }
  }
  return {
    journeyId, personId, referralId, crime, timeline, workerId, referredAt, enhanced, explicit, failedAttempts, firstContactedAt, unableToContactAt,
    supportStartedAt, leadWorkerId, leadOrganisationId, closureReason, rjOffers,
  };
}

/** Where the journey stands after its commands, in the order they were recorded (as each command moves the stage). */
function stageOf(timeline: Timeline): string {
  let stage = 'referred';
  for (const event of [...timeline.events].sort(byRecording)) {
    // Nothing reopens a synthetic journey; support's own last steps may be recorded a little after the closure was.
    if (stage === 'closed') break;
    if (event.type === 'contact.succeeded' && stage === 'referred') stage = 'contacted';
    else if (event.type === 'support.declined' || event.type === 'support.signposted') {
      if (event.payload.assessmentId) stage = 'assessed';
    } else if (event.type === 'cope-recover.recorded' && event.payload.point === 'start') stage = 'in_support';
    else if (event.type === 'witness-care.opened' && ['referred', 'contacted', 'assessed', 'in_support'].includes(stage)) stage = 'witness_care';
    else if (event.type === 'journey.closed') stage = 'closed';
  }
  return stage;
}

function byRecording(a: TimelineEvent, b: TimelineEvent): number {
  return a.recordedAt.getTime() - b.recordedAt.getTime() || a.occurredAt.getTime() - b.occurredAt.getTime();
}

/** The journey's duties (the engine's, as at now), its row and its timeline's rows. */
function finishJourney(world: SyntheticWorld, area: SyntheticArea, random: SeededRandom, draft: JourneyDraft, rows: SyntheticRows): void {
  const { now } = world;
  const police = area.policeFeedUserId;
  const { journeyId, personId, referralId, crime, timeline, referredAt, enhanced, explicit, failedAttempts, firstContactedAt, unableToContactAt, supportStartedAt, leadWorkerId, leadOrganisationId, closureReason } = draft;
  const stage = stageOf(timeline);

  // Duties as the ledger stores them: the engine's evaluation of the Code events as at now.
  const codeEvents = timeline.events.filter((event) => isCodeEventType(event.type)).map((event): CodeEvent => ({ id: event.id, type: event.type, occurredAt: event.occurredAt, payload: event.payload }) as CodeEvent);
  const evaluation = evaluateDuties({ events: codeEvents, at: now });
  for (const duty of evaluation.duties) {
    const dutyId = randomUUID();
    // The reminders worker records a missed deadline on the timeline, dated at the deadline.
    const breached = duty.status === 'breached' || duty.status === 'met_late';
    if (breached) timeline.add('duty.breached', duty.dueAt, '00000000-0000-0000-0000-000000000000', { dutyId, ruleId: duty.ruleId }, { afterClosure: true });
    rows.duties.push(dutyRow(dutyId, journeyId, area.id, duty, breached ? new Date(duty.dueAt.getTime() + 60_000) : null, timeline));
  }

  const closing = timeline.events.find((event) => event.type === 'journey.closed');
  const satisfaction = timeline.events.find((event) => event.type === 'satisfaction.recorded')?.payload;
  const lastEventAt = new Date(Math.max(...timeline.events.map((event) => event.occurredAt.getTime())));
  const lastRecordedAt = new Date(Math.max(...timeline.events.map((event) => event.recordedAt.getTime())));
  const commands = new Set(timeline.events.map((event) => event.recordedAt.getTime())).size;
  const journeyRow = [
    journeyId, area.id, null, personId, crime.crimeId, crime.role, stage, leadWorkerId, leadOrganisationId, explicit ? 'explicit' : 'automatic',
    `{${enhanced.join(',')}}`, enhanced.length > 0 ? police : null, evaluation.facts.enhancedSince, `{${[...evaluation.facts.optedOutOf].join(',')}}`,
    failedAttempts, firstContactedAt, unableToContactAt, supportStartedAt, closing?.occurredAt ?? null, closureReason,
    satisfaction && typeof satisfaction.score === 'number' ? satisfaction.score : null, satisfaction ? satisfaction.declined === true : null,
    referredAt, lastEventAt, referredAt, lastRecordedAt, commands,
  ];
  rows.journeys.push(journeyRow);
  rows.unreferenced.push([journeyRow, referredAt.toISOString().slice(0, 4)]);
  rows.people.push([
    personId, area.id, 'Synthetic', `Person-${world.runTag}-${String(crime.number).padStart(9, '0')}`,
    `${random.int(1940, 2010)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`,
    'phone', `{${enhanced.includes('vulnerable') && random.chance(0.5) ? 'under_18' : ''}}`, police, referredAt,
  ]);
  rows.referrals.push([referralId, area.id, journeyId, 'created', 'api', area.policeForceId, police, referredAt, explicit ? 'explicit' : 'automatic', crime.reportedAt]);
  // In the order the commands would have recorded them. Payloads are serialised when written (a defendant's reference comes from the database).
  timeline.events.sort(byRecording);
  for (const event of timeline.events) {
    rows.events.push([event.id, journeyId, area.id, event.type, event.occurredAt, event.recordedAt, event.actor, event.payload]);
  }
}

function closeJourney(
  timeline: Timeline,
  rows: SyntheticRows,
  random: SeededRandom,
  closing: { area: SyntheticArea; journeyId: string; workerId: string; closedAt: Date; ending: 'supported' | 'declined' | 'unable' | 'signposted'; startScores: Record<string, number> | null },
): string {
  const { area, journeyId, workerId, closedAt, ending, startScores } = closing;
  let reason: string;
  let answers: Record<string, number> | null = null;
  let missing: string | null = null;
  if (ending === 'supported') {
    reason = random.weighted<string>([['support_completed', 85], ['declined', 7.5], ['moved_area', 4], ['other', 3], ['deceased', 0.5]]);
    if (reason === 'moved_area' || reason === 'deceased') missing = reason;
    else if (random.chance(0.75)) answers = endScores(random, startScores!);
    else missing = random.weighted<string>([['declined', 50], ['unable_to_contact', 50]]);
  } else {
    reason = ending === 'unable' ? 'unable_to_contact' : ending === 'declined' ? 'declined' : 'other';
    missing = ending === 'unable' ? 'unable_to_contact' : 'declined';
  }
  const measureId = randomUUID();
  rows.measures.push([measureId, area.id, journeyId, 'end', DEFAULT_FRAMEWORK_VERSION, answers ? JSON.stringify(answers) : null, missing, closedAt, workerId, null, closedAt]);
  timeline.add('cope-recover.recorded', closedAt, workerId, { point: 'end', frameworkVersion: DEFAULT_FRAMEWORK_VERSION, measureId });
  const answered = ending === 'supported' ? random.chance(0.65) : random.chance(0.15);
  timeline.add('satisfaction.recorded', closedAt, workerId, answered ? { score: random.weighted<number>([[10, 30], [9, 20], [8, 20], [7, 10], [6, 7], [5, 5], [3, 5], [1, 3]]) } : { declined: true });
  timeline.add('journey.closed', closedAt, workerId, {});
  timeline.closedAt = closedAt;
  return reason;
}

function dutyRow(id: string, journeyId: string, areaId: string, duty: Duty, breachRecordedAt: Date | null, timeline: Timeline): unknown[] {
  const opened = timeline.events.find((event) => event.id === duty.openedByEventId);
  return [
    id, journeyId, areaId, duty.key, duty.ruleId, duty.ruleSetVersion, duty.right, duty.owner, JSON.stringify(duty.subject), duty.openedAt,
    duty.openedByEventId, duty.dueAt, duty.enhanced, duty.status, duty.metAt, duty.dischargedByEventId, duty.workingDaysLate,
    duty.withdrawnReason, duty.withdrawnAt, breachRecordedAt, opened?.recordedAt ?? duty.openedAt,
  ];
}
