import { randomUUID } from 'node:crypto';
import { isMostSeriousCrime, isVcsEligible, type OffenceCategory, type PoliceDecisionKind } from '../../../libs/victims-code/src/index.js';
import { CUSTODIAL_DISPOSALS, type Disposal, HOSPITAL_ORDER_DISPOSALS } from '../../court/court-vocabulary.js';
import { EFFECTIVENESS_REASONS, type EffectivenessReason, type TrialEffectiveness } from '../../court/trial-effectiveness.js';
import { NON_ATTENDANCE_REASONS, SPECIAL_MEASURE_REFUSAL_REASONS, SPECIAL_MEASURES, WITNESS_NEED_ACTIONS, WITNESS_NEED_AREAS, WITNESS_NEED_LEVELS } from '../../witness/witness-vocabulary.js';
import type { SeededRandom } from './seeded-random.js';
import { DAY, HOUR, type JourneyDraft, onWorkingDay, type SyntheticArea, type SyntheticRows, type SyntheticWorld, type TimelineEvent } from './synthetic-journeys.js';

/**
 * What happens on a crime after it is reported, told to every journey on it as CrimeWork
 * does (closed journeys too: the rights to be told are the victim's), and the witness care
 * and rights that follow on each journey: rows and events as the commands of src/investigation,
 * src/court, src/witness and src/after-outcome write them.
 */

const DECISION_OUTCOMES: ReadonlyArray<readonly [PoliceDecisionKind, number]> = [
  ['charged', 35], ['released_under_investigation', 25], ['released_nfa', 25], ['released_on_bail', 15],
];

/** Roughly the national mix of trials heard (HMCTS): effective, cracked, ineffective. */
const EFFECTIVENESS_MIX: ReadonlyArray<readonly [TrialEffectiveness, number]> = [['effective', 45], ['cracked', 35], ['ineffective', 20]];

// Witness issues (a witness withdrew, was absent, or special measures were not in place) are about one in eight unsuccessful trials.
const CRACKED_REASONS: ReadonlyArray<readonly [EffectivenessReason, number]> = [
  ['guilty_plea_on_the_day', 45], ['guilty_plea_to_alternative_charge', 15], ['defendant_bound_over', 5], ['prosecution_offered_no_evidence', 15],
  ['prosecution_public_interest', 5], ['prosecution_witness_withdrew', 8], ['prosecution_witness_absent', 7],
];
const INEFFECTIVE_REASONS: ReadonlyArray<readonly [EffectivenessReason, number]> = [
  ['prosecution_not_ready', 12], ['prosecution_advocate_unavailable', 6], ['defence_witness_absent', 4], ['defendant_absent', 12], ['defendant_unwell', 8],
  ['defence_not_ready', 10], ['defence_advocate_unavailable', 5], ['defendant_in_custody_not_produced', 4], ['no_court_time', 20], ['judicial_availability', 5],
  ['interpreter_unavailable', 3], ['special_measures_not_in_place', 3], ['equipment_failure', 3], ['prosecution_witness_absent', 5],
];

const VIOLENT_OR_SEXUAL: ReadonlySet<OffenceCategory> = new Set<OffenceCategory>([
  'violence_with_injury', 'violence_without_injury', 'domestic_abuse', 'sexual_offence', 'robbery', 'gbh_with_intent', 'attempted_murder',
  'homicide_bereaved', 'kidnap_false_imprisonment', 'arson_endangering_life', 'terrorism', 'human_trafficking',
]);

/** Days of the timing of a telling: mostly within the Code's 1 working day, some late, a few never (null). */
const INFORMED_DAYS: ReadonlyArray<readonly [number, number]> = [[0, 55], [1, 30], [2, 5], [3, 3], [6, 2], [-1, 5]];

interface Listing {
  version: number;
  change: 'listed' | 'moved';
  listedFor: Date;
  occurredAt: Date;
  /** The listing's recording instant, shared by every journey told of it. */
  recordedAt: Date;
}

interface Hearing {
  id: string;
  type: 'first_hearing' | 'trial';
  courtId: string;
  listings: Listing[];
  heardAt: Date | null;
  effectiveness: TrialEffectiveness | null;
  reason: EffectivenessReason | null;
}

interface CrimeContext {
  world: SyntheticWorld;
  area: SyntheticArea;
  random: SeededRandom;
  rows: SyntheticRows;
  crimeId: string;
  journeys: readonly JourneyDraft[];
}

/** Tells every journey that existed when the news was recorded; returns each journey's event. */
function tellJourneys(context: CrimeContext, type: string, at: Date, payload: Record<string, unknown>, recordedAt: Date = recordingOf(context, at)): Map<JourneyDraft, TimelineEvent> {
  const told = new Map<JourneyDraft, TimelineEvent>();
  if (recordedAt.getTime() > context.world.now.getTime()) return told;
  for (const journey of context.journeys) {
    if (journey.referredAt.getTime() > recordedAt.getTime()) continue;
    const event = journey.timeline.add(type, at, actorOf(context, type), payload, { afterClosure: true, recordedAt });
    if (event) told.set(journey, event);
  }
  return told;
}

