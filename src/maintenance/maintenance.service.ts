import { Injectable } from '@nestjs/common';
import { Clock } from '../app/clock.js';
import { TransactionRunner } from '../database/transaction.js';
import { UsersRepository } from '../identity/users.repository.js';

/** Refresh tokens past expiry are kept a day (for reuse detection of late replays), then removed. */
export const EXPIRED_SESSION_GRACE_MS = 24 * 60 * 60 * 1000;

@Injectable()
export class MaintenanceService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
  ) {}

  purgeExpiredSessions(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - EXPIRED_SESSION_GRACE_MS);
    return this.transactions.run((tx) => this.users.deleteExpiredRefreshTokens(tx, before));
  }
}
