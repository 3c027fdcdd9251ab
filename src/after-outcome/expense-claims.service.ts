import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent } from '../journeys/journey-events.js';
import { JourneyWork } from '../journeys/journey-work.js';
import type { CommandAnswer } from './command-answer.js';
import type { DecideExpenseClaimRequest, ExpenseClaimResponse, ExpenseClaimsResponse, RecordExpenseClaimRequest } from './dto/expense-claim.dto.js';
import { AfterOutcomeError } from './after-outcome.errors.js';
import { ExpenseClaimsRepository } from './expense-claims.repository.js';
import { VersionedRowSteps } from './versioned-row-steps.js';

/**
 * A witness's expense claim (Code right 10): received, which gives the CPS 10 working
 * days to pay or refuse it, and decided. Claims follow the trial, often after support
 * closed, so both are accepted on a closed journey.
 */
@Injectable()
export class ExpenseClaimsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly steps: VersionedRowSteps,
    private readonly claims: ExpenseClaimsRepository,
  ) {}

  async record(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordExpenseClaimRequest): Promise<CommandAnswer<ExpenseClaimResponse>> {
    const receivedAt = new Date(request.receivedAt);
    const problems = this.work.notInFuture('receivedAt', receivedAt);
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      expectedVersion,
      async (tx, journey) => {
        const id = randomUUID();
        await this.claims.insert(tx, {
          id,
          areaId: journey.areaId,
          journeyId: journey.id,
          receivedAt,
          amountClaimedPence: request.amountClaimedPence ?? null,
          createdBy: actor.userId,
        });
        await this.ledger.record(tx, actor, journey, [codeEvent('expenses.claim-received', receivedAt, { claimId: id }, { receivedAt })]);
        await this.audit.record(tx, actor, { action: 'create', entityType: 'expense_claim', entityId: id, areaId: journey.areaId, details: { journeyId: journey.id } });
        const claim = (await this.claims.byId(tx, id, journey.id))!;
        return { body: claim, version: claim.version };
      },
      { onClosedJourney: true },
    );
  }

  async decide(actor: Actor, journeyId: string, claimId: string, expectedVersion: number, request: DecideExpenseClaimRequest): Promise<ExpenseClaimResponse> {
    const decidedAt = new Date(request.decidedAt);
    const problems: FieldProblem[] = this.work.notInFuture('decidedAt', decidedAt);
    const paid = request.decision === 'paid';
    if (paid && request.amountPaidPence === undefined) problems.push({ field: 'amountPaidPence', message: 'is required when the claim is paid' });
    if (!paid && request.amountPaidPence !== undefined) problems.push({ field: 'amountPaidPence', message: 'is given only when the claim is paid' });
    if (!paid && request.refusalReason === undefined) problems.push({ field: 'refusalReason', message: 'is required when the claim is refused' });
    if (paid && request.refusalReason !== undefined) problems.push({ field: 'refusalReason', message: 'is given only when the claim is refused' });
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(
      actor,
      journeyId,
      undefined,
      (tx, journey) =>
        this.steps.apply(tx, actor, journey, this.claims, {
          entityType: 'expense_claim',
          id: claimId,
          expectedVersion,
          what: 'The expense claim',
          decide: (current) => {
            if (current.status !== 'received') throw AfterOutcomeError.of('EXPENSE_CLAIM_DECIDED', `The claim is already ${current.status}`);
            if (decidedAt < current.receivedAt) throw validationFailed([{ field: 'decidedAt', message: 'must not be before the claim was received' }]);
            return {
              changes: { status: request.decision, decidedAt, amountPaidPence: request.amountPaidPence ?? null, refusalReason: request.refusalReason ?? null },
              event: codeEvent('expenses.claim-decided', decidedAt, { claimId, decision: request.decision }),
              details: { decision: request.decision },
            };
          },
        }),
      { onClosedJourney: true },
    );
  }

  list(actor: Actor, journeyId: string): Promise<ExpenseClaimsResponse> {
    return this.work.read(actor, journeyId, 'expense_claims', async (tx) => ({
      items: await this.claims.ofJourney(tx, journeyId),
    }));
  }

}
