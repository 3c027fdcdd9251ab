import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES_AND_PARTNERS, COURT_REFERENCE_READERS } from '../access/roles.js';
import { CourtsService } from './courts.service.js';
import { CourtsQuery } from './dto/court-requests.dto.js';
import { CourtsResponse, EffectivenessReasonsResponse } from './dto/court-views.dto.js';

@ApiTags('court')
@ApiBearerAuth()
@Controller('courts')
export class CourtsController {
  constructor(private readonly courts: CourtsService) {}

  @Get()
  @Roles(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({ summary: 'The active magistrates’ and Crown courts of an area (or of all your areas)', description: 'Reference data; no personal data.' })
  @ApiOkResponse({ type: CourtsResponse })
  @ApiNotFoundResponse({ description: 'The area is not one of yours' })
  list(@CurrentActor() actor: Actor, @Query() query: CourtsQuery): Promise<CourtsResponse> {
    return this.courts.courts(actor, query.areaId);
  }

  @Get('effectiveness-reasons')
  @Roles(...COURT_REFERENCE_READERS)
  @ApiOperation({
    summary: 'The courts’ reasons a trial cracked or was ineffective',
    description: 'Each code says which outcome it explains and whether it is a witness issue (reports count trials lost to witness issues).',
  })
  @ApiOkResponse({ type: EffectivenessReasonsResponse })
  effectivenessReasons(): EffectivenessReasonsResponse {
    return this.courts.effectivenessReasons();
  }
}
