import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An interpreter booked for a witness at a hearing, in an ISO 639 language. */
@Entity({ name: 'interpreter_bookings' })
@Index('interpreter_bookings_key', ['journeyId', 'hearingId', 'language'], { unique: true })
export class InterpreterBooking {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'uuid' }) hearingId: string;
  @Column({ type: 'text' }) language: string;
  @Column({ type: 'timestamptz' }) bookedAt: Date;
  @Column({ type: 'uuid' }) bookedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
