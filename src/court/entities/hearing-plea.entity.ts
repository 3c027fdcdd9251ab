import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Plea } from '../court-vocabulary.js';

/** A defendant's plea at a hearing they were listed for. */
@Entity({ name: 'hearing_pleas' })
export class HearingPlea {
  @PrimaryColumn({ type: 'uuid' })
  hearingId: string;

  @PrimaryColumn({ type: 'uuid' })
  defendantId: string;

  @Column({ type: 'text' })
  plea: Plea;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
