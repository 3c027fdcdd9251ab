import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../app/pagination.js';
import { JOURNEY_STAGES, type JourneyStage } from '../../journeys/journey-vocabulary.js';

export const WORK_QUEUE_VIEWS = ['mine', 'team'] as const;
export type WorkQueueView = (typeof WORK_QUEUE_VIEWS)[number];

export const WORK_ITEM_KINDS = ['new_referral', 'duty_due_today', 'duty_overdue', 'action_due'] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

export const WORK_QUEUE_SORTS = ['due', 'referred', 'reference'] as const;
export type WorkQueueSort = (typeof WORK_QUEUE_SORTS)[number];

export class WorkQueueCountsQuery {
  @ApiPropertyOptional({ enum: WORK_QUEUE_VIEWS, default: 'mine', description: 'mine: journeys you lead and actions you own; team: your organisation’s and unallocated journeys in your areas' })
  @IsOptional()
  @IsIn(WORK_QUEUE_VIEWS)
  view: WorkQueueView = 'mine';
}

export class WorkQueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: WORK_QUEUE_VIEWS, default: 'mine' })
  @IsOptional()
  @IsIn(WORK_QUEUE_VIEWS)
  view: WorkQueueView = 'mine';

  @ApiPropertyOptional({ enum: WORK_ITEM_KINDS })
  @IsOptional()
  @IsIn(WORK_ITEM_KINDS)
  kind?: WorkItemKind;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  areaId?: string;

  @ApiPropertyOptional({ enum: JOURNEY_STAGES })
  @IsOptional()
  @IsIn(JOURNEY_STAGES)
  stage?: JourneyStage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  leadWorkerId?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'Only journeys with (true) or without (false) enhanced rights' })
  @IsOptional()
  // Query strings are text: only the words true and false mean a boolean.
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  enhanced?: boolean;

  @ApiPropertyOptional({ enum: WORK_QUEUE_SORTS, default: 'due', description: 'due: soonest due first; referred: waiting longest first; reference' })
  @IsOptional()
  @IsIn(WORK_QUEUE_SORTS)
  sort: WorkQueueSort = 'due';
}

export class WorkItemWorker {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

export class WorkItemJourney {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: JOURNEY_STAGES }) stage: string;
  @ApiProperty() enhanced: boolean;
  @ApiProperty({ example: 'Ann Example' }) personName: string;
  @ApiProperty({ type: WorkItemWorker, nullable: true }) leadWorker: WorkItemWorker | null;
}

export class WorkItemDuty {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'support.first-contact' }) ruleId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: Date;
  @ApiProperty({ enum: ['open', 'breached'], description: 'As at now' }) status: string;
}

export class WorkItemAction {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'date' }) dueOn: string;
}

export class WorkItem {
  @ApiProperty({ enum: WORK_ITEM_KINDS }) kind: WorkItemKind;
  @ApiProperty({ type: WorkItemJourney }) journey: WorkItemJourney;
  @ApiPropertyOptional({ type: WorkItemDuty }) duty?: WorkItemDuty;
  @ApiPropertyOptional({ type: WorkItemAction }) action?: WorkItemAction;
  @ApiProperty({ format: 'date-time', description: 'When it falls due: the duty’s deadline, the end of the action’s due day, or first contact’s deadline for a new referral' })
  dueAt: Date;
}

export class WorkQueueResponse {
  @ApiProperty({ type: [WorkItem] }) items: WorkItem[];
  @ApiProperty() total: number;
}

export class WorkQueueCounts {
  @ApiProperty() newReferrals: number;
  @ApiProperty() dutiesDueToday: number;
  @ApiProperty() dutiesOverdue: number;
  @ApiProperty() actionsDue: number;
}
