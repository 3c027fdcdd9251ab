import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VictimWindowView } from '../../journeys/dto/journey.dto.js';
import {
  ADJOURNMENT_REASONS,
  APPEAL_GROUNDS,
  APPEAL_RESULTS,
  APPEAL_STAGES,
  APPELLANTS,
  BAIL_DECISION_KINDS,
  COURT_KINDS,
  DISPOSALS,
  HEARING_STATUSES,
  HEARING_TYPES,
  INFORMED_SUBJECTS,
  INFORMING_METHODS,
  LISTING_CHANGES,
  OUTCOME_STAGES,
  PLEAS,
  VACATION_REASONS,
  VERDICTS,
} from '../court-vocabulary.js';
import { EFFECTIVENESS_REASON_CODES, TRIAL_EFFECTIVENESS } from '../trial-effectiveness.js';

export class CourtView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ example: 'teesside-crown' }) code: string;
  @ApiProperty({ example: 'Teesside Crown Court' }) name: string;
  @ApiProperty({ enum: COURT_KINDS }) kind: string;
}

export class CourtsResponse {
  @ApiProperty({ type: [CourtView] }) items: CourtView[];
}

export class DefendantRef {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'DEF-000123', description: 'Pseudonymous id; defendants’ names are on the crime' }) reference: string;
}

export class HearingDefendantView extends DefendantRef {
  @ApiProperty({ enum: PLEAS, nullable: true, type: String, description: 'The plea entered at this hearing, if any' }) plea: string | null;
}

export class HearingListingView {
  @ApiProperty({ description: 'The hearing version this change made' }) listingVersion: number;
  @ApiProperty({ enum: LISTING_CHANGES }) change: string;
  @ApiProperty({ enum: HEARING_STATUSES }) status: string;
  @ApiProperty({ format: 'uuid' }) courtId: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'None when adjourned without a new date, or vacated' }) listedFor: Date | null;
  @ApiProperty({ type: String, nullable: true, description: 'The adjournment or vacation reason code' }) reason: string | null;
  @ApiProperty({ format: 'date-time' }) occurredAt: Date;
}

export class InformedView {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Hearings: the version the victim or witness was told of' }) hearingVersion: number | null;
  @ApiPropertyOptional({ type: String, nullable: true, enum: [...OUTCOME_STAGES, ...APPEAL_STAGES], description: 'Outcomes and appeals: the step told of' })
  stage: string | null;
  @ApiProperty({ format: 'date-time' }) informedAt: Date;
  @ApiProperty({ enum: INFORMING_METHODS }) method: string;
}

export class InformDutyView {
  @ApiProperty({ example: 'wcu.inform-hearing' }) ruleId: string;
  @ApiProperty({ example: 'wcu.inform-hearing|hearing:…@v2' }) key: string;
  @ApiProperty({ enum: ['open', 'met', 'met_late', 'breached', 'withdrawn'], description: 'As at now: an owed duty past due is breached' }) status: string;
  @ApiProperty({ format: 'date-time' }) dueAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) metAt: Date | null;
  @ApiProperty() enhanced: boolean;
}

/** One victim's or witness's journey on the crime, and what they were told of a court record. */
export class JourneyInformedView {
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ example: 'VJ-2026-000123' }) reference: string;
  @ApiProperty({ enum: ['victim', 'witness'] }) role: string;
  @ApiProperty({ type: [InformedView] }) informed: InformedView[];
  @ApiProperty({ type: [InformDutyView], description: 'The inform duties this record opened on the journey' }) duties: InformDutyView[];
}

export class HearingJourneyView extends JourneyInformedView {
  @ApiProperty({ description: 'Told of the hearing’s current version (date, time and place as they stand)' }) toldOfCurrentVersion: boolean;
}

export class HearingResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) areaId: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ enum: HEARING_TYPES }) type: string;
  @ApiProperty({ enum: HEARING_STATUSES }) status: string;
  @ApiProperty({ type: CourtView }) court: CourtView;
  @ApiProperty({ format: 'date-time' }) listedFor: Date;
  @ApiProperty({ description: 'The Code’s hearing version: up by one with each listing, move, adjournment or vacation' }) listingVersion: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) adjournedAt: Date | null;
  @ApiProperty({ type: String, enum: ADJOURNMENT_REASONS, nullable: true }) adjournmentReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) vacatedAt: Date | null;
  @ApiProperty({ type: String, enum: VACATION_REASONS, nullable: true }) vacationReason: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) heardAt: Date | null;
  @ApiProperty({ type: String, enum: TRIAL_EFFECTIVENESS, nullable: true, description: 'Trials only' }) effectiveness: string | null;
  @ApiProperty({ type: String, enum: EFFECTIVENESS_REASON_CODES, nullable: true }) effectivenessReason: string | null;
  @ApiProperty({ type: [HearingDefendantView] }) defendants: HearingDefendantView[];
  @ApiProperty({ type: [HearingListingView], description: 'Every version, oldest first' }) listings: HearingListingView[];
  @ApiProperty({ type: [HearingJourneyView], description: 'Every journey on the crime, and whether each was told' }) journeys: HearingJourneyView[];
  @ApiProperty({ description: 'The row version; send it as If-Match to change the hearing' }) version: number;
}

