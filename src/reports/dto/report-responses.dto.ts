import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { OFFENCE_CATEGORIES, RULE_IDS } from '../../../libs/victims-code/src/index.js';
import { EFFECTIVENESS_REASON_CODES } from '../../court/trial-effectiveness.js';
import { JOURNEY_ROLES } from '../../journeys/journey-vocabulary.js';
import type { ShownCount } from '../disclosure/figure-table.js';

/** A count as shown: perturbed by the cell key method (1 to 4 shown as 0, no count shown as 1 to 4; others by at most 2, a 5 sometimes as 0), see `disclosure`. */
const COUNT: ApiPropertyOptions = { type: 'integer', minimum: 0, description: 'Protected by the cell key method (see disclosure)' };

const DERIVED: ApiPropertyOptions = { type: Number, nullable: true, description: 'Computed from protected counts; null when its protected base is below disclosure.minimumBase' };

export class AppliedFilters {
  @ApiPropertyOptional({ format: 'date' }) from?: string;
  @ApiPropertyOptional({ format: 'date' }) to?: string;
  @ApiPropertyOptional({ enum: ['month', 'quarter'] }) groupBy?: string;
  @ApiProperty({ type: [String], description: 'The areas counted: the one asked for, or all of yours' }) areaIds: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The journeys’ lead organisation' }) organisationId: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'Compliance and trends only: the organisation owing the duties (the organisations directory)' })
  owingOrganisationId?: string | null;
  @ApiProperty({ type: String, enum: OFFENCE_CATEGORIES, nullable: true }) offenceCategory: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) enhanced: boolean | null;
  @ApiProperty({ type: String, enum: JOURNEY_ROLES, nullable: true }) role: string | null;
  @ApiPropertyOptional({ enum: RULE_IDS, description: 'Breach lists only' }) ruleId?: string;
  @ApiPropertyOptional({ description: 'Breach lists only' }) right?: number;
}

export class DisclosureNoteDto {
  @ApiProperty({ enum: ['cell-key', 'none'], description: 'cell-key: every count perturbed by the cell key method (docs/reports.md); none: exact (never in production)' }) method: string;
  @ApiProperty({ type: String, nullable: true, example: 'vjs-ckm-2', description: 'The perturbation table applied' }) tableVersion: string | null;
  @ApiProperty({ example: 10, description: 'Percentages, means and medians are null when their protected base is below this' }) minimumBase: number;
  @ApiProperty({ example: 'Totals are protected independently; rows may not add up.' }) notice: string;
}

export class ReportHeader {
  @ApiProperty({ example: 'code-compliance' }) report: string;
  @ApiProperty({ format: 'date-time', description: 'The instant the figures describe: owed duties past due by then are breached' }) asOf: Date;
  @ApiProperty({
    enum: ['rollup', 'live'],
    description: 'rollup: the rollups the worker refreshes, as at its last refresh (whole months from the monthly rollups, the days of part months from the daily ones); live: the source tables now, when the rollups are stale',
  })
  source: string;
  @ApiProperty({ type: AppliedFilters }) filters: AppliedFilters;
  @ApiProperty({ type: DisclosureNoteDto }) disclosure: DisclosureNoteDto;
}

/** A block of duty statuses: due and where they stand, with % on time. */
export class ComplianceStatusFigures {
  @ApiProperty({ ...COUNT, description: 'Duties due in the period' }) due: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Met on or before the deadline' }) met: ShownCount;
  @ApiProperty(COUNT) metLate: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Still owed and past the deadline at asOf' }) breached: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Still owed, not yet due' }) open: ShownCount;
  @ApiProperty(COUNT) withdrawn: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'met / (met + metLate + breached), %' }) onTimePercent: number | null;
}

export class ComplianceFigures extends ComplianceStatusFigures {
  @ApiProperty({ ...DERIVED, description: 'Of the late duties (met late, and breached so far), nearest rank' }) medianWorkingDaysLate: number | null;
  @ApiProperty(DERIVED) p90WorkingDaysLate: number | null;
}

export class ComplianceRuleRow extends ComplianceFigures {
  @ApiProperty({ enum: RULE_IDS }) ruleId: string;
  @ApiProperty() title: string;
  @ApiProperty({ minimum: 1, maximum: 12 }) right: number;
  @ApiProperty({ example: 'victim_care_service' }) owner: string;
}

export class ComplianceRightRow extends ComplianceFigures {
  @ApiProperty({ minimum: 1, maximum: 12 }) right: number;
}

