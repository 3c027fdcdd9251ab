import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { REDIS_CLIENT } from '../app/redis.js';

/**
 * Locks sign-in for an account (and, more loosely, for a client address) after repeated
 * failures. Counters live in Redis so the limit holds across every api process.
 * Keys carry a hash of the email, never the email.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private accountKey(email: string): string {
    const digest = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
    return `${this.config.redisPrefix}:login-failures:account:${digest}`;
  }

  private addressKey(address: string): string {
    return `${this.config.redisPrefix}:login-failures:ip:${address}`;
  }

  /** Seconds until sign-in is allowed again, or 0 when it is allowed now. */
  async lockedFor(email: string, address: string): Promise<number> {
    const { loginMaxFailures } = this.config.auth;
    const [[, account], [, byAddress]] = (await this.redis
      .multi()
      .get(this.accountKey(email))
      .get(this.addressKey(address))
      .exec()) as [[unknown, string | null], [unknown, string | null]];
    const accountLocked = Number(account ?? 0) >= loginMaxFailures;
    // An address may try several accounts (a shared office), so it gets more room.
    const addressLocked = Number(byAddress ?? 0) >= loginMaxFailures * 4;
    if (!accountLocked && !addressLocked) return 0;
    const ttl = await this.redis.pttl(accountLocked ? this.accountKey(email) : this.addressKey(address));
    return Math.max(1, Math.ceil(ttl / 1000));
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const window = this.config.auth.loginLockoutSeconds;
    await this.redis
      .multi()
      .incr(this.accountKey(email))
      .expire(this.accountKey(email), window, 'NX')
      .incr(this.addressKey(address))
      .expire(this.addressKey(address), window, 'NX')
      .exec();
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }
}