function actorOf(context: CrimeContext, type: string): string {
  return type.startsWith('police.') || type === 'defendant.added' ? context.area.policeFeedUserId : context.area.courtFeedUserId;
}

/** A command recorded within a few hours of what it records, never after now. */
function recordingOf(context: CrimeContext, at: Date): Date {
  return new Date(Math.min(context.world.now.getTime(), at.getTime() + context.random.int(5, 180) * 60_000));
}

/** A hearing time: 10:00 or 14:00 London-ish on a working day `days` working days after `from`. */
function hearingTime(from: Date, days: number, random: SeededRandom): Date {
  const day = onWorkingDay(from, days, random);
  const midnightUtc = Math.floor(day.getTime() / DAY) * DAY;
  return new Date(midnightUtc + (random.chance(0.7) ? 9 : 13) * HOUR);
}

export function crimeProceedings(
  world: SyntheticWorld,
  area: SyntheticArea,
  random: SeededRandom,
  crime: { crimeId: string; offence: OffenceCategory; reportedAt: Date; number: number },
  journeys: readonly JourneyDraft[],
  rows: SyntheticRows,
): void {
  const context: CrimeContext = { world, area, random, rows, crimeId: crime.crimeId, journeys };
  const charge = policeDecisions(context, crime.reportedAt);
  if (!charge) return;
  for (const journey of journeys) {
    // The police offer the victim personal statement at charge, on each journey told of the charge.
    if (!charge.told.has(journey) || !random.chance(0.9)) continue;
    const offeredAt = onWorkingDay(charge.decidedAt, random.weighted<number>([[0, 30], [1, 30], [3, 20], [5, 10], [8, 10]]), random);
    const offer = journey.timeline.add('vps.offered', offeredAt, area.policeFeedUserId, { offeredBy: 'police' }, { afterClosure: true });
    if (offer && random.chance(0.45)) {
      journey.timeline.add('vps.made', onWorkingDay(offeredAt, random.int(0, 15), random), area.policeFeedUserId, { form: random.chance(0.85) ? 'written' : 'recorded' }, { afterClosure: true });
    }
  }
  courtProceedings(context, crime, charge);
}

interface Charge {
  decidedAt: Date;
  defendantId: string;
  told: Map<JourneyDraft, TimelineEvent>;
}

/** The police's decisions on the crime (police_decisions rows), each told to each victim (decision_notices), mostly in time. */
function policeDecisions(context: CrimeContext, reportedAt: Date): Charge | null {
  const { random, rows, area } = context;
  let defendantId: string | null = null;
  const decide = (kind: PoliceDecisionKind, at: Date): { at: Date; told: Map<JourneyDraft, TimelineEvent> } | null => {
    if (at.getTime() > context.world.now.getTime()) return null;
    const decisionId = randomUUID();
    const recordedAt = recordingOf(context, at);
    if (kind === 'charged') {
      // The defendant is added to the crime just before the charge that names them.
      defendantId = randomUUID();
      // The DEF- reference comes from the database's sequence when the batch is written (index 10).
      const defendantRow = [defendantId, area.id, context.crimeId, 'Synthetic', `Defendant-${context.world.runTag}`, null, 'charged', at, recordedAt, recordedAt, null];
      const added = tellJourneys(context, 'defendant.added', recordedAt, { defendantId, reference: null }, recordedAt);
      rows.defendants.push(defendantRow);
      rows.unreferencedDefendants.push({ row: defendantRow, payloads: [...added.values()].map((event) => event.payload) });
    }
    rows.policeDecisions.push([decisionId, area.id, context.crimeId, kind, at, area.policeFeedUserId, recordedAt, recordedAt]);
    if (kind === 'charged') rows.policeDecisionDefendants.push([decisionId, defendantId]);
    const told = tellJourneys(context, 'police.decision-made', at, { decisionId, kind }, recordedAt);
    for (const [journey] of told) {
      if (!random.chance(0.92)) continue;
      const informedAt = onWorkingDay(at, random.weighted<number>([[0, 40], [1, 30], [2, 12], [4, 8], [6, 6], [10, 4]]), random);
      const event = journey.timeline.add('victim.informed', informedAt, area.policeFeedUserId, { about: 'police_decision', subjectId: decisionId }, { afterClosure: true });
      if (event) rows.decisionNotices.push([randomUUID(), area.id, journey.journeyId, decisionId, null, informedAt, random.pick(['phone', 'phone', 'letter', 'email']), event.id, area.policeFeedUserId, event.recordedAt, event.recordedAt]);
    }
    return { at, told };
  };
  if (random.chance(0.45)) {
    const arrested = decide('suspect_arrested', onWorkingDay(reportedAt, random.int(0, 15), random));
    if (!arrested) return null;
    const interviewed = random.chance(0.7) ? decide('interviewed_under_caution', onWorkingDay(arrested.at, random.int(0, 1), random)) : arrested;
    if (!interviewed) return null;
    const kind = random.weighted(DECISION_OUTCOMES);
    const decided = decide(kind, onWorkingDay(interviewed.at, random.int(0, 30), random));
    if (decided && kind === 'charged') return { decidedAt: decided.at, defendantId: defendantId!, told: decided.told };
  } else if (random.chance(0.85)) {
    decide(random.chance(0.3) ? 'no_investigation' : 'investigation_closed', onWorkingDay(reportedAt, random.int(0, 40), random));
  }
  return null;
}

