import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { CommonError } from '../app/common.errors.js';
import { ALLOW_PENDING_PASSWORD_CHANGE, PUBLIC_ROUTE, type RequestWithActor, ROUTE_ROLES } from '../access/access.decorators.js';
import { AuthService, type Principal } from './auth.service.js';
import { IdentityError } from './identity.errors.js';
import type { Role } from '../access/roles.js';

const REASON_MAX_LENGTH = 200;

/**
 * Global guard: authenticates every request (bearer access token or partner API key) and
 * checks the route's roles. Area scoping of data happens in repositories (AccessScope).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const required = this.reflector.getAllAndOverride<Role[] | 'any' | undefined>(ROUTE_ROLES, targets);
    if (required === undefined) {
      // Fail closed: a route that forgot to declare its roles is reachable by nobody.
      throw CommonError.of('FORBIDDEN', 'This route declares no roles');
    }

    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithActor>();
    const principal = await this.authenticate(request);
    const { user } = principal;
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(ALLOW_PENDING_PASSWORD_CHANGE, targets)) {
      throw IdentityError.of('PASSWORD_CHANGE_REQUIRED');
    }
    if (required !== 'any' && !user.roles.some((role) => required.includes(role))) {
      throw IdentityError.of('ROLE_NOT_ALLOWED');
    }
    const reasonHeader = request.headers['x-access-reason'];
    const reason = typeof reasonHeader === 'string' ? reasonHeader.trim().slice(0, REASON_MAX_LENGTH) || null : null;
    request.actor = this.auth.actorFor(user, principal.areaIds, String(request.id), reason, principal.sessionFamilyId);
    return true;
  }

  private authenticate(request: FastifyRequest): Promise<Principal> {
    const apiKey = request.headers['x-api-key'];
    if (typeof apiKey === 'string') return this.auth.principalFromApiKey(apiKey);
    const authorization = request.headers.authorization;
    const match = typeof authorization === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization) : null;
    if (!match) throw CommonError.of('UNAUTHENTICATED', 'Send Authorization: Bearer <access token> or X-Api-Key');
    return this.auth.principalFromAccessToken(match[1]);
  }
}
