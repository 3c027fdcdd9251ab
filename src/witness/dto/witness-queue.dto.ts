import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../app/pagination.js';
import { HEARING_TYPES, type HearingType } from '../../court/court-vocabulary.js';
import { NON_ATTENDANCE_REASONS, SPECIAL_MEASURE_STATUSES, SPECIAL_MEASURES, type NonAttendanceReason, type SpecialMeasure, type SpecialMeasureStatus } from '../witness-vocabulary.js';

export const WITNESS_QUEUE_SECTIONS = ['hearings', 'not_informed', 'follow_ups', 'uls_windows'] as const;
export type WitnessQueueSection = (typeof WITNESS_QUEUE_SECTIONS)[number];

// Query strings are text: only the words true and false mean a boolean.
const booleanWord = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class WitnessQueueCountsQuery {
  @ApiPropertyOptional({ type: Boolean, default: true, description: 'true: witnesses whose case you lead; false: every witness in your areas' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  mine: boolean = true;
}

export class WitnessQueueQuery extends PageQuery {
  @ApiPropertyOptional({ type: Boolean, default: true, description: 'true: witnesses whose case you lead; false: every witness in your areas' })
  @IsOptional()
  @Transform(booleanWord)
  @IsBoolean()
  mine: boolean = true;

  @ApiPropertyOptional({
    enum: WITNESS_QUEUE_SECTIONS,
    default: 'hearings',
    description:
      'hearings: in the next 10 working days, soonest first; not_informed: open duties to tell a witness of a listing, due first; ' +
      'follow_ups: unresolved failures to attend, by hearing date; uls_windows: victims not yet told of a sentence whose Unduly ' +
      'Lenient Sentence window (28 calendar days, never extended) is still open, closing soonest first',
  })
  @IsOptional()
  @IsIn(WITNESS_QUEUE_SECTIONS)
  section: WitnessQueueSection = 'hearings';
}

export class WitnessQueueCounts {
  @ApiProperty({ description: 'Witness places at hearings in the next 10 working days' }) hearings: number;
  @ApiProperty({ description: 'Of those, not warned for the hearing’s current listing' }) notWarned: number;
  @ApiProperty({ description: 'Open duties to tell a witness of a listing' }) notInformed: number;
  @ApiProperty({ description: 'Of those, past due' }) notInformedOverdue: number;
  @ApiProperty({ description: 'Unresolved failed-to-attend follow-ups' }) followUps: number;
  @ApiProperty({ description: 'Victims not yet told of a sentence whose ULS window is open' }) ulsWindows: number;
  @ApiProperty({ description: 'Of those, past the moment to remind (2 working days before the window closes)' }) ulsWindowsClosingSoon: number;
}

export class WitnessQueueJourney {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ example: 'Ann Example' }) personName: string;
  @ApiProperty() enhanced: boolean;
}

export class WitnessQueueHearing {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: HEARING_TYPES, nullable: true, type: String }) type: HearingType | null;
  @ApiProperty({ nullable: true, type: String }) courtName: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) listedFor: Date | null;
  @ApiProperty({ description: 'The listing version the item is about' }) listingVersion: number;
}

export class OutstandingSpecialMeasure {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: SPECIAL_MEASURES }) measure: SpecialMeasure;
  @ApiProperty({ enum: SPECIAL_MEASURE_STATUSES }) status: SpecialMeasureStatus;
}

export class WitnessQueueDuty {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'wcu.inform-hearing' }) ruleId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: Date;
  @ApiProperty({ enum: ['open', 'breached'], description: 'As at now' }) status: string;
}

export class WitnessQueueFollowUp {
  @ApiProperty({ format: 'uuid', description: 'The attendance row; resolve with its ETag' }) attendanceId: string;
  @ApiProperty({ enum: NON_ATTENDANCE_REASONS }) reason: NonAttendanceReason;
  @ApiProperty() version: number;
}

export class WitnessQueueUlsWindow {
  @ApiProperty({ format: 'uuid', description: 'The court outcome whose sentence opened the window' }) outcomeId: string;
  @ApiProperty({ format: 'date-time' }) sentencedAt: Date;
  @ApiProperty({ format: 'date-time', description: '23:59:59.999 London on the 28th calendar day after sentence' }) closesAt: Date;
  @ApiProperty({ format: 'date-time', description: '08:00 London, 2 working days before it closes: the unit is reminded from then' }) remindAt: Date;
}

export class WitnessQueueItem {
  @ApiProperty({ enum: WITNESS_QUEUE_SECTIONS }) section: WitnessQueueSection;
  @ApiProperty({ type: WitnessQueueJourney }) journey: WitnessQueueJourney;
  @ApiPropertyOptional({ type: WitnessQueueHearing, description: 'Every section but uls_windows' }) hearing?: WitnessQueueHearing;
  @ApiPropertyOptional({ description: 'hearings: warned for the hearing’s current listing version' }) warned?: boolean;
  @ApiPropertyOptional({ type: [OutstandingSpecialMeasure], description: 'hearings: requested or applied for, not yet decided' })
  outstandingSpecialMeasures?: OutstandingSpecialMeasure[];
  @ApiPropertyOptional({ type: [OutstandingSpecialMeasure], description: 'hearings: every special measure for this hearing (or any hearing), with its status' })
  specialMeasures?: OutstandingSpecialMeasure[];
  @ApiPropertyOptional({
    enum: ['told', 'not_told', 'not_owed'],
    description: 'hearings: whether the witness was told of the hearing’s current listing (the wcu.inform-hearing duty met), not yet told, or owed no news (opted out, or withdrawn)',
  })
  informed?: 'told' | 'not_told' | 'not_owed';
  @ApiPropertyOptional({ type: [String], description: 'hearings: interpreters booked for this hearing (ISO 639 codes)' }) interpreterLanguages?: string[];
  @ApiPropertyOptional({ nullable: true, type: String, description: 'hearings: the pre-trial visit (offered, taken, declined), or null' }) preTrialVisit?: string | null;
  @ApiPropertyOptional({ type: WitnessQueueDuty, description: 'not_informed' }) duty?: WitnessQueueDuty;
  @ApiPropertyOptional({ type: WitnessQueueFollowUp, description: 'follow_ups' }) followUp?: WitnessQueueFollowUp;
  @ApiPropertyOptional({ type: WitnessQueueUlsWindow, description: 'uls_windows' }) ulsWindow?: WitnessQueueUlsWindow;
}

export class WitnessQueueResponse {
  @ApiProperty({ enum: WITNESS_QUEUE_SECTIONS }) section: WitnessQueueSection;
  @ApiProperty({ type: [WitnessQueueItem] }) items: WitnessQueueItem[];
  @ApiProperty({ description: 'Items in the section' }) total: number;
  @ApiProperty({ type: WitnessQueueCounts }) counts: WitnessQueueCounts;
  @ApiProperty({ format: 'date-time', description: 'The end of the 10th London working day from today: the hearings section’s horizon' }) horizon: Date;
}
