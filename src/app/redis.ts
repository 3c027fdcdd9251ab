import { Redis, type RedisOptions } from 'ioredis';

/** Injection token for the shared ioredis client used by the app itself (rate limits, locks). */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');

/** Connection options from a redis:// URL, shared by the app client and BullMQ. */
export function redisConnectionOptions(url: string): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    // Reconnect for ever with a capped back-off: Redis restarts must heal without a restart of ours.
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2_000),
  };
}

/**
 * The app's client fails fast while Redis is away (no offline queue), so a request that
 * needs Redis answers 503 at once instead of hanging until it returns.
 */
export function createAppRedis(url: string): Redis {
  return new Redis({
    ...redisConnectionOptions(url),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    lazyConnect: false,
  });
}
