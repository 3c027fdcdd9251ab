import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { AttendanceOutcome, FollowUpNote, FollowUpStatus, NonAttendanceReason } from '../witness-vocabulary.js';

/** Whether a witness came to a hearing; a failure to attend opens a follow-up until resolved. */
@Entity({ name: 'witness_attendances' })
@Index('witness_attendances_key', ['journeyId', 'hearingId'], { unique: true })
export class WitnessAttendance extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid' }) hearingId: string;
  @Column({ type: 'text' }) outcome: AttendanceOutcome;
  @Column({ type: 'text', nullable: true }) reason: NonAttendanceReason | null;
  @Column({ type: 'uuid' }) recordedBy: string;
  @Column({ type: 'text', nullable: true }) followUpStatus: FollowUpStatus | null;
  @Column({ type: 'timestamptz', nullable: true }) followUpResolvedAt: Date | null;
  @Column({ type: 'text', nullable: true }) followUpNote: FollowUpNote | null;
}