export class HearingsResponse {
  @ApiProperty({ type: [HearingResponse] }) items: HearingResponse[];
}

export class BailDecisionResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ type: DefendantRef }) defendant: DefendantRef;
  @ApiProperty({ enum: BAIL_DECISION_KINDS }) kind: string;
  @ApiProperty({ format: 'date-time' }) decidedAt: Date;
  @ApiProperty({ type: [JourneyInformedView] }) journeys: JourneyInformedView[];
}

export class BailDecisionsResponse {
  @ApiProperty({ type: [BailDecisionResponse] }) items: BailDecisionResponse[];
}

export class SentenceView {
  @ApiProperty({ format: 'date-time' }) sentencedAt: Date;
  @ApiProperty({ enum: DISPOSALS }) disposal: string;
  @ApiProperty({ description: 'Months of immediate custody; 0 when not custodial' }) custodialMonths: number;
  @ApiProperty() offenceViolentOrSexual: boolean;
  @ApiProperty({ description: 'Whether the victim is eligible for the Victim Contact Scheme (Code right 11)' }) vcsEligible: boolean;
}

export class AppealHearingView {
  @ApiProperty({ format: 'uuid' }) courtId: string;
  @ApiProperty({ format: 'date-time' }) listedFor: Date;
  @ApiProperty({ format: 'date-time', description: 'When the listing was recorded' }) listedAt: Date;
}

export class AppealDecisionView {
  @ApiProperty({ format: 'date-time' }) decidedAt: Date;
  @ApiProperty({ enum: APPEAL_RESULTS }) result: string;
}

export class AppealResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ format: 'uuid' }) outcomeId: string;
  @ApiProperty({ enum: APPELLANTS }) by: string;
  @ApiProperty({ enum: APPEAL_GROUNDS }) against: string;
  @ApiProperty({ format: 'date-time' }) lodgedAt: Date;
  @ApiProperty({ enum: APPEAL_STAGES, description: 'The latest step the appeal reached' }) stage: string;
  @ApiProperty({ type: AppealHearingView, nullable: true }) hearing: AppealHearingView | null;
  @ApiProperty({ type: AppealDecisionView, nullable: true }) decision: AppealDecisionView | null;
  @ApiProperty({ type: [JourneyInformedView] }) journeys: JourneyInformedView[];
  @ApiProperty({ description: 'The row version; send it as If-Match to change the appeal' }) version: number;
}

export class OutcomeResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) crimeId: string;
  @ApiProperty({ type: DefendantRef }) defendant: DefendantRef;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) hearingId: string | null;
  @ApiProperty({ enum: VERDICTS }) verdict: string;
  @ApiProperty({ format: 'date-time' }) verdictAt: Date;
  @ApiProperty({ type: SentenceView, nullable: true }) sentence: SentenceView | null;
  @ApiProperty({ type: [AppealResponse] }) appeals: AppealResponse[];
  @ApiProperty({ type: [JourneyInformedView] }) journeys: JourneyInformedView[];
  @ApiProperty({ type: [VictimWindowView], description: 'Victim-side windows the outcome opened, open now (the ULS scheme’s 28 days from sentence)' })
  victimWindows: VictimWindowView[];
  @ApiProperty({ description: 'The row version; send it as If-Match to record the sentence' }) version: number;
}

export class OutcomesResponse {
  @ApiProperty({ type: [OutcomeResponse] }) items: OutcomeResponse[];
}

export class InformedResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ enum: INFORMED_SUBJECTS }) subject: string;
  @ApiProperty({ format: 'uuid' }) subjectId: string;
  @ApiProperty({ type: Number, nullable: true }) hearingVersion: number | null;
  @ApiProperty({ type: String, nullable: true, enum: [...OUTCOME_STAGES, ...APPEAL_STAGES] }) stage: string | null;
  @ApiProperty({ format: 'date-time' }) informedAt: Date;
  @ApiProperty({ enum: INFORMING_METHODS }) method: string;
  @ApiProperty({ format: 'uuid', description: 'The victim.informed event on the timeline' }) eventId: string;
  @ApiProperty({ type: InformDutyView, nullable: true, description: 'The duty this met, if it was still owed' }) dutyMet: InformDutyView | null;
}

export class EffectivenessReasonView {
  @ApiProperty({ enum: EFFECTIVENESS_REASON_CODES }) code: string;
  @ApiProperty({ enum: ['cracked', 'ineffective'], isArray: true, description: 'The outcomes this reason explains' }) explains: string[];
  @ApiProperty({ enum: ['prosecution', 'defence', 'court'] }) side: string;
  @ApiProperty({ description: 'Counts as a trial lost to a witness issue in reports' }) witnessIssue: boolean;
}

export class EffectivenessReasonsResponse {
  @ApiProperty({ type: [EffectivenessReasonView] }) items: EffectivenessReasonView[];
}
