import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../app/clock.js';
import { describeError } from '../app/logging.js';
import { TransactionRunner } from '../database/transaction.js';
import { ReminderSweeper } from './reminder-sweeper.service.js';
import type { OutboxTopic } from '../outbox/outbox.js';

/** Rows taken per transaction: short locks, and a burst of commands drains in a few runs. */
export const RELAY_BATCH = 100;
/** A run stops after this many batches; the next run (seconds later) goes on. */
const MAX_BATCHES_PER_RUN = 20;
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 15 * 60_000;

export interface OutboxRow {
  id: string;
  topic: string;
  aggregate_id: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

export interface RelayOutcome {
  dispatched: number;
  failed: number;
}

/** A handler may run more than once for a row (a worker dies before its COMMIT): each must be idempotent. */
type OutboxHandler = (row: OutboxRow) => Promise<void>;

export class UnknownOutboxTopicError extends Error {
  override readonly name = 'UnknownOutboxTopicError';
}

export class MalformedOutboxRowError extends Error {
  override readonly name = 'MalformedOutboxRowError';
}

/**
 * Drains the outbox that commands write in their own transactions. Rows are taken in id
 * order with FOR UPDATE SKIP LOCKED, so workers running side by side never take the same
 * row, and each row is marked dispatched in the transaction that took it: a committed row
 * is never handled again, and a crash before COMMIT hands it to the next run, where the
 * handlers' deterministic job ids and sendOnce keep its effect single.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly handlers: Record<OutboxTopic, OutboxHandler>;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sweeper: ReminderSweeper,
    private readonly clock: Clock,
  ) {
    this.handlers = {
      // A reminder whose time has already come is enqueued now rather than at the next minute's sweep.
      'duty.opened': (row) => this.sweepDuty(row),
      'duty.rescheduled': (row) => this.sweepDuty(row),
      // Nothing to undo: reminder jobs re-read the duty and skip one that is met, withdrawn or re-dated,
      // and the sweeper only enqueues owed duties; a job already in Redis finds the duty closed.
      'duty.closed': async () => {},
    };
  }

  async drain(): Promise<RelayOutcome> {
    const outcome: RelayOutcome = { dispatched: 0, failed: 0 };
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const { taken, dispatched, failed } = await this.transactions.run((tx) => this.relayBatch(tx));
      outcome.dispatched += dispatched;
      outcome.failed += failed;
      if (taken < RELAY_BATCH) break;
    }
    if (outcome.dispatched || outcome.failed) this.logger.log(outcome, 'outbox relayed');
    return outcome;
  }

  private async relayBatch(tx: EntityManager): Promise<{ taken: number; dispatched: number; failed: number }> {
    const now = this.clock.now();
    const rows: OutboxRow[] = await tx.query(
      `SELECT id, topic, aggregate_id, payload, attempts FROM outbox
        WHERE dispatched_at IS NULL AND available_at <= $1
        ORDER BY id LIMIT ${RELAY_BATCH}
        FOR UPDATE SKIP LOCKED`,
      [now],
    );
    const dispatched: string[] = [];
    let failed = 0;
    for (const row of rows) {
      try {
        const handler = this.handlers[row.topic as OutboxTopic];
        if (!handler) throw new UnknownOutboxTopicError(`outbox topic ${row.topic}`);
        await handler(row);
        dispatched.push(row.id);
      } catch (error) {
        failed += 1;
        // The class and code only: a driver's message could quote data.
        const lastError = describeError(error);
        const retryAt = new Date(now.getTime() + Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** row.attempts));
        await tx.query(`UPDATE outbox SET attempts = attempts + 1, last_error = $2, available_at = $3 WHERE id = $1`, [row.id, lastError, retryAt]);
        this.logger.warn({ outboxId: row.id, topic: row.topic, attempts: row.attempts + 1, error: lastError }, 'outbox row not relayed; will retry');
      }
    }
    if (dispatched.length) await tx.query(`UPDATE outbox SET dispatched_at = $2 WHERE id = ANY($1::bigint[])`, [dispatched, now]);
    return { taken: rows.length, dispatched: dispatched.length, failed };
  }

  private async sweepDuty(row: OutboxRow): Promise<void> {
    const dutyId = typeof row.payload?.dutyId === 'string' ? row.payload.dutyId : row.aggregate_id;
    if (!dutyId) throw new MalformedOutboxRowError(`outbox row ${row.id} names no duty`);
    await this.sweeper.sweepDuty(dutyId);
  }
}
