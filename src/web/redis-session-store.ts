import type { Redis } from 'ioredis';

type Callback = (error?: unknown) => void;
type GetCallback = (error: unknown, session?: unknown) => void;

/**
 * @fastify/session's store in Redis, so a browser session holds across api processes and
 * ends everywhere at once. Each write renews the key's life to the idle timeout, so a
 * session nobody uses for that long is gone from Redis (and a stolen cookie with it).
 * Holds ids only (user, session family, CSRF secret, a few form answers in progress).
 */
export class RedisSessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly idleSeconds: number,
  ) {}

  private key(sessionId: string): string {
    return `${this.prefix}:web-session:${sessionId}`;
  }

  set(sessionId: string, session: unknown, callback: Callback): void {
    this.redis.set(this.key(sessionId), JSON.stringify(session), 'EX', this.idleSeconds).then(() => callback(), callback);
  }

  get(sessionId: string, callback: GetCallback): void {
    this.redis.get(this.key(sessionId)).then(
      (value) => callback(null, value === null ? null : JSON.parse(value)),
      (error: unknown) => callback(error),
    );
  }

  destroy(sessionId: string, callback: Callback): void {
    this.redis.del(this.key(sessionId)).then(() => callback(), callback);
  }
}