/**
 * The court: a first hearing (sometimes moved), pleas, for a not-guilty plea a trial
 * (sometimes moved; relisted when ineffective), the verdict and sentence; each listing
 * version told to each journey by the witness care unit, and each journey's witness care.
 */
function courtProceedings(context: CrimeContext, crime: { offence: OffenceCategory }, charge: Charge): void {
  const { random, world } = context;
  const courtId = isMostSeriousCrime(crime.offence) || crime.offence === 'sexual_offence' || crime.offence === 'robbery' ? context.area.crownCourtId : context.area.magistratesCourtId;
  const first = listHearing(context, 'first_hearing', courtId, onWorkingDay(charge.decidedAt, random.int(0, 2), random), random.int(10, 30), charge.defendantId);
  if (!first) return;
  if (random.chance(0.1)) moveHearing(context, first);
  const firstListing = first.listings.at(-1)!;
  if (firstListing.listedFor.getTime() > world.now.getTime()) return;
  const plea = random.weighted<'guilty' | 'not_guilty' | 'no_plea'>([['guilty', 62], ['not_guilty', 33], ['no_plea', 5]]);
  hearHearing(context, first, firstListing.listedFor, null, null, charge.defendantId, plea);
  if (plea === 'guilty') {
    convict(context, crime.offence, charge.defendantId, first, first.heardAt!);
    return;
  }
  if (plea === 'no_plea' && random.chance(0.5)) return; // adjourned off the record: nothing more yet
  // Witness care opens on each journey at the not-guilty plea; the trial is listed the same day.
  const witnessCare = plea === 'not_guilty' ? openWitnessCare(context, first.heardAt!) : new Map<JourneyDraft, WitnessCase>();
  let trial = listHearing(context, 'trial', courtId, first.heardAt!, random.int(30, 120), charge.defendantId);
  for (let attempt = 0; trial; attempt++) {
    if (random.chance(0.2)) moveHearing(context, trial);
    const listing = trial.listings.at(-1)!;
    warnWitnesses(context, trial, listing, witnessCare);
    if (listing.listedFor.getTime() > world.now.getTime()) return;
    // A trial relisted twice goes ahead (or cracks) the third time.
    const effectiveness = attempt >= 2 ? random.weighted(EFFECTIVENESS_MIX.slice(0, 2)) : random.weighted(EFFECTIVENESS_MIX);
    const reason = effectiveness === 'effective' ? null : random.weighted(effectiveness === 'cracked' ? CRACKED_REASONS : INEFFECTIVE_REASONS);
    if (reason && !(EFFECTIVENESS_REASONS[reason].explains as readonly string[]).includes(effectiveness)) throw new Error(`synthetic reason ${reason} does not explain ${effectiveness}`);
    hearHearing(context, trial, listing.listedFor, effectiveness, reason, charge.defendantId, null);
    recordAttendance(context, trial, witnessCare);
    if (effectiveness === 'ineffective') {
      trial = listHearing(context, 'trial', courtId, trial.heardAt!, random.int(25, 90), charge.defendantId);
      continue;
    }
    const guilty = effectiveness === 'effective' ? random.chance(0.65) : reason === 'guilty_plea_on_the_day' || reason === 'guilty_plea_to_alternative_charge';
    if (guilty) convict(context, crime.offence, charge.defendantId, trial, trial.heardAt!);
    else if (reason !== 'defendant_bound_over') recordVerdict(context, charge.defendantId, trial, 'not_guilty', trial.heardAt!);
    return;
  }
}

function listHearing(context: CrimeContext, type: Hearing['type'], courtId: string, listedAt: Date, workingDaysAhead: number, defendantId: string): Hearing | null {
  const { rows, area, random } = context;
  const recordedAt = recordingOf(context, listedAt);
  if (listedAt.getTime() > context.world.now.getTime()) return null;
  const hearing: Hearing = { id: randomUUID(), type, courtId, listings: [], heardAt: null, effectiveness: null, reason: null };
  const listing: Listing = { version: 1, change: 'listed', listedFor: hearingTime(listedAt, workingDaysAhead, random), occurredAt: listedAt, recordedAt };
  hearing.listings.push(listing);
  const row = [hearing.id, area.id, context.crimeId, courtId, type, listing.listedFor, 'listed', 1, null, null, null, null, null, null, null, area.courtFeedUserId, recordedAt, recordedAt, 1];
  rows.hearings.push(row);
  (hearing as HearingWithRow).row = row;
  rows.hearingDefendants.push([hearing.id, defendantId]);
  rows.hearingListings.push([hearing.id, 1, 'listed', 'listed', courtId, listing.listedFor, null, listedAt, area.courtFeedUserId, recordedAt]);
  announce(context, hearing, listing);
  return hearing;
}

