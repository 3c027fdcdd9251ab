import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Actor } from './actor.js';
import type { Role } from './roles.js';

export const PUBLIC_ROUTE = 'vjs:public';
export const ROUTE_ROLES = 'vjs:roles';
export const ALLOW_PENDING_PASSWORD_CHANGE = 'vjs:allow-pending-password-change';

/** No authentication (health, login, token refresh). */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/**
 * Who may call this route. Every non-public route must say; the guard refuses a route
 * that does not, so a forgotten decorator fails closed.
 */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROUTE_ROLES, roles), ApiExtension('x-roles', roles));

/** Any signed-in user, whatever the role (own profile, sign-out, password change). */
export const AnyRole = () => applyDecorators(SetMetadata(ROUTE_ROLES, 'any'), ApiExtension('x-roles', 'any'));

/** Reachable with a temporary password not yet changed. */
export const AllowPendingPasswordChange = () => SetMetadata(ALLOW_PENDING_PASSWORD_CHANGE, true);

export interface RequestWithActor {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