export class ComplianceOrganisationRuleRow extends ComplianceStatusFigures {
  @ApiProperty({ enum: RULE_IDS }) ruleId: string;
  @ApiProperty() title: string;
  @ApiProperty({ minimum: 1, maximum: 12 }) right: number;
  @ApiProperty({ example: 'police', description: 'The owner kind the duties were owed as (a complaint’s: the organisation complained about)' }) owner: string;
}

export class ComplianceOrganisationRow extends ComplianceStatusFigures {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The owing organisation; null for the duties whose area and owner kind the directory does not name' })
  organisationId: string | null;
  @ApiProperty({ example: 'Cleveland Police', description: `The organisation’s name, or "Not named in the directory"` }) organisationName: string;
  @ApiProperty({ type: String, nullable: true, example: 'police_force' }) organisationKind: string | null;
  @ApiProperty({ type: [String], example: ['police'], description: 'The owner kinds of its duties here' }) owners: string[];
  @ApiPropertyOptional({ type: () => [ComplianceOrganisationRuleRow], description: 'The whole period only: its duties by rule' })
  rules?: ComplianceOrganisationRuleRow[];
}

export class CompliancePeriod {
  @ApiProperty({ example: '2026-04', description: '`YYYY-MM`, `YYYY-YY Qn` (financial year), or `all` for the whole period' }) label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: [ComplianceRuleRow] }) rules: ComplianceRuleRow[];
  @ApiProperty({ type: [ComplianceRightRow] }) rights: ComplianceRightRow[];
  @ApiProperty({ type: ComplianceFigures }) total: ComplianceFigures;
  @ApiProperty({
    type: [ComplianceOrganisationRow],
    description: 'By owing organisation: each duty’s (area, owner kind) resolved through the organisations directory, by name; then the duties it does not name (organisationId null). Every duty is in exactly one row',
  })
  organisations: ComplianceOrganisationRow[];
}

export class ComplianceReport extends ReportHeader {
  @ApiProperty({ type: [CompliancePeriod] }) periods: CompliancePeriod[];
  @ApiProperty({ type: CompliancePeriod }) whole: CompliancePeriod;
}

export class DutyTimeliness {
  @ApiProperty(COUNT) due: ShownCount;
  @ApiProperty(COUNT) met: ShownCount;
  @ApiProperty(COUNT) metLate: ShownCount;
  @ApiProperty(COUNT) breached: ShownCount;
  @ApiProperty(COUNT) open: ShownCount;
  @ApiProperty(COUNT) withdrawn: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'met / (met + metLate + breached), %' }) onTimePercent: number | null;
}

/** Journeys referred with enhanced rights, by the basis that gives them (a victim may have several, so these need not add up). */
export class EnhancedBasisCounts {
  @ApiProperty({ ...COUNT, description: 'The crime is one of the most serious (Code, enhanced rights)' }) most_serious_crime: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Persistently targeted' }) persistently_targeted: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Vulnerable: under 18 at the offence, or a mental disorder, learning disability or physical disability' }) vulnerable: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Intimidated' }) intimidated: ShownCount;
}

export class ReferralPeriod {
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ ...COUNT, description: 'Journeys referred in the period' }) referrals: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, reached so far' }) contacted: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, unable to contact (attempts policy exhausted)' }) unableToContact: ShownCount;
  @ApiProperty(DERIVED) unableToContactPercent: number | null;
  @ApiProperty({ ...COUNT, description: 'Of those, began support so far' }) supportStarted: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, entitled to enhanced rights (as the journey holds them now)' }) enhanced: ShownCount;
  @ApiProperty({ type: EnhancedBasisCounts, description: 'The enhanced, by basis: why each victim is enhanced (several bases may apply to one victim)' }) enhancedByBasis: EnhancedBasisCounts;
  @ApiProperty({ type: DutyTimeliness, description: 'police.refer-to-support: the police referred within the Code’s 2 working days' }) policeReferral: DutyTimeliness;
  @ApiProperty({ type: DutyTimeliness, description: 'support.first-contact: the local standard' }) firstContact: DutyTimeliness;
  @ApiProperty({ type: DutyTimeliness, description: 'support.needs-assessment: the local standard, for those who accepted support' }) needsAssessment: DutyTimeliness;
}

export class ReferralTimelinessReport extends ReportHeader {
  @ApiProperty({ type: [ReferralPeriod] }) periods: ReferralPeriod[];
  @ApiProperty({ type: ReferralPeriod }) whole: ReferralPeriod;
}

