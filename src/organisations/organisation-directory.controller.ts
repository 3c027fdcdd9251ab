import { Body, Controller, Get, Headers, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import type { Actor } from '../access/actor.js';
import { ADMINS } from '../access/roles.js';
import { SendsEtag, versionFromIfMatch } from '../app/etag.js';
import { ROW_IF_MATCH } from '../app/openapi-headers.js';
import { uuidParam } from '../app/validation.js';
import {
  CreateDirectoryEntryRequest,
  DirectoryEntryResponse,
  DirectoryQuery,
  UpdateDirectoryEntryRequest,
} from './dto/organisation-directory.dto.js';
import { OrganisationDirectoryService } from './organisation-directory.service.js';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisation-directory')
@Roles(...ADMINS)
export class OrganisationDirectoryController {
  constructor(private readonly directory: OrganisationDirectoryService) {}

  @Get()
  @ApiOperation({ summary: 'The organisations directory of the admin’s areas: per area and duty owner kind, the organisation and its team mailbox' })
  @ApiOkResponse({ type: [DirectoryEntryResponse] })
  list(@CurrentActor() actor: Actor, @Query() query: DirectoryQuery): Promise<DirectoryEntryResponse[]> {
    return this.directory.list(actor, query.areaId);
  }

  @Get(':id')
  @ApiOkResponse({ type: DirectoryEntryResponse })
  @SendsEtag()
  get(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<DirectoryEntryResponse> {
    return this.directory.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Names the organisation that owes an owner kind’s duties in an area (one entry per area and owner kind)' })
  @ApiCreatedResponse({ type: DirectoryEntryResponse })
  @SendsEtag()
  create(@CurrentActor() actor: Actor, @Body() body: CreateDirectoryEntryRequest): Promise<DirectoryEntryResponse> {
    return this.directory.create(actor, body);
  }

  @Patch(':id')
  @ApiHeader(ROW_IF_MATCH('directory entry'))
  @ApiOkResponse({ type: DirectoryEntryResponse })
  @SendsEtag()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateDirectoryEntryRequest,
  ): Promise<DirectoryEntryResponse> {
    return this.directory.update(actor, id, versionFromIfMatch(ifMatch), body);
  }
}
