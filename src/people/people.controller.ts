import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor.js';
import { setEtag, versionFromIfMatch } from '../app/etag.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { CASE_ROLES } from '../access/roles.js';
import { CreatePersonRequest, PersonListResponse, PersonResponse, UpdatePersonRequest } from './dto/person.dto.js';
import { PeopleService } from './people.service.js';
import { ACCESS_REASON_HEADER, ROW_IF_MATCH } from '../app/openapi-headers.js';

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
  async create(@CurrentActor() actor: Actor, @Body() body: CreatePersonRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonResponse> {
    const person = await this.people.create(actor, body);
    setEtag(reply, person.version);
    return person;
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
  async get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PersonResponse> {
    const person = await this.people.get(actor, id);
    setEtag(reply, person.version);
    return person;
  }

  @Patch(':id')
  @ApiHeader(ROW_IF_MATCH('person'))
  @ApiOkResponse({ type: PersonResponse })
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdatePersonRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PersonResponse> {
    const person = await this.people.update(actor, id, versionFromIfMatch(ifMatch), body);
    setEtag(reply, person.version);
    return person;
  }
}