export class ClosureReasonCounts {
  @ApiProperty(COUNT) support_completed: ShownCount;
  @ApiProperty(COUNT) declined: ShownCount;
  @ApiProperty(COUNT) unable_to_contact: ShownCount;
  @ApiProperty(COUNT) moved_area: ShownCount;
  @ApiProperty(COUNT) deceased: ShownCount;
  @ApiProperty(COUNT) other: ShownCount;
}

export class MissingEndScore {
  @ApiProperty(COUNT) count: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'Of the closed journeys with a start score, %' }) percent: number | null;
}

export class MissingEndScores {
  @ApiProperty({ type: MissingEndScore }) declined: MissingEndScore;
  @ApiProperty({ type: MissingEndScore }) unable_to_contact: MissingEndScore;
  @ApiProperty({ type: MissingEndScore }) deceased: MissingEndScore;
  @ApiProperty({ type: MissingEndScore }) moved_area: MissingEndScore;
  @ApiProperty({ type: MissingEndScore, description: 'Neither an end score nor a reason was recorded' }) not_recorded: MissingEndScore;
}

export class DomainOutcome {
  @ApiProperty({ example: 'cr-1' }) frameworkVersion: string;
  @ApiProperty({ example: 'safety' }) domain: string;
  @ApiProperty(COUNT) compared: ShownCount;
  @ApiProperty({ ...COUNT, description: 'End score at least 1 above the start score' }) improved: ShownCount;
  @ApiProperty(DERIVED) improvedPercent: number | null;
  @ApiProperty(DERIVED) meanChange: number | null;
}

export class SatisfactionFigures {
  @ApiProperty(COUNT) answered: ShownCount;
  @ApiProperty(COUNT) declined: ShownCount;
  @ApiProperty(COUNT) notRecorded: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'Mean of the scores given, 0-10' }) meanScore: number | null;
}

export class OutcomePeriod {
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ ...COUNT, description: 'Journeys closed in the period' }) closed: ShownCount;
  @ApiProperty({ type: ClosureReasonCounts }) closureReasons: ClosureReasonCounts;
  @ApiProperty({ ...COUNT, description: 'Closed with a start score (support began)' }) withStartScore: ShownCount;
  @ApiProperty(COUNT) withoutStartScore: ShownCount;
  @ApiProperty({ ...COUNT, description: 'With both start and end scores' }) compared: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Better able to cope and recover (libs/cope-recover)' }) improved: ShownCount;
  @ApiProperty(DERIVED) improvedPercent: number | null;
  @ApiProperty({ ...DERIVED, description: 'Mean of the overall change (sum of the domain changes)' }) meanChange: number | null;
  @ApiProperty({ type: MissingEndScores, description: 'Closed with a start score and no end score, by the reason recorded' }) endScoreMissing: MissingEndScores;
  @ApiProperty({ type: [DomainOutcome] }) domains: DomainOutcome[];
  @ApiProperty({ type: SatisfactionFigures }) satisfaction: SatisfactionFigures;
}

export class OutcomesReport extends ReportHeader {
  @ApiProperty({ type: [OutcomePeriod] }) periods: OutcomePeriod[];
  @ApiProperty({ type: OutcomePeriod }) whole: OutcomePeriod;
}

export class QuarterlyReturnReport extends ReportHeader {
  @ApiProperty({ example: 'vjs-quarterly-return-2', description: 'The column layout (docs/reports.md); a new layout adds columns at the end' }) layout: string;
  @ApiProperty({ type: [String], description: 'The columns, in order' }) columns: string[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true } },
    description: 'One row per area, keyed by column',
  })
  rows: Array<Record<string, string | number | null>>;
}

export class BreachItem {
  @ApiProperty({ example: 'VJ-2026-000123' }) journeyReference: string;
  @ApiProperty({ example: 'P-3f9c2a1b7d4e8f60', description: 'The same for every journey of one person, and meaningless outside this service' }) personPseudonym: string;
  @ApiProperty({ enum: RULE_IDS }) ruleId: string;
  @ApiProperty({ minimum: 1, maximum: 12 }) right: number;
  @ApiProperty() owner: string;
  @ApiProperty({ format: 'date-time' }) dueAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was met (late); null while still owed' }) metAt: Date | null;
  @ApiProperty({ enum: ['breached', 'met_late'] }) status: string;
  @ApiProperty({ description: 'Working days late: at discharge, or so far' }) workingDaysLate: number;
}

