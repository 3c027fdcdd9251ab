import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES, CASE_ROLES_AND_PARTNERS } from '../access/roles.js';
import { CrimesService } from './crimes.service.js';
import { CrimeLookupQuery, CrimeLookupResponse, CrimeResponse } from './dto/crime.dto.js';

@ApiTags('crimes')
@ApiBearerAuth()
@Controller('crimes')
export class CrimesController {
  constructor(private readonly crimes: CrimesService) {}

  @Get()
  @Roles(...CASE_ROLES_AND_PARTNERS)
  @ApiOperation({
    summary: 'Find a crime by the police crime reference, in your areas',
    description: 'Partner systems use it to learn the id that crime-level routes (decisions, hearings) take. No personal data.',
  })
  @ApiOkResponse({ type: CrimeLookupResponse })
  lookup(@CurrentActor() actor: Actor, @Query() query: CrimeLookupQuery): Promise<CrimeLookupResponse> {
    return this.crimes.lookup(actor, query.reference);
  }

  @Get(':id')
  @Roles(...CASE_ROLES)
  @ApiOperation({ summary: 'A crime with every journey on it and its defendants' })
  @ApiOkResponse({ type: CrimeResponse })
  @ApiNotFoundResponse({ description: 'No such crime in your areas' })
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<CrimeResponse> {
    return this.crimes.get(actor, id);
  }
}