type HearingWithRow = Hearing & { row: unknown[] };

/** The court moves the hearing before it sits: a new version, told afresh. */
function moveHearing(context: CrimeContext, hearing: Hearing): void {
  const { rows, area, random, world } = context;
  const current = hearing.listings.at(-1)!;
  const movedAt = new Date(current.occurredAt.getTime() + random.next() * (current.listedFor.getTime() - current.occurredAt.getTime()) * 0.8);
  if (movedAt.getTime() > world.now.getTime()) return;
  const listing: Listing = { version: current.version + 1, change: 'moved', listedFor: hearingTime(current.listedFor, random.int(5, 25), random), occurredAt: movedAt, recordedAt: recordingOf(context, movedAt) };
  hearing.listings.push(listing);
  const row = (hearing as HearingWithRow).row;
  row[5] = listing.listedFor;
  row[7] = listing.version;
  row[17] = listing.recordedAt;
  row[18] = Number(row[18]) + 1;
  rows.hearingListings.push([hearing.id, listing.version, 'moved', 'listed', hearing.courtId, listing.listedFor, null, movedAt, area.courtFeedUserId, listing.recordedAt]);
  announce(context, hearing, listing);
}

/** The hearing.listed/moved event on each journey, and the witness care unit telling each victim of that version. */
function announce(context: CrimeContext, hearing: Hearing, listing: Listing): void {
  const { random, rows, area } = context;
  const told = tellJourneys(context, `hearing.${listing.change}`, listing.occurredAt, { hearingId: hearing.id, version: listing.version }, listing.recordedAt);
  for (const [journey] of told) {
    const days = random.weighted(INFORMED_DAYS);
    if (days < 0) continue;
    const informedAt = onWorkingDay(listing.occurredAt, days, random);
    const officer = random.pick(area.witnessCareOfficerIds);
    const event = journey.timeline.add('victim.informed', informedAt, officer, { about: 'hearing', subjectId: hearing.id, hearingVersion: listing.version }, { afterClosure: true });
    if (event) rows.courtInformings.push([randomUUID(), area.id, journey.journeyId, 'hearing', hearing.id, listing.version, null, informedAt, random.pick(['phone', 'phone', 'letter', 'email']), event.id, officer, event.recordedAt]);
  }
}

function hearHearing(context: CrimeContext, hearing: Hearing, heardAt: Date, effectiveness: TrialEffectiveness | null, reason: EffectivenessReason | null, defendantId: string, plea: 'guilty' | 'not_guilty' | 'no_plea' | null): void {
  const { rows } = context;
  hearing.heardAt = heardAt;
  hearing.effectiveness = effectiveness;
  hearing.reason = reason;
  const recordedAt = recordingOf(context, new Date(heardAt.getTime() + 5 * HOUR));
  const row = (hearing as HearingWithRow).row;
  row[6] = 'heard';
  row[12] = heardAt;
  row[13] = effectiveness;
  row[14] = reason;
  row[17] = recordedAt;
  row[18] = Number(row[18]) + 1;
  if (plea) rows.hearingPleas.push([hearing.id, defendantId, plea, recordedAt]);
  const pleas = plea ? [{ defendantId, plea }] : [];
  tellJourneys(context, 'hearing.heard', heardAt, { hearingId: hearing.id, type: hearing.type, effectiveness, effectivenessReason: reason, pleas }, recordedAt);
  if (plea === 'not_guilty') tellJourneys(context, 'plea.not-guilty', heardAt, {}, recordedAt);
}

