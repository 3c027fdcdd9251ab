import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { Redis } from 'ioredis';
import { REDIS_CLIENT } from '../app/redis.js';

@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
  ) {}

  ping(key: string) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        const answer = await this.redis.ping();
        if (answer !== 'PONG') throw new Error('unexpected answer');
      })
      .withTimeout(1_500);
  }
}
