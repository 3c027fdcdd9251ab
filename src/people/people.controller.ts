import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { Actor } from '../access/actor.js';
import { versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { CreatePersonRequest, PersonListResponse, PersonResponse, UpdatePersonRequest } from './dto/person.dto.js';
import { PeopleService } from './people.service.js';
import { ACCESS_REASON_HEADER, ROW_IF_MATCH } from '../app/openapi-headers.js';
import { VersionedWrite } from '../access/route.decorators.js';

class PeopleQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Family name prefix, case-insensitive' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  familyName?: string;
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('people')
@Roles(...CASE_ROLES)
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  @Post()
  @ApiCreatedResponse({ type: PersonResponse })
  @SendsEtag()
  create(@CurrentActor() actor: Actor, @Body() body: CreatePersonRequest): Promise<PersonResponse> {
    return this.people.create(actor, body);
  }

  @Get()
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: PersonListResponse })
  list(@CurrentActor() actor: Actor, @Query() query: PeopleQuery): Promise<PersonListResponse> {
    return this.people.list(actor, query);
  }

  @Get(':id')
  @ApiHeader(ACCESS_REASON_HEADER)
  @ApiOkResponse({ type: PersonResponse })
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PersonResponse> {
    return this.people.get(actor, id);
  }

  @Patch(':id')
  @VersionedWrite({ ifMatch: ROW_IF_MATCH('person') })
  @ApiOkResponse({ type: PersonResponse })
  @SendsEtag()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePersonRequest,
  ): Promise<PersonResponse> {
    return this.people.update(actor, id, versionFromIfMatch(ifMatch), body);
  }
}
