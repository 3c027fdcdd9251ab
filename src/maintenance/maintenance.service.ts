import { Injectable } from '@nestjs/common';
import { Clock } from '../app/clock.js';
import { TransactionRunner } from '../database/transaction.js';
import { UsersService } from '../identity/users.service.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';

/** Refresh tokens past expiry are kept a day (for reuse detection of late replays), then removed. */
export const EXPIRED_SESSION_GRACE_MS = 24 * 60 * 60 * 1000;

/** Idempotency-Key answers are replayed for a day: long enough for any partner's retries. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class MaintenanceService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersService,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  purgeIdempotencyRecords(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_MS);
    return this.transactions.run((tx) => this.idempotency.purgeOlderThan(tx, before));
  }

  purgeExpiredSessions(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - EXPIRED_SESSION_GRACE_MS);
    return this.users.purgeExpiredSessions(before);
  }
}
