import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsInstant } from '../../app/instant.js';
import {
  EXPENSE_CLAIM_STATUSES,
  EXPENSE_DECISIONS,
  EXPENSE_REFUSAL_REASONS,
  type ExpenseClaimStatus,
  type ExpenseDecision,
  type ExpenseRefusalReason,
} from '../after-outcome-vocabulary.js';

/** £100,000: far above any witness claim, low enough to catch a slip of the keyboard. */
const MAX_PENCE = 10_000_000;

export class RecordExpenseClaimRequest {
  @ApiProperty({ format: 'date-time', description: 'When the CPS received the claim' }) @IsInstant() receivedAt: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PENCE, example: 4250, description: 'The amount claimed, in pence' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE)
  amountClaimedPence?: number;
}

export class DecideExpenseClaimRequest {
  @ApiProperty({ enum: EXPENSE_DECISIONS }) @IsIn(EXPENSE_DECISIONS) decision: ExpenseDecision;
  @ApiProperty({ format: 'date-time' }) @IsInstant() decidedAt: string;

  @ApiPropertyOptional({ minimum: 0, maximum: MAX_PENCE, description: 'Required when paid: the amount paid, in pence' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PENCE)
  amountPaidPence?: number;

  @ApiPropertyOptional({ enum: EXPENSE_REFUSAL_REASONS, description: 'Required when refused' })
  @IsOptional()
  @IsIn(EXPENSE_REFUSAL_REASONS)
  refusalReason?: ExpenseRefusalReason;
}

export class ExpenseClaimResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) journeyId: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: Date;
  @ApiProperty({ nullable: true, type: Number }) amountClaimedPence: number | null;
  @ApiProperty({ enum: EXPENSE_CLAIM_STATUSES }) status: ExpenseClaimStatus;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The CPS’s deadline to pay or refuse (10 working days)' }) decideBy: Date | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: Date | null;
  @ApiProperty({ nullable: true, type: Number }) amountPaidPence: number | null;
  @ApiProperty({ enum: EXPENSE_REFUSAL_REASONS, nullable: true, type: String }) refusalReason: ExpenseRefusalReason | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ description: 'Send as If-Match (ETag) to record the decision' }) version: number;
}

export class ExpenseClaimsResponse {
  @ApiProperty({ type: [ExpenseClaimResponse], description: 'Newest first' }) items: ExpenseClaimResponse[];
}
