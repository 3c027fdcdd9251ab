import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, SendsBodyWithEtag, type Versioned } from '../app/etag.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor } from '../access/access.decorators.js';
import { JOURNEY_WORKERS } from '../access/roles.js';
import { RecordRjOfferRequest, RjOfferResponse, RjOffersResponse } from './dto/rj-offer.dto.js';
import { RjOffersService } from './rj-offers.service.js';
import { AuditedRead, VersionedWrite } from '../access/route.decorators.js';

@ApiTags('restorative justice')
@ApiBearerAuth()
@Controller('journeys/:id/rj-offers')
export class RjOffersController {
  constructor(private readonly rjOffers: RjOffersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record that restorative justice was offered, at which stage, and the victim’s response',
    description: 'The first offer meets the restorative justice offer duty (20 working days from support accepted), whatever the response.',
  })
  @VersionedWrite({ roles: JOURNEY_WORKERS, ifMatch: OPTIONAL_IF_MATCH, conflicts: ['JOURNEY_CLOSED'] })
  @ApiCreatedResponse({ type: RjOfferResponse, description: 'With the journey’s new ETag' })
  @SendsBodyWithEtag()
  offerRj(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RecordRjOfferRequest,
  ): Promise<Versioned<RjOfferResponse>> {
    return this.rjOffers.record(actor, id, optionalVersion(ifMatch), body);
  }

  @Get()
  @AuditedRead(...JOURNEY_WORKERS)
  @ApiOperation({ summary: 'The restorative justice offers made to the victim, newest first' })
  @ApiOkResponse({ type: RjOffersResponse })
  offers(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<RjOffersResponse> {
    return this.rjOffers.list(actor, id);
  }
}
