import { Global, Injectable, Module } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../app/clock.js';
import { insertRows } from '../database/insert-rows.js';

/**
 * Topics a command may ask for; the worker's relay hands each to its handler. Referral
 * imports are not among them: the api queues an import's job after commit, under a job id
 * per import, and the worker's reconcile re-queues any that Postgres says are unfinished.
 */
export const OUTBOX_TOPICS = ['duty.opened', 'duty.rescheduled', 'duty.closed'] as const;
export type OutboxTopic = (typeof OUTBOX_TOPICS)[number];

export interface OutboxRequest {
  topic: OutboxTopic;
  aggregateId: string | null;
  /** Ids, codes and instants only: the payload reaches Redis in clear text. */
  payload: Record<string, unknown>;
  /** Not before this instant (default: now). */
  availableAt?: Date;
}

/** The one way a command asks for a side effect: a row in its own transaction. */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  async add(tx: EntityManager, requests: readonly OutboxRequest[]): Promise<void> {
    const now = this.clock.now();
    await insertRows(
      tx,
      'outbox',
      ['topic', 'aggregate_id', 'payload', 'created_at', 'available_at'],
      requests.map((request) => [request.topic, request.aggregateId, JSON.stringify(request.payload), now, request.availableAt ?? now]),
      { casts: { payload: 'jsonb' } },
    );
  }
}

@Global()
@Module({ providers: [Outbox], exports: [Outbox] })
export class OutboxModule {}
