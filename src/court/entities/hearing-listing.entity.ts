import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HearingStatus, ListingChange } from '../court-vocabulary.js';

/** One version of a hearing as the court gave it: listed, moved, adjourned or vacated. */
@Entity({ name: 'hearing_listings' })
export class HearingListing {
  @PrimaryColumn({ type: 'uuid' })
  hearingId: string;

  /** The Code's hearing version this change made. */
  @PrimaryColumn({ type: 'integer' })
  listingVersion: number;

  @Column({ type: 'text' })
  change: ListingChange;

  @Column({ type: 'text' })
  status: HearingStatus;

  @Column({ type: 'uuid' })
  courtId: string;

  @Column({ type: 'timestamptz', nullable: true })
  listedFor: Date | null;

  /** The adjournment or vacation reason code, when the change has one. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
