import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const NOTIFICATION_KINDS = ['duty_due_soon', 'duty_missed', 'duty_breached', 'daily_digest', 'reminder_unroutable', 'uls_reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed', 'cancelled'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One email the service sends, recorded under a unique dedupe key before it is sent, so a
 * second run of the same job finds it and sends nothing. Never holds the body. Written
 * only by NotificationsService, with SQL (no versioning: a row lock serialises senders).
 */
@Entity({ name: 'notifications' })
@Index('notifications_dedupe_key', ['dedupeKey'], { unique: true })
@Index('notifications_journey_idx', ['journeyId', 'createdAt'])
@Index('notifications_recipient_idx', ['recipientUserId', 'createdAt'])
@Index('notifications_failed_idx', ['failedAt'])
@Index('notifications_duty_idx', ['dutyId'])
// One (journey, sentence) is one ULS reminder per recipient; the sweep's "already reminded?" reads it.
@Index('notifications_uls_reminder_key', ['journeyId', 'outcomeId', 'recipientEmail'], { unique: true, where: `kind = 'uls_reminder'` })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. `duty-due-soon:<dutyId>:<recipient email>`: what makes two sends "the same email". */
  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  kind: NotificationKind;

  @Column({ type: 'uuid', nullable: true })
  dutyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  journeyId: string | null;

  @Column({ type: 'uuid', nullable: true })
  areaId: string | null;

  /** The sentence (court outcome) a ULS reminder is about, as its `court.sentence` event names it. */
  @Column({ type: 'text', nullable: true })
  outcomeId: string | null;

  @Column({ type: 'uuid', nullable: true })
  recipientUserId: string | null;

  @Column({ type: 'text' })
  recipientEmail: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', default: 'pending' })
  status: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Error class and SMTP response code only (`EENVELOPE 451`), never a server's message. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  /** A planned reminder's moment: each person's pending rows of one kind go out as one email. */
  @Column({ type: 'timestamptz', nullable: true })
  momentAt: Date | null;
}