/** Guilty: the verdict, and the sentence the same day or after reports. */
function convict(context: CrimeContext, offence: OffenceCategory, defendantId: string, hearing: Hearing, verdictAt: Date): void {
  const { random, world } = context;
  const outcome = recordVerdict(context, defendantId, hearing, 'guilty', verdictAt);
  const sentencedAt = random.chance(0.4) ? new Date(verdictAt.getTime() + 2 * HOUR) : hearingTime(verdictAt, random.int(15, 30), random);
  if (sentencedAt.getTime() > world.now.getTime()) return;
  const serious = isMostSeriousCrime(offence) || offence === 'sexual_offence' || offence === 'gbh_with_intent' || offence === 'robbery';
  const disposal = random.weighted<Disposal>(
    serious
      ? [['immediate_custody', 60], ['suspended_sentence', 20], ['community_order', 12], ['hospital_order', 2], ['hospital_order_with_restriction', 1], ['detention_and_training_order', 5]]
      : [['immediate_custody', 12], ['suspended_sentence', 15], ['community_order', 30], ['fine', 25], ['conditional_discharge', 12], ['absolute_discharge', 2], ['referral_order', 2], ['youth_rehabilitation_order', 2]],
  );
  const custodialMonths = CUSTODIAL_DISPOSALS.includes(disposal) ? random.weighted<number>(serious ? [[12, 20], [24, 25], [48, 25], [96, 20], [6, 10]] : [[3, 30], [6, 30], [12, 25], [18, 15]]) : 0;
  const violentOrSexual = VIOLENT_OR_SEXUAL.has(offence);
  const recordedAt = recordingOf(context, sentencedAt);
  const row = outcome.row;
  row[7] = sentencedAt;
  row[8] = disposal;
  row[9] = custodialMonths;
  row[10] = violentOrSexual;
  row[13] = recordedAt;
  row[14] = 2;
  const sentence = { outcomeId: outcome.id, offenceViolentOrSexual: violentOrSexual, custodialMonths, hospitalOrder: HOSPITAL_ORDER_DISPOSALS.includes(disposal) };
  const told = tellJourneys(context, 'court.sentence', sentencedAt, sentence, recordedAt);
  for (const [journey, event] of told) {
    const telling = outcome.tellings.get(journey);
    // CourtInformedService: a telling once the sentence is passed is of the sentence; one before it, of the verdict, and the sentence is news of its own.
    if (telling && (telling[7] as Date).getTime() >= sentencedAt.getTime()) telling[6] = 'sentence';
    else if (telling && random.chance(0.85)) informOutcome(context, journey, outcome.id, sentencedAt, 'sentence');
    if (isVcsEligible(sentence)) referToVictimContactScheme(context, journey, outcome.id, event, offence);
  }
}

function recordVerdict(context: CrimeContext, defendantId: string, hearing: Hearing, verdict: 'guilty' | 'not_guilty', verdictAt: Date): { id: string; row: unknown[]; tellings: Map<JourneyDraft, unknown[]> } {
  const { rows, area } = context;
  const id = randomUUID();
  const recordedAt = recordingOf(context, new Date(verdictAt.getTime() + HOUR));
  const row = [id, area.id, context.crimeId, defendantId, hearing.id, verdict, verdictAt, null, null, null, null, area.courtFeedUserId, recordedAt, recordedAt, 1];
  rows.courtOutcomes.push(row);
  const tellings = new Map<JourneyDraft, unknown[]>();
  for (const [journey] of tellJourneys(context, 'court.verdict', verdictAt, { outcomeId: id, verdict }, recordedAt)) {
    const telling = informOutcome(context, journey, id, verdictAt, 'verdict');
    if (telling) tellings.set(journey, telling);
  }
  return { id, row, tellings };
}

function informOutcome(context: CrimeContext, journey: JourneyDraft, outcomeId: string, newsAt: Date, stage: 'verdict' | 'sentence'): unknown[] | null {
  const { random, rows, area } = context;
  const days = random.weighted(INFORMED_DAYS);
  if (days < 0) return null;
  const informedAt = onWorkingDay(newsAt, days, random);
  const officer = random.pick(area.witnessCareOfficerIds);
  const event = journey.timeline.add('victim.informed', informedAt, officer, { about: 'outcome', subjectId: outcomeId }, { afterClosure: true });
  if (!event) return null;
  const row = [randomUUID(), area.id, journey.journeyId, 'outcome', outcomeId, null, stage, informedAt, random.pick(['phone', 'phone', 'letter']), event.id, officer, event.recordedAt];
  rows.courtInformings.push(row);
  return row;
}

/** The witness care unit refers the victim to probation's Victim Contact Scheme, and a victim liaison officer contacts them. */
function referToVictimContactScheme(context: CrimeContext, journey: JourneyDraft, outcomeId: string, sentence: TimelineEvent, offence: OffenceCategory): void {
  const { random, rows, area } = context;
  const referDays = random.weighted<number>([[2, 30], [5, 35], [9, 20], [13, 8], [20, 3], [-1, 4]]);
  if (referDays < 0) return;
  const referredAt = onWorkingDay(sentence.occurredAt, referDays, random);
  const officer = random.pick(area.witnessCareOfficerIds);
  const referred = journey.timeline.add('vcs.referred', referredAt, officer, { outcomeId }, { afterClosure: true });
  if (!referred) return;
  const row: unknown[] = [randomUUID(), area.id, journey.journeyId, outcomeId, sentence.id, offence === 'homicide_bereaved' ? 'bereaved_relative' : 'eligible_victim', referredAt, 'referred', null, null, officer, referred.recordedAt, referred.recordedAt, 1];
  rows.vcsReferrals.push(row);
  const contactedAt = onWorkingDay(referredAt, random.weighted<number>([[5, 30], [10, 30], [18, 20], [25, 10], [40, 10]]), random);
  const contacted = journey.timeline.add('vcs.contacted', contactedAt, officer, { outcomeId }, { afterClosure: true });
  if (!contacted) return;
  row[7] = 'contacted';
  row[8] = contactedAt;
  row[9] = random.weighted<string>([['joined', 70], ['declined', 20], ['undecided', 10]]);
  row[12] = contacted.recordedAt;
  row[13] = 2;
}

