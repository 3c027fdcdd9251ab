import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { CommonError } from '../app/common.errors.js';
import { Public } from '../access/access.decorators.js';
import { RedisHealthIndicator } from './redis.health.js';

@ApiTags('health')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /** The process is up; says nothing of its dependencies (restart me only if this fails). */
  @Get('live')
  @ApiOkResponse({ description: 'The process is running' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready for traffic: Postgres and Redis answer. 503 problem+json naming what is down otherwise. */
  @Get('ready')
  @ApiOkResponse({ description: 'Postgres and Redis answer' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; see checks' })
  async ready() {
    try {
      return await this.health.check([
        () => this.database.pingCheck('postgres').withTimeout(1_500),
        () => this.redis.ping('redis'),
      ]);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as { error?: Record<string, unknown>; details?: Record<string, unknown> };
        const down = Object.keys(body.error ?? {});
        throw CommonError.of('SERVICE_UNAVAILABLE', `Not ready: ${down.join(', ')} unavailable`, { checks: body.details ?? {} });
      }
      throw error;
    }
  }
}
