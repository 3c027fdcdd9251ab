import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One entry of a journey's append-only timeline: what happened (`type`, a typed
 * payload), when it happened as told (`occurredAt`), when it was recorded and by whom.
 * Events whose type the Victims' Code engine knows are what duties are computed from.
 * Payloads carry ids, codes and counts; free text stays on the module's own rows.
 */
@Entity({ name: 'journey_events' })
@Index('journey_events_timeline_idx', ['journeyId', 'occurredAt', 'seq'])
export class JourneyEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Insertion order, to order events recorded at the same instant. */
  @Column({ type: 'bigint', generated: 'increment' })
  seq: string;

  @Column({ type: 'uuid' })
  journeyId: string;

  @Column({ type: 'uuid' })
  areaId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  /** When the duty-holder received the news, for events whose Code clock runs from receipt; null for its own acts. */
  @Column({ type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  /** `late_referral`: news from before the victim was referred, still owed to them. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The server's time: never a client's. */
  @Column({ type: 'timestamptz' })
  recordedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'jsonb', default: {} })
  payload: Record<string, unknown>;
}