export class BreachList {
  @ApiProperty({ example: 'code-compliance-breaches' }) report: string;
  @ApiProperty({ format: 'date-time' }) asOf: Date;
  @ApiProperty({ type: AppliedFilters }) filters: AppliedFilters;
  @ApiProperty({ type: [BreachItem] }) items: BreachItem[];
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}

// The witness and trial report

export class TrialReasonCount {
  @ApiProperty({ enum: EFFECTIVENESS_REASON_CODES }) reason: string;
  @ApiProperty({ description: 'A witness issue (src/court/trial-effectiveness.ts WITNESS_ISSUE_REASONS)' }) witnessIssue: boolean;
  @ApiProperty(COUNT) count: ShownCount;
}

export class TrialWitnessIssues {
  @ApiProperty({ ...COUNT, description: 'Cracked or ineffective trials whose reason is a witness issue' }) total: ShownCount;
  @ApiProperty(COUNT) cracked: ShownCount;
  @ApiProperty(COUNT) ineffective: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'total / trials, %' }) percent: number | null;
}

export class TrialFigures {
  @ApiProperty({ ...COUNT, description: 'Trials heard in the period with an effectiveness recorded' }) total: ShownCount;
  @ApiProperty(COUNT) effective: ShownCount;
  @ApiProperty(COUNT) cracked: ShownCount;
  @ApiProperty(COUNT) ineffective: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'effective / total, %' }) effectivePercent: number | null;
  @ApiProperty({ ...DERIVED, description: 'cracked / total, %' }) crackedPercent: number | null;
  @ApiProperty({ ...DERIVED, description: 'ineffective / total, %' }) ineffectivePercent: number | null;
  @ApiProperty({ type: [TrialReasonCount], description: 'Every reason that can explain a cracked trial' }) crackedReasons: TrialReasonCount[];
  @ApiProperty({ type: [TrialReasonCount], description: 'Every reason that can explain an ineffective trial' }) ineffectiveReasons: TrialReasonCount[];
  @ApiProperty({ type: TrialWitnessIssues }) witnessIssues: TrialWitnessIssues;
}

export class ReasonCount {
  @ApiProperty() reason: string;
  @ApiProperty(COUNT) count: ShownCount;
}

export class WarnedSplit {
  @ApiProperty({ ...COUNT, description: 'Warned for the hearing’s final listing version' }) warned: ShownCount;
  @ApiProperty(COUNT) notWarned: ShownCount;
}

export class AttendanceFigures {
  @ApiProperty({ ...COUNT, description: 'Attendance recorded for a witness at a hearing heard in the period' }) recorded: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Attended or failed to attend: the witnesses expected at court' }) expected: ShownCount;
  @ApiProperty(COUNT) attended: ShownCount;
  @ApiProperty(COUNT) failedToAttend: ShownCount;
  @ApiProperty({ type: [ReasonCount], description: 'Failed to attend, by reason' }) failedReasons: ReasonCount[];
  @ApiProperty(COUNT) excused: ShownCount;
  @ApiProperty(COUNT) notRequired: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'attended / expected, %' }) attendedPercent: number | null;
  @ApiProperty({ ...COUNT, description: 'Of those expected, warned for the hearing as it went ahead' }) warned: ShownCount;
  @ApiProperty(COUNT) notWarned: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'warned / expected, %' }) warnedPercent: number | null;
  @ApiProperty({ type: WarnedSplit, description: 'Of those who attended' }) attendedWarning: WarnedSplit;
  @ApiProperty({ type: WarnedSplit, description: 'Of those who failed to attend' }) failedWarning: WarnedSplit;
}

export class SpecialMeasureCount {
  @ApiProperty({ example: 'screens' }) measure: string;
  @ApiProperty(COUNT) requested: ShownCount;
  @ApiProperty(COUNT) granted: ShownCount;
}

export class SpecialMeasureFigures {
  @ApiProperty({ ...COUNT, description: 'Special measures requested in the period' }) requested: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, granted by the court' }) granted: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, refused' }) refused: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, not yet decided (requested or applied for)' }) outstanding: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'granted / (granted + refused), %' }) grantedPercent: number | null;
  @ApiProperty({ type: [ReasonCount], description: 'Refused, by reason' }) refusalReasons: ReasonCount[];
  @ApiProperty({ type: [SpecialMeasureCount] }) measures: SpecialMeasureCount[];
}

