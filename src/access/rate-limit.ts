import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor, SetMetadata, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiExtension, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Observable } from 'rxjs';
import { CommonError } from '../app/common.errors.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { REDIS_CLIENT } from '../app/redis.js';
import type { RequestWithActor } from './access.decorators.js';

export const ROUTE_RATE_LIMIT = 'vjs:rate-limit';

export interface RateLimitSpec {
  /** Names the counter: routes sharing a name share a budget. */
  name: string;
  /** Calls allowed per caller in each window. */
  limit: number;
  windowSeconds: number;
}

/**
 * At most `limit` calls per caller (the signed-in user, else the client address) in each
 * window, counted in Redis so the limit holds across every api process. For routes that
 * reset passwords or send email: a 429 with Retry-After past the budget.
 */
export const RateLimit = (spec: RateLimitSpec) =>
  applyDecorators(
    SetMetadata(ROUTE_RATE_LIMIT, spec),
    ApiExtension('x-rate-limit', spec),
    ApiTooManyRequestsResponse({ description: `RATE_LIMITED: more than ${spec.limit} calls in ${spec.windowSeconds} s; see Retry-After` }),
  );

/**
 * Counts a caller's calls against a budget in Redis, so the limit holds across every api
 * process and whichever door the call came in by: the API's routes (RateLimitInterceptor)
 * and the web workspace's pages that do the same thing (they call this before the service).
 */
@Injectable()
export class RateLimiter {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one call of `caller` (`user:<id>` or `ip:<address>`); past the budget, RATE_LIMITED with retryAfterSeconds. */
  async consume(spec: RateLimitSpec, caller: string): Promise<void> {
    const key = `${this.config.redisPrefix}:rate-limit:${spec.name}:${caller}`;
    const [[, count], , [, ttl]] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, spec.windowSeconds, 'NX')
      .ttl(key)
      .exec()) as [[unknown, number], unknown, [unknown, number]];
    if (count > spec.limit) {
      const retryAfterSeconds = Math.max(1, ttl);
      throw CommonError.of('RATE_LIMITED', `At most ${spec.limit} calls in ${spec.windowSeconds} seconds`, { retryAfterSeconds });
    }
  }
}

/** The caller a budget is counted for: the signed-in user, else the client address. */
export function rateLimitCaller(userId: string | null | undefined, address: string): string {
  return userId ? `user:${userId}` : `ip:${address}`;
}

/** Counts calls to routes marked @RateLimit (after authentication, so a user's budget is their own). */
@Injectable()
export class RateLimitInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const spec = this.reflector.getAllAndOverride<RateLimitSpec | undefined>(ROUTE_RATE_LIMIT, [context.getHandler(), context.getClass()]);
    if (spec) {
      const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithActor>();
      await this.limiter.consume(spec, rateLimitCaller(request.actor?.userId, request.ip));
    }
    return next.handle();
  }
}
