import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { ACCESS_REASON_HEADER } from '../app/openapi-headers.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { WITNESS_CARE } from '../access/roles.js';
import { WitnessQueueCounts, WitnessQueueCountsQuery, WitnessQueueQuery, WitnessQueueResponse } from './dto/witness-queue.dto.js';
import { WitnessQueueService } from './witness-queue.service.js';

@ApiTags('witness-care')
@ApiBearerAuth()
@Controller('witness-care/queue')
@Roles(...WITNESS_CARE)
export class WitnessQueueController {
  constructor(private readonly witnessQueue: WitnessQueueService) {}

  @Get()
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({
    summary: 'The witness care officer’s queue, one section a page, with counts of all three',
    description:
      'hearings: listed hearings in the next 10 London working days (from the start of today) of journeys with a witness care case, ' +
      'per witness whether warned for the current listing and the special measures not yet decided; not_informed: open duties to tell a ' +
      'witness of a listing, due first; follow_ups: unresolved failures to attend. mine=true: cases you lead; mine=false: your areas. ' +
      'Reading a page is audited.',
  })
  @ApiOkResponse({ type: WitnessQueueResponse })
  list(@CurrentActor() actor: Actor, @Query() query: WitnessQueueQuery): Promise<WitnessQueueResponse> {
    return this.witnessQueue.list(actor, query);
  }

  @Get('counts')
  @ApiOperation({ summary: 'How many items each section of the queue holds, for badges (no personal data)' })
  @ApiOkResponse({ type: WitnessQueueCounts })
  counts(@CurrentActor() actor: Actor, @Query() query: WitnessQueueCountsQuery): Promise<WitnessQueueCounts> {
    return this.witnessQueue.counts(actor, query.mine);
  }
}
