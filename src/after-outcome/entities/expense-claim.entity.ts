import { Column, Entity, Index } from 'typeorm';
import { VersionedEntity } from '../../database/base.entity.js';
import type { ExpenseClaimStatus, ExpenseRefusalReason } from '../after-outcome-vocabulary.js';

/** A witness's claim for expenses (Code right 10), which the CPS pays or refuses. Amounts in pence. */
@Entity({ name: 'expense_claims' })
@Index('expense_claims_journey_idx', ['journeyId', 'receivedAt'])
export class ExpenseClaim extends VersionedEntity {
  @Column({ type: 'uuid' }) areaId: string;
  @Column({ type: 'uuid' }) journeyId: string;
  @Column({ type: 'timestamptz' }) receivedAt: Date;
  @Column({ type: 'integer', nullable: true }) amountClaimedPence: number | null;
  @Column({ type: 'text' }) status: ExpenseClaimStatus;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'integer', nullable: true }) amountPaidPence: number | null;
  @Column({ type: 'text', nullable: true }) refusalReason: ExpenseRefusalReason | null;
  @Column({ type: 'uuid' }) createdBy: string;
}