interface WitnessCase {
  id: string;
  row: unknown[];
  officer: string;
  givingEvidence: boolean | null;
  openedAt: Date;
  grantedMeasures: number;
}

/** At a not-guilty plea: each journey's witness care case, needs assessment, special measures and pre-trial visit. */
function openWitnessCare(context: CrimeContext, pleaAt: Date): Map<JourneyDraft, WitnessCase> {
  const { random, rows, area } = context;
  const cases = new Map<JourneyDraft, WitnessCase>();
  for (const journey of context.journeys) {
    if (journey.referredAt.getTime() > pleaAt.getTime()) continue;
    const openedAt = onWorkingDay(pleaAt, random.int(0, 1), random);
    const officer = random.pick(area.witnessCareOfficerIds);
    const givingEvidence = random.weighted<string>([['yes', 85], ['unknown', 10], ['no', 5]]);
    const id = randomUUID();
    const opened = journey.timeline.add('witness-care.opened', openedAt, officer, { caseId: id, givingEvidence: givingEvidence === 'yes' ? true : givingEvidence === 'no' ? false : 'unknown', officerId: officer }, { afterClosure: true });
    if (!opened) continue;
    const row: unknown[] = [id, area.id, journey.journeyId, openedAt, officer, givingEvidence === 'yes' ? true : givingEvidence === 'no' ? false : null, officer, null, null, null, null, opened.recordedAt, opened.recordedAt, 1];
    rows.witnessCareCases.push(row);
    const witnessCase: WitnessCase = { id, row, officer, givingEvidence: row[5] as boolean | null, openedAt, grantedMeasures: 0 };
    cases.set(journey, witnessCase);

    // The Witness Charter needs assessment the plea calls for: mostly within the unit's 2 working days (1 enhanced).
    const days = random.weighted<number>([[0, 30], [1, 40], [2, 12], [3, 6], [5, 4], [-1, 8]]);
    if (days < 0) continue;
    const assessedAt = onWorkingDay(openedAt, days, random);
    const assessed = journey.timeline.add('witness.needs-assessed', assessedAt, officer, {}, { afterClosure: true });
    if (!assessed) continue;
    const assessmentId = randomUUID();
    rows.witnessNeedsAssessments.push([assessmentId, area.id, journey.journeyId, id, assessedAt, officer, assessed.recordedAt]);
    for (const need of WITNESS_NEED_AREAS) {
      const needed = random.chance(0.25);
      rows.witnessNeeds.push([assessmentId, need, needed, needed ? random.pick(WITNESS_NEED_LEVELS) : null, needed ? random.pick(WITNESS_NEED_ACTIONS) : 'none_needed']);
    }

    // Special measures: asked for most vulnerable and intimidated witnesses, a few others.
    const vulnerable = journey.enhanced.includes('vulnerable') || journey.enhanced.includes('intimidated');
    if (random.chance(vulnerable ? 0.7 : 0.1)) {
      const measures = new Set([random.pick(SPECIAL_MEASURES), random.pick(SPECIAL_MEASURES)].slice(0, random.int(1, 2)));
      for (const measure of measures) {
        const measureId = randomUUID();
        const requested = journey.timeline.add('special-measure.requested', assessedAt, officer, { specialMeasureId: measureId, measure, hearingId: null }, { afterClosure: true });
        if (!requested) continue;
        const measureRow: unknown[] = [measureId, area.id, journey.journeyId, null, measure, 'requested', assessedAt, null, null, null, officer, requested.recordedAt, requested.recordedAt, 1];
        rows.specialMeasures.push(measureRow);
        if (!random.chance(0.9)) continue;
        const appliedAt = onWorkingDay(assessedAt, random.int(1, 8), random);
        const applied = journey.timeline.add('special-measure.applied-for', appliedAt, officer, { specialMeasureId: measureId, measure }, { afterClosure: true });
        if (!applied) continue;
        Object.assign(measureRow, { 5: 'applied_for', 7: appliedAt, 12: applied.recordedAt, 13: 2 });
        const decidedAt = onWorkingDay(appliedAt, random.int(3, 15), random);
        const granted = random.chance(0.85);
        const reason = granted ? null : random.pick(SPECIAL_MEASURE_REFUSAL_REASONS);
        const decided = journey.timeline.add('special-measure.decided', decidedAt, officer, { specialMeasureId: measureId, measure, decision: granted ? 'granted' : 'refused', ...(reason ? { reason } : {}) }, { afterClosure: true });
        if (!decided) continue;
        Object.assign(measureRow, { 5: granted ? 'granted' : 'refused', 8: decidedAt, 9: reason, 12: decided.recordedAt, 13: 3 });
        if (granted) witnessCase.grantedMeasures += 1;
      }
    }

    // The pre-trial court visit: offered to most, taken by about half of those.
    if (random.chance(0.65)) {
      const offeredAt = onWorkingDay(assessedAt, random.int(0, 5), random);
      const offered = journey.timeline.add('pre-trial-visit.recorded', offeredAt, officer, { caseId: id, status: 'offered' }, { afterClosure: true });
      if (!offered) continue;
      Object.assign(row, { 7: 'offered', 8: offeredAt, 12: offered.recordedAt, 13: 2 });
      const answer = random.weighted<string>([['taken', 50], ['declined', 30], ['open', 20]]);
      if (answer === 'open') continue;
      const at = onWorkingDay(offeredAt, random.int(3, 20), random);
      const step = journey.timeline.add('pre-trial-visit.recorded', at, officer, { caseId: id, status: answer }, { afterClosure: true });
      if (!step) continue;
      Object.assign(row, { 7: answer, [answer === 'taken' ? 9 : 10]: at, 12: step.recordedAt, 13: 3 });
    }
  }
  return cases;
}

