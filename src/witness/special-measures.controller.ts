import { Body, Controller, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { optionalVersion, versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { OPTIONAL_IF_MATCH, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { WITNESS_CARE } from '../access/roles.js';
import { RefuseSpecialMeasureRequest, RequestSpecialMeasureRequest, SpecialMeasureResponse, SpecialMeasureStepRequest } from './dto/witness-care.dto.js';
import { SpecialMeasuresService } from './special-measures.service.js';
import { VersionedWrite } from '../access/route.decorators.js';

@ApiTags('witness-care')
@ApiBearerAuth()
@Controller('journeys/:id/special-measures')
@Roles(...WITNESS_CARE)
export class SpecialMeasuresController {
  constructor(private readonly specialMeasures: SpecialMeasuresService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a special measure requested for the witness' })
  @VersionedWrite({ ifMatch: OPTIONAL_IF_MATCH, conflicts: ['SPECIAL_MEASURE_ALREADY_REQUESTED'] })
  @ApiCreatedResponse({ type: SpecialMeasureResponse, description: 'With the measure’s ETag' })
  @ApiUnprocessableEntityResponse({ description: 'HEARING_NOT_ON_CRIME, WITNESS_CARE_NOT_OPEN' })
  @SendsEtag()
  request(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RequestSpecialMeasureRequest,
  ): Promise<SpecialMeasureResponse> {
    return this.specialMeasures.request(actor, id, optionalVersion(ifMatch), body);
  }

  @Post(':measureId/applied-for')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the CPS applied to the court for the measure' })
  @VersionedWrite({ ifMatch: ROW_IF_MATCH('special measure'), conflicts: [] })
  @ApiOkResponse({ type: SpecialMeasureResponse, description: 'With the measure’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED' })
  @SendsEtag()
  appliedFor(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('measureId', uuidParam('measureId')) measureId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SpecialMeasureStepRequest,
  ): Promise<SpecialMeasureResponse> {
    return this.specialMeasures.appliedFor(actor, id, measureId, versionFromIfMatch(ifMatch), body.at);
  }

  @Post(':measureId/granted')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the court granted the measure applied for' })
  @VersionedWrite({ ifMatch: ROW_IF_MATCH('special measure'), conflicts: [] })
  @ApiOkResponse({ type: SpecialMeasureResponse, description: 'With the measure’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED' })
  @SendsEtag()
  granted(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('measureId', uuidParam('measureId')) measureId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: SpecialMeasureStepRequest,
  ): Promise<SpecialMeasureResponse> {
    return this.specialMeasures.granted(actor, id, measureId, versionFromIfMatch(ifMatch), body.at);
  }

  @Post(':measureId/refused')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record that the court refused the measure applied for, with the reason' })
  @VersionedWrite({ ifMatch: ROW_IF_MATCH('special measure'), conflicts: [] })
  @ApiOkResponse({ type: SpecialMeasureResponse, description: 'With the measure’s new ETag' })
  @ApiUnprocessableEntityResponse({ description: 'SPECIAL_MEASURE_TRANSITION_NOT_ALLOWED' })
  @SendsEtag()
  refused(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Param('measureId', uuidParam('measureId')) measureId: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: RefuseSpecialMeasureRequest,
  ): Promise<SpecialMeasureResponse> {
    return this.specialMeasures.refused(actor, id, measureId, versionFromIfMatch(ifMatch), body);
  }
}
