import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag } from '../app/etag.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../identity/access.decorators.js';
import { RecordRjOfferRequest, RjOfferResponse } from './dto/rj-offer.dto.js';
import { RjOffersService } from './rj-offers.service.js';
import { OPTIONAL_IF_MATCH } from '../app/openapi-headers.js';

@ApiTags('support')
@ApiBearerAuth()
@Controller('journeys/:id/rj-offers')
export class RjOffersController {
  constructor(private readonly rjOffers: RjOffersService) {}

  @Post()
  @HttpCode(201)
  @Roles('caseworker', 'supervisor')
  @ApiOperation({ summary: 'Record that restorative justice was offered, and the victim’s answer', description: 'Meets the restorative justice offer duty (Code right 4).' })
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
}
