import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag } from '../app/etag.js';
import { ACCESS_REASON_HEADER, OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { RecordRjOfferRequest, RjOfferResponse, RjOffersResponse } from './dto/rj-offer.dto.js';
import { RjOffersService } from './rj-offers.service.js';

@ApiTags('restorative justice')
@ApiBearerAuth()
@Controller('journeys/:id/rj-offers')
export class RjOffersController {
  constructor(private readonly rjOffers: RjOffersService) {}

  @Post()
  @HttpCode(201)
  @Roles(...JOURNEY_WORKERS)
  @ApiOperation({
    summary: 'Record that restorative justice was offered, at which stage, and the victim’s response',
    description: 'The first offer meets the restorative justice offer duty (20 working days from support accepted), whatever the response.',
  })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: RjOfferResponse, description: 'With the journey’s new ETag' })
  @ApiConflictResponse({ description: 'JOURNEY_CLOSED, or CONFLICT on a stale If-Match' })
  async offerRj(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordRjOfferRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RjOfferResponse> {
    const answer = await this.rjOffers.record(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, answer.version);
    return answer.body;
  }

  @Get()
  @Roles(...JOURNEY_WORKERS)
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOperation({ summary: 'The restorative justice offers made to the victim, newest first' })
  @ApiOkResponse({ type: RjOffersResponse })
  offers(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RjOffersResponse> {
    return this.rjOffers.list(actor, id);
  }
}