export class PreTrialVisitFigures {
  @ApiProperty({ ...COUNT, description: 'Witness care cases whose pre-trial visit was offered in the period' }) offered: ShownCount;
  @ApiProperty(COUNT) taken: ShownCount;
  @ApiProperty(COUNT) declined: ShownCount;
  @ApiProperty(COUNT) noAnswerYet: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'taken / offered, %' }) takenPercent: number | null;
}

export class WitnessTrialPeriod {
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: TrialFigures }) trials: TrialFigures;
  @ApiProperty({ type: DutyTimeliness, description: 'wcu.inform-hearing: witnesses told of each hearing version (Code right 8), duties due in the period' }) witnessesInformed: DutyTimeliness;
  @ApiProperty({ type: DutyTimeliness, description: 'wcu.needs-assessment: the witness needs assessment, duties due in the period' }) witnessNeedsAssessment: DutyTimeliness;
  @ApiProperty({ type: AttendanceFigures }) attendance: AttendanceFigures;
  @ApiProperty({ type: SpecialMeasureFigures }) specialMeasures: SpecialMeasureFigures;
  @ApiProperty({ type: PreTrialVisitFigures }) preTrialVisits: PreTrialVisitFigures;
}

export class WitnessTrialReport extends ReportHeader {
  @ApiProperty({ type: [WitnessTrialPeriod] }) periods: WitnessTrialPeriod[];
  @ApiProperty({ type: WitnessTrialPeriod }) whole: WitnessTrialPeriod;
}

// The rights offered report

export class RjOutcomeCounts {
  @ApiProperty({ ...COUNT, description: 'The victim took part: direct_conference + indirect_shuttle + letter' }) tookPart: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Met the offender' }) direct_conference: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Messages passed by the facilitator' }) indirect_shuttle: ShownCount;
  @ApiProperty(COUNT) letter: ShownCount;
  @ApiProperty(COUNT) not_suitable: ShownCount;
  @ApiProperty(COUNT) offender_declined: ShownCount;
  @ApiProperty(COUNT) victim_withdrew: ShownCount;
  @ApiProperty({ ...COUNT, description: 'No outcome from the service yet' }) pending: ShownCount;
}

export class RightsJourneyFigures {
  @ApiProperty({ ...COUNT, description: 'Journeys closed in the period' }) closed: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, offered a victim personal statement at any time on the journey' }) vpsOffered: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'vpsOffered / closed, %' }) vpsOfferedPercent: number | null;
  @ApiProperty({ ...COUNT, description: 'Of those, who made a statement' }) vpsMade: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'vpsMade / closed, %' }) vpsMadePercent: number | null;
  @ApiProperty({ ...COUNT, description: 'Of the closed journeys, offered restorative justice at any time (the target is every victim)' }) rjOffered: ShownCount;
  @ApiProperty({ ...DERIVED, description: 'rjOffered / closed, %' }) rjOfferedPercent: number | null;
  @ApiProperty({ ...COUNT, description: 'closed - rjOffered: never offered restorative justice' }) rjNotOffered: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those offered, answered an offer with interest' }) rjInterested: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, referred to the restorative justice service' }) rjReferred: ShownCount;
  @ApiProperty({ type: RjOutcomeCounts, description: 'The referred, by the outcome of their latest referral (add up to rjReferred)' }) rjOutcomes: RjOutcomeCounts;
}

export class RightsOfferDuties {
  @ApiProperty({ type: DutyTimeliness, description: 'support.vps-offer: the police offer a statement after a charge' }) vpsOffer: DutyTimeliness;
  @ApiProperty({ type: DutyTimeliness, description: 'support.rj-offer: the victim care service tells the victim about restorative justice once support is accepted' }) rjOffer: DutyTimeliness;
}

export class VcsBasisCounts {
  @ApiProperty(COUNT) eligible_victim: ShownCount;
  @ApiProperty(COUNT) bereaved_relative: ShownCount;
  @ApiProperty(COUNT) discretionary: ShownCount;
}

export class VcsChoiceCounts {
  @ApiProperty(COUNT) joined: ShownCount;
  @ApiProperty(COUNT) declined: ShownCount;
  @ApiProperty(COUNT) undecided: ShownCount;
}

