import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';

export interface CreateAnswer<T> {
  body: T;
  replayed: boolean;
}

/**
 * Crime-level creates a police or CPS feed may retry: with an Idempotency-Key, the first
 * answer is stored in the command's transaction and a retry gets it back (RELIABILITY.md),
 * as referrals do. Claimed after the crime is locked, so a racing retry waits for the first.
 */
@Injectable()
export class PartnerRetries {
  constructor(private readonly idempotency: IdempotencyStore) {}

  async once<T>(tx: EntityManager, actor: Actor, key: string | null, operation: string, request: unknown, create: () => Promise<T>): Promise<CreateAnswer<T>> {
    if (key) {
      const earlier = await this.idempotency.claim(tx, actor.userId, key, operation, request);
      if (earlier) return { body: earlier.body as T, replayed: true };
    }
    const body = await create();
    if (key) await this.idempotency.complete(tx, actor.userId, key, { statusCode: 201, body });
    return { body, replayed: false };
  }
}
