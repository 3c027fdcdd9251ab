import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { setEtag } from '../app/etag.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../identity/access.decorators.js';
import { DutiesResponse, JourneyResponse, TimelineResponse } from './dto/journey.dto.js';
import { JourneysService } from './journeys.service.js';

export const ACCESS_REASON_HEADER = {
  name: 'X-Access-Reason',
  required: false,
  description: 'Why you are consulting the record; kept in the audit log (DPA 2018 s.62)',
};

@ApiTags('journeys')
@ApiBearerAuth()
@Controller('journeys')
@Roles('caseworker', 'witness_care_officer', 'supervisor')
export class JourneysController {
  constructor(private readonly journeys: JourneysService) {}

  @Get(':id')
  @ApiOperation({ summary: 'A journey: the person, the crime, the stage, the lead worker, enhanced rights, closure' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: JourneyResponse, description: 'With an ETag to send as If-Match on changes' })
  async get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<JourneyResponse> {
    const journey = await this.journeys.get(actor, id);
    setEtag(reply, journey.version);
    return journey;
  }

  @Get(':id/timeline')
  @ApiOperation({ summary: 'The journey’s events, newest first' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: TimelineResponse })
  timeline(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery): Promise<TimelineResponse> {
    return this.journeys.timeline(actor, id, page);
  }

  @Get(':id/duties')
  @ApiOperation({ summary: 'The journey’s Victims’ Code duties: rule, right, owner, due, status, met, working days late' })
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: DutiesResponse })
  duties(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<DutiesResponse> {
    return this.journeys.duties(actor, id);
  }
}
