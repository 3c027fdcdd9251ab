import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { WorkQueueCounts, WorkQueueCountsQuery, WorkQueueQuery, WorkQueueResponse } from './dto/work-queue.dto.js';
import { WorkQueueService } from './work-queue.service.js';
import { ACCESS_REASON_HEADER } from '../app/openapi-headers.js';

@ApiTags('work-queue')
@ApiBearerAuth()
@Controller('work-queue')
@Roles(...CASE_ROLES)
export class WorkQueueController {
  constructor(private readonly workQueue: WorkQueueService) {}

  @Get()

  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({
    summary: 'What to do next: new referrals, duties due today or overdue, support actions due',
    description:
      'view=mine: journeys you lead, and actions you own. view=team: journeys in your areas led by your organisation or not yet allocated. ' +
      'Duties are those your kind of organisation owes. Reading the queue is audited.',
  })
  @ApiOkResponse({ type: WorkQueueResponse })
  list(@CurrentActor() actor: Actor, @Query() query: WorkQueueQuery): Promise<WorkQueueResponse> {
    return this.workQueue.list(actor, query);
  }

  @Get('counts')

  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'How many items of each kind are in your queue or your team’s' })
  @ApiOkResponse({ type: WorkQueueCounts })
  counts(@CurrentActor() actor: Actor, @Query() query: WorkQueueCountsQuery): Promise<WorkQueueCounts> {
    return this.workQueue.counts(actor, query.view);
  }
}