export class VictimContactSchemeFigures {
  @ApiProperty({ ...COUNT, description: 'Referrals to the Victim Contact Scheme made in the period' }) referrals: ShownCount;
  @ApiProperty({ type: VcsBasisCounts, description: 'By basis (add up to referrals)' }) basis: VcsBasisCounts;
  @ApiProperty({ ...COUNT, description: 'Of those, reached by a victim liaison officer so far' }) contacted: ShownCount;
  @ApiProperty({ type: VcsChoiceCounts, description: 'What the victims reached chose (add up to contacted)' }) victimChoice: VcsChoiceCounts;
  @ApiProperty({ ...COUNT, description: 'Not reached yet' }) notContacted: ShownCount;
  @ApiProperty({ type: DutyTimeliness, description: 'wcu.refer-to-vcs due in the period' }) referralDuty: DutyTimeliness;
  @ApiProperty({ type: DutyTimeliness, description: 'probation.vcs-contact due in the period' }) contactDuty: DutyTimeliness;
}

export class RjReferralFigures {
  @ApiProperty({ ...COUNT, description: 'Referrals to the restorative justice service made in the period' }) referrals: ShownCount;
  @ApiProperty({ type: RjOutcomeCounts, description: 'By their outcome so far (add up to referrals)' }) outcomes: RjOutcomeCounts;
}

export class ComplaintAgainstCounts {
  @ApiProperty(COUNT) police: ShownCount;
  @ApiProperty(COUNT) victim_care_service: ShownCount;
  @ApiProperty(COUNT) witness_care_unit: ShownCount;
  @ApiProperty(COUNT) cps: ShownCount;
  @ApiProperty(COUNT) court: ShownCount;
  @ApiProperty(COUNT) probation: ShownCount;
  @ApiProperty(COUNT) rj_service: ShownCount;
}

export class ComplaintFindingCounts {
  @ApiProperty(COUNT) upheld: ShownCount;
  @ApiProperty(COUNT) partly_upheld: ShownCount;
  @ApiProperty(COUNT) not_upheld: ShownCount;
}

export class EscalationCounts {
  @ApiProperty({ ...COUNT, description: 'The next stage of the organisation’s own process' }) next_stage: ShownCount;
  @ApiProperty({ ...COUNT, description: 'The Parliamentary and Health Service Ombudsman' }) ombudsman: ShownCount;
}

export class ComplaintFigures {
  @ApiProperty({ ...COUNT, description: 'Complaints received in the period' }) received: ShownCount;
  @ApiProperty({ type: ComplaintAgainstCounts, description: 'By the organisation complained about (add up to received)' }) against: ComplaintAgainstCounts;
  @ApiProperty({ ...COUNT, description: 'Of those, acknowledged so far' }) acknowledged: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Of those, responded to so far' }) responded: ShownCount;
  @ApiProperty({ type: ComplaintFindingCounts, description: 'The responded, by finding (add up to responded)' }) findings: ComplaintFindingCounts;
  @ApiProperty({ ...COUNT, description: 'Of those received, escalated so far' }) escalated: ShownCount;
  @ApiProperty({ type: EscalationCounts, description: 'The escalated, by their latest stage (add up to escalated)' }) escalatedTo: EscalationCounts;
  @ApiProperty({ ...COUNT, description: 'Escalated with no response recorded (the response was overdue)' }) escalatedWithoutResponse: ShownCount;
  @ApiProperty({ ...COUNT, description: 'Received or acknowledged, neither responded to nor escalated: received = stillOpen + responded + escalatedWithoutResponse' }) stillOpen: ShownCount;
  @ApiProperty({ type: DutyTimeliness, description: 'complaint.acknowledge due in the period' }) acknowledgeDuty: DutyTimeliness;
  @ApiProperty({ type: DutyTimeliness, description: 'complaint.respond due in the period' }) respondDuty: DutyTimeliness;
}

export class RightsOfferedPeriod {
  @ApiProperty() label: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty({ format: 'date' }) to: string;
  @ApiProperty({ type: RightsJourneyFigures, description: 'The journeys closed in the period, and what they were offered over their whole course' }) journeys: RightsJourneyFigures;
  @ApiProperty({ type: RightsOfferDuties, description: 'The offer duties due in the period' }) offerDuties: RightsOfferDuties;
  @ApiProperty({ type: VictimContactSchemeFigures }) victimContactScheme: VictimContactSchemeFigures;
  @ApiProperty({ type: RjReferralFigures }) rjReferrals: RjReferralFigures;
  @ApiProperty({ type: ComplaintFigures }) complaints: ComplaintFigures;
}

export class RightsOfferedReport extends ReportHeader {
  @ApiProperty({ type: [RightsOfferedPeriod] }) periods: RightsOfferedPeriod[];
  @ApiProperty({ type: RightsOfferedPeriod }) whole: RightsOfferedPeriod;
}
