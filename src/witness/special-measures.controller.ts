import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { optionalVersion, setEtag, versionFromIfMatch } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { WITNESS_CARE } from '../access/roles.js';
import { RefuseSpecialMeasureRequest, RequestSpecialMeasureRequest, SpecialMeasureResponse, SpecialMeasureStepRequest } from './dto/witness-care.dto.js';
import { SpecialMeasuresService } from './special-measures.service.js';

@ApiTags('witness-care')
@ApiBearerAuth()
@Controller('journeys/:id/special-measures')
@Roles(...WITNESS_CARE)
export class SpecialMeasuresController {
  constructor(private readonly specialMeasures: SpecialMeasuresService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a special measure requested for the witness' })
  @ApiHeader(OPTIONAL_IF_MATCH)
  @ApiCreatedResponse({ type: SpecialMeasureResponse, description: 'With the measure’s ETag' })
  @ApiConflictResponse({ description: 'SPECIAL_MEASURE_ALREADY_REQUESTED, or CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, WITNESS_CARE_NOT_OPEN' })
  async request(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RequestSpecialMeasureRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SpecialMeasureResponse> {
    const measure = await this.specialMeasures.request(actor, id, optionalVersion(ifMatch), body);
    setEtag(reply, measure.version);
    return measure;
  }

  @Post(':measureId/applied-for')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the CPS applied to the court for the measure' })
  @ApiHeader(ROW_IF_MATCH('special measure'))
  @ApiOkResponse({ type: SpecialMeasureResponse, description: 'With the measure’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED' })
  async appliedFor(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('measureId', uuidParam('measureId')) measureId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SpecialMeasureStepRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SpecialMeasureResponse> {
    const measure = await this.specialMeasures.appliedFor(actor, id, measureId, versionFromIfMatch(ifMatch), body.at);
    setEtag(reply, measure.version);
    return measure;
  }

  @Post(':measureId/granted')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the court granted the measure applied for' })
  @ApiHeader(ROW_IF_MATCH('special measure'))
  @ApiOkResponse({ type: SpecialMeasureResponse, description: 'With the measure’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED' })
  async granted(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('measureId', uuidParam('measureId')) measureId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SpecialMeasureStepRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SpecialMeasureResponse> {
    const measure = await this.specialMeasures.granted(actor, id, measureId, versionFromIfMatch(ifMatch), body.at);
    setEtag(reply, measure.version);
    return measure;
  }

  @Post(':measureId/refused')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the court refused the measure applied for, with the reason' })
  @ApiHeader(ROW_IF_MATCH('special measure'))
  @ApiOkResponse({ type: SpecialMeasureResponse, description: 'With the measure’s new ETag' })
  @ApiConflictResponse({ description: 'CONFLICT on a stale If-Match' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED' })
  async refused(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('measureId', uuidParam('measureId')) measureId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RefuseSpecialMeasureRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SpecialMeasureResponse> {
    const measure = await this.specialMeasures.refused(actor, id, measureId, versionFromIfMatch(ifMatch), body);
    setEtag(reply, measure.version);
    return measure;
  }
}
