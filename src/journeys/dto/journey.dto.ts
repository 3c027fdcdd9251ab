import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLOSURE_REASONS, JOURNEY_ROLES, JOURNEY_STAGES } from '../journey-vocabulary.js';

export class JourneyPersonSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() givenName: string;
  @ApiProperty() familyName: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) dateOfBirth: string | null;
  @ApiProperty({ nullable: true, type: String }) preferredContactMethod: string | null;
  @ApiProperty({ nullable: true, type: String }) preferredContactTimes: string | null;
  @ApiProperty() safeToLeaveMessages: boolean;
  @ApiProperty({ nullable: true, type: String }) language: string | null;
  @ApiProperty() interpreterNeeded: boolean;
}

export class JourneyCrimeSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CLE/26/012345' }) crimeReference: string;
  @ApiProperty({ example: 'burglary' }) offenceCategory: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) offenceDate: string | null;
  @ApiProperty({ format: 'date-time' }) reportedAt: Date;
}

export class NamedRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class EnhancedBasisView {
  @ApiProperty({ example: 'most_serious_crime' }) category: string;
  @ApiProperty({ example: 'offence_category', description: 'The Code’s ground (libs/victims-code ENHANCED_RIGHTS_REASONS), or staff_finding' }) reason: string;
  @ApiProperty({ enum: ['derived', 'staff'], description: 'derived: from the facts the service holds; staff: recorded by a person (or a police partner system)' }) source: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) recordedBy: string | null;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who confirmed a derived basis' }) confirmedBy?: string;
  @ApiPropertyOptional({ format: 'date-time' }) confirmedAt?: string;
}

export class EnhancedRightsView {
  @ApiProperty() entitled: boolean;
  @ApiProperty({ type: [EnhancedBasisView], description: 'Why the victim is enhanced, basis by basis' }) bases: EnhancedBasisView[];
  @ApiProperty({ type: [String], example: ['vulnerable'] }) categories: string[];
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Duties opened from this instant get enhanced deadlines' }) since: Date | null;
}

export class ClosureView {
  @ApiProperty({ format: 'date-time' }) closedAt: Date;
  @ApiProperty({ enum: CLOSURE_REASONS }) reason: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: Number, minimum: 0, maximum: 10 }) satisfactionScore: number | null;
  @ApiProperty({ nullable: true, type: String }) satisfactionComment: string | null;
  @ApiProperty({ nullable: true, type: Boolean, description: 'The satisfaction question was offered and declined' }) satisfactionDeclined: boolean | null;
}

export class VictimWindowSubjectView {
  @ApiProperty({ enum: ['outcome', 'police_decision', 'cps_decision'] }) kind: string;
  @ApiProperty({ format: 'uuid' }) id: string;
}

/** A window in which the victim may act (libs/victims-code openVictimWindows): it chases no owner and never breaches; it closes. */
export class VictimWindowView {
  @ApiProperty({ enum: ['unduly-lenient-sentence', 'cps.victims-right-to-review', 'police.victims-right-to-review'] }) windowId: string;
  @ApiProperty({ example: 'Unduly Lenient Sentence scheme' }) title: string;
  @ApiProperty({ minimum: 1, maximum: 12 }) right: number;
  @ApiProperty({ description: 'Never extended (the ULS scheme’s 28 days)' }) hardLimit: boolean;
  @ApiProperty({ type: VictimWindowSubjectView }) subject: VictimWindowSubjectView;
  @ApiProperty({ format: 'uuid', description: 'The timeline event it counts from' }) openedByEventId: string;
  @ApiProperty({ format: 'date-time' }) startedAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Ask by, when the scheme sets an earlier target' }) askBy: Date | null;
  @ApiProperty({ format: 'date-time', description: '23:59:59.999 London on the last day' }) closesAt: Date;
}

export class JourneyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'VJ-2026-000123' }) reference: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ enum: JOURNEY_ROLES }) role: string;
  @ApiProperty({ enum: JOURNEY_STAGES }) stage: string;
  @ApiProperty({ type: JourneyPersonSummary }) person: JourneyPersonSummary;
  @ApiProperty({ type: JourneyCrimeSummary }) crime: JourneyCrimeSummary;
  @ApiProperty({ type: NamedRef, nullable: true }) leadWorker: NamedRef | null;
  @ApiProperty({ type: NamedRef, nullable: true }) leadOrganisation: NamedRef | null;
  @ApiProperty({ enum: ['automatic', 'explicit'] }) referralConsent: string;
  @ApiProperty({ type: EnhancedRightsView }) enhancedRights: EnhancedRightsView;
  @ApiProperty({ type: [String], description: 'Kinds of information the victim chose not to receive' }) optedOutOf: string[];
  @ApiProperty({ nullable: true, type: String, description: 'A named person the victim wants information through' }) informationVia: string | null;
  @ApiProperty() unsuccessfulContactAttempts: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) firstContactedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) unableToContactAt: Date | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) supportStartedAt: Date | null;
  @ApiProperty({ type: ClosureView, nullable: true }) closure: ClosureView | null;
  @ApiProperty({ format: 'date-time' }) referredAt: Date;
  @ApiProperty({ format: 'date-time' }) lastEventAt: Date;
  @ApiProperty({ type: [VictimWindowView], description: 'Windows open now in which the victim may act (ULS, VRR), oldest first' }) victimWindows: VictimWindowView[];
  @ApiProperty() version: number;
}

export class TimelineEntry {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'referral.received' }) type: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened, as told' }) occurredAt: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the duty-holder received the news, for news whose Code clock runs from receipt' }) receivedAt: Date | null;
  @ApiProperty({ nullable: true, type: String, enum: ['late_referral'], description: 'late_referral: news from before the victim was referred, still owed to them (payload.owedBecause says why)' }) reason: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded (the server’s time)' }) recordedAt: Date;
  @ApiProperty({ type: NamedRef, nullable: true }) recordedBy: NamedRef | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { referralId: '…' } }) payload: Record<string, unknown>;
}

export class TimelineResponse {
  @ApiProperty({ type: [TimelineEntry], description: 'Newest first' }) items: TimelineEntry[];
  @ApiProperty() total: number;
}

export class DutyView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'support.first-contact|journey' }) key: string;
  @ApiProperty({ example: 'support.first-contact' }) ruleId: string;
  @ApiProperty({ example: 'vc-2020.1' }) ruleSetVersion: string;
  @ApiProperty({ minimum: 1, maximum: 12, description: 'The right of the Victims’ Code it serves' }) right: number;
  @ApiProperty({ example: 'victim_care_service' }) owner: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { kind: 'journey' } }) subject: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) openedAt: Date;
  @ApiProperty({ format: 'date-time', description: 'The end of the due working day, London time' }) dueAt: Date;
  @ApiProperty() enhanced: boolean;
  @ApiProperty({ enum: ['open', 'met', 'met_late', 'breached', 'withdrawn'], description: 'As at now: an open duty past due is breached' }) status: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) metAt: Date | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Working days late when met late (0 when on time); so far, when breached' }) workingDaysLate: number | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt: Date | null;
}

export class DutiesResponse {
  @ApiProperty({ type: [DutyView] }) items: DutyView[];
  @ApiProperty({ type: [EnhancedBasisView], description: 'Why the victim is enhanced: duties marked enhanced got the shorter timescale for these reasons' }) enhancedBases: EnhancedBasisView[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'The victim’s choice of a named person to be told through; owners must honour it' })
  informationVia: string | null;
  @ApiProperty({ type: [String] }) optedOutOf: string[];
}