/** The witness care unit warns each witness giving evidence to attend the trial's final listing (most in time). */
function warnWitnesses(context: CrimeContext, trial: Hearing, listing: Listing, cases: Map<JourneyDraft, WitnessCase>): void {
  const { random, rows, area } = context;
  for (const [journey, witnessCase] of cases) {
    if (witnessCase.givingEvidence === false || !random.chance(0.9)) continue;
    const warnedAt = onWorkingDay(new Date(Math.max(listing.occurredAt.getTime(), witnessCase.openedAt.getTime())), random.int(0, 3), random);
    // Warned while this version is the hearing's current listing: before it sits.
    if (warnedAt.getTime() >= listing.listedFor.getTime()) continue;
    const warningId = randomUUID();
    const method = random.pick(['phone', 'phone', 'letter', 'email']);
    const warned = journey.timeline.add('witness.warned', warnedAt, witnessCase.officer, { warningId, hearingId: trial.id, hearingVersion: listing.version, method }, { afterClosure: true });
    if (warned) rows.witnessWarnings.push([warningId, area.id, journey.journeyId, trial.id, listing.version, warnedAt, method, witnessCase.officer, warned.recordedAt]);
  }
}

/** Whether each witness came to a trial that was heard; a failure to attend opens a follow-up, mostly resolved. */
function recordAttendance(context: CrimeContext, trial: Hearing, cases: Map<JourneyDraft, WitnessCase>): void {
  const { random, rows, area } = context;
  let absentWitnessRecorded = false;
  for (const [journey, witnessCase] of cases) {
    if (witnessCase.givingEvidence === false) continue;
    const witnessAbsent = trial.reason === 'prosecution_witness_absent' && !absentWitnessRecorded;
    const outcome = witnessAbsent
      ? 'failed_to_attend'
      : random.weighted<string>(
          trial.effectiveness === 'effective'
            ? [['attended', 85], ['failed_to_attend', 4], ['excused', 5], ['not_required', 6]]
            : trial.effectiveness === 'cracked'
              ? [['attended', 45], ['failed_to_attend', 3], ['excused', 7], ['not_required', 45]]
              : [['attended', 65], ['failed_to_attend', 5], ['excused', 10], ['not_required', 20]],
        );
    if (outcome === 'failed_to_attend') absentWitnessRecorded = true;
    const reason = outcome === 'failed_to_attend' ? random.pick(NON_ATTENDANCE_REASONS) : null;
    // Recorded by the officer after the hearing (the command dates it when recorded).
    const recordedAt = new Date(trial.heardAt!.getTime() + random.int(3, 30) * HOUR);
    const attendanceId = randomUUID();
    const recorded = journey.timeline.add('witness.attendance-recorded', recordedAt, witnessCase.officer, { attendanceId, hearingId: trial.id, outcome, reason, corrected: false }, { afterClosure: true, recordedAt });
    if (!recorded) continue;
    const row: unknown[] = [attendanceId, area.id, journey.journeyId, trial.id, outcome, reason, witnessCase.officer, reason ? 'open' : null, null, null, recordedAt, recordedAt, 1];
    rows.witnessAttendances.push(row);
    if (reason && random.chance(0.75)) {
      const resolvedAt = onWorkingDay(recordedAt, random.int(1, 5), random);
      const note = random.pick(['witness_contacted', 'rewarned', 'support_arranged', 'cps_informed', 'summons_requested', 'unable_to_contact', 'no_further_action']);
      const resolved = journey.timeline.add('witness.follow-up-resolved', resolvedAt, witnessCase.officer, { attendanceId, hearingId: trial.id, note }, { afterClosure: true });
      if (resolved) Object.assign(row, { 7: 'resolved', 8: resolvedAt, 9: note, 11: resolved.recordedAt, 12: 2 });
    }
  }
}

/**
 * The rights that run beside the case on one journey: the RJ offers' rows (stage as the
 * timeline tells it), referrals to the RJ hub for some of the interested, and complaints.
 */
