import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { versionFromIfMatch, SendsEtag } from '../app/etag.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { AnyRole, CurrentActor, Roles } from '../access/access.decorators.js';
import { RateLimit } from '../access/rate-limit.js';
import { PASSWORD_RESETS } from './identity-rate-limits.js';
import { ADMINS } from '../access/roles.js';
import {
  AreaResponse,
  CreatedUserResponse,
  CreateOrganisationRequest,
  CreateUserRequest,
  OrganisationResponse,
  PasswordResetResponse,
  UpdateUserRequest,
  UserListResponse,
  UserResponse,
} from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
@Roles(...ADMINS)
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiCreatedResponse({ type: CreatedUserResponse })
  create(@CurrentActor() actor: Actor, @Body() body: CreateUserRequest): Promise<CreatedUserResponse> {
    return this.users.create(actor, body);
  }

  @Get()
  @ApiOkResponse({ type: UserListResponse })
  list(@Query() page: PageQuery): Promise<UserListResponse> {
    return this.users.list(page.limit, page.offset);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserResponse })
  @SendsEtag()
  get(@Param('id', uuidParam('id')) id: string): Promise<UserResponse> {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag of the user as read' })
  @ApiOkResponse({ type: UserResponse })
  @SendsEtag()
  update(
    @CurrentActor() actor: Actor,
    @Param('id', uuidParam('id')) id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Body() body: UpdateUserRequest,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, versionFromIfMatch(ifMatch), body);
  }

  @Post(':id/password-reset')
  @RateLimit(PASSWORD_RESETS)
  @HttpCode(200)
  @ApiOkResponse({ type: PasswordResetResponse })
  resetPassword(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<PasswordResetResponse> {
    return this.users.resetPassword(actor, id);
  }
}

@ApiTags('reference data')
@ApiBearerAuth()
@Controller()
export class ReferenceDataController {
  constructor(private readonly users: UsersService) {}

  @Get('areas')
  @AnyRole()
  @ApiOkResponse({ type: [AreaResponse] })
  areas(): Promise<AreaResponse[]> {
    return this.users.listAreas();
  }

  @Get('organisations')
  @AnyRole()
  @ApiOkResponse({ type: [OrganisationResponse] })
  organisations(): Promise<OrganisationResponse[]> {
    return this.users.listOrganisations();
  }

  @Post('organisations')
  @Roles(...ADMINS)
  @ApiCreatedResponse({ type: OrganisationResponse })
  createOrganisation(@Body() body: CreateOrganisationRequest): Promise<OrganisationResponse> {
    return this.users.createOrganisation(body);
  }
}
