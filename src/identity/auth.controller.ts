import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import { AllowPendingPasswordChange, AnyRole, CurrentActor, Public } from '../access/access.decorators.js';
import { RateLimit } from '../access/rate-limit.js';
import { AuthService } from './auth.service.js';
import { PASSWORD_CHANGES } from './identity-rate-limits.js';
import { ChangePasswordRequest, LoginRequest, RefreshRequest, SessionResponse } from './dto/auth.dto.js';
import { MeResponse } from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  login(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<SessionResponse> {
    return this.auth.login(body.email, body.password, { address: request.ip, requestId: String(request.id) });
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse })
  refresh(@Body() body: RefreshRequest, @Req() request: FastifyRequest): Promise<SessionResponse> {
    return this.auth.refresh(body.refreshToken, String(request.id));
  }

  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }

  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @Post('password')
  @RateLimit(PASSWORD_CHANGES)
  @HttpCode(200)
  @ApiOkResponse({ type: SessionResponse, description: 'Other sessions end; this answer starts a new one' })
  changePassword(@CurrentActor() actor: Actor, @Body() body: ChangePasswordRequest, @Req() request: FastifyRequest): Promise<SessionResponse> {
    return this.auth.changePassword(actor, body.currentPassword, body.newPassword, request.ip);
  }

  @AnyRole()
  @AllowPendingPasswordChange()
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: MeResponse })
  me(@CurrentActor() actor: Actor): Promise<MeResponse> {
    return this.users.get(actor.userId);
  }
}
