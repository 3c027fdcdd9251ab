import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A side effect a command asked for (schedule a reminder, send an email), written in the
 * command's own transaction and drained to BullMQ by the worker: a rolled-back command
 * asks for nothing, a committed one is never forgotten. Payloads carry ids only.
 */
@Entity({ name: 'outbox' })
@Index('outbox_pending_idx', ['availableAt', 'id'])
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  topic: string;

  @Column({ type: 'uuid', nullable: true })
  aggregateId: string | null;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  availableAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;
}