export function rightsBesideTheCase(world: SyntheticWorld, area: SyntheticArea, random: SeededRandom, journey: JourneyDraft, rows: SyntheticRows): void {
  const { timeline } = journey;
  for (const { event, response } of journey.rjOffers) {
    const before = timeline.events.filter((candidate) => candidate.occurredAt.getTime() <= event.occurredAt.getTime());
    const stage = before.some((candidate) => candidate.type === 'court.sentence')
      ? 'post_sentence'
      : before.some((candidate) => candidate.type === 'police.decision-made' && candidate.payload.kind === 'charged')
        ? 'pre_sentence'
        : 'pre_charge';
    const offerId = randomUUID();
    rows.rjOffers.push([offerId, area.id, journey.journeyId, event.id, stage, event.occurredAt, 'victim_care_service', response, event.actor, event.recordedAt]);
    if (response !== 'interested' || !random.chance(0.6)) continue;
    // Referring is new work with the victim: refused once support has closed.
    const consentAt = onWorkingDay(event.occurredAt, random.int(0, 3), random);
    const referredAt = onWorkingDay(consentAt, random.int(0, 2), random);
    const referralId = randomUUID();
    const referred = timeline.add('rj.referred', referredAt, event.actor, { rjReferralId: referralId, rjOfferId: offerId });
    if (!referred) continue;
    const row: unknown[] = [referralId, area.id, journey.journeyId, offerId, random.pick(['Synthetic RJ hub', null]), consentAt, referredAt, 'pending', null, event.actor, referred.recordedAt, referred.recordedAt, 1];
    rows.rjReferrals.push(row);
    if (!random.chance(0.8)) continue;
    const outcomeAt = new Date(referredAt.getTime() + random.int(10, 90) * DAY + random.int(1, 6) * HOUR);
    const outcome = random.weighted<string>([['direct_conference', 20], ['indirect_shuttle', 20], ['letter', 10], ['not_suitable', 20], ['offender_declined', 20], ['victim_withdrew', 10]]);
    // The hub's outcome may come after support closed.
    const recorded = timeline.add('rj.outcome-recorded', outcomeAt, event.actor, { rjReferralId: referralId, outcome }, { afterClosure: true });
    if (recorded) Object.assign(row, { 7: outcome, 8: outcomeAt, 11: recorded.recordedAt, 12: 2 });
  }
  if (random.chance(0.015)) complaint(world, area, random, journey, rows);
}

/** A complaint that a right was not met, through the organisation's process; some escalated. */
function complaint(world: SyntheticWorld, area: SyntheticArea, random: SeededRandom, journey: JourneyDraft, rows: SyntheticRows): void {
  const { timeline } = journey;
  const receivedAt = new Date(journey.referredAt.getTime() + random.int(3, 200) * DAY + random.int(1, 8) * HOUR);
  const against = random.weighted<string>([['victim_care_service', 35], ['police', 35], ['witness_care_unit', 10], ['cps', 8], ['court', 7], ['probation', 5]]);
  const id = randomUUID();
  const actor = journey.leadWorkerId ?? journey.workerId;
  const received = timeline.add('complaint.received', receivedAt, actor, { complaintId: id, against }, { afterClosure: true });
  if (!received) return;
  const rights = against === 'police' ? [6] : against === 'witness_care_unit' ? [8, 9] : against === 'victim_care_service' ? [4] : [random.int(1, 12)];
  const row: unknown[] = [id, area.id, journey.journeyId, against, receivedAt, random.pick(['phone', 'letter', 'email', 'online']), `{${rights.join(',')}}`, null, 'received', null, null, null, null, null, actor, received.recordedAt, received.recordedAt, 1];
  rows.complaints.push(row);
  const step = (type: string, at: Date, payload: Record<string, unknown>, changes: Record<number, unknown>): TimelineEvent | null => {
    const event = timeline.add(type, at, actor, payload, { afterClosure: true });
    if (event) Object.assign(row, changes, { 16: event.recordedAt, 17: Number(row[17]) + 1 });
    return event;
  };
  const ackDays = random.weighted<number>([[1, 30], [3, 30], [7, 20], [12, 10], [-1, 10]]);
  let last = receivedAt;
  if (ackDays >= 0) {
    const acknowledgedAt = onWorkingDay(receivedAt, ackDays, random);
    if (!step('complaint.acknowledged', acknowledgedAt, { complaintId: id }, { 8: 'acknowledged', 9: acknowledgedAt })) return;
    last = acknowledgedAt;
  }
  const respondDays = random.weighted<number>([[8, 30], [15, 35], [19, 15], [25, 10], [-1, 10]]);
  if (respondDays < 0) return;
  const respondedAt = new Date(Math.max(onWorkingDay(receivedAt, respondDays, random).getTime(), last.getTime() + HOUR));
  const finding = random.weighted<string>([['upheld', 25], ['partly_upheld', 25], ['not_upheld', 50]]);
  if (!step('complaint.responded', respondedAt, { complaintId: id }, { 8: 'responded', 10: respondedAt, 11: finding })) return;
  if (!random.chance(0.15)) return;
  const escalatedAt = onWorkingDay(respondedAt, random.int(5, 30), random);
  const to = random.chance(0.8) ? 'next_stage' : 'ombudsman';
  step('complaint.escalated', escalatedAt, { complaintId: id, to }, { 8: 'escalated', 12: to, 13: escalatedAt });
}

