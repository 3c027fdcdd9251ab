import { Injectable } from '@nestjs/common';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { validationFailed } from '../app/common.errors.js';
import { TransactionRunner } from '../database/transaction.js';
import { IdempotencyStore } from '../idempotency/idempotency.store.js';
import type { CreateReferralRequest, ReferralResponse } from './dto/referral.dto.js';
import { ReferralIntake, type ReferralResult } from './referral-intake.service.js';
import { referralProblems } from './referral-rules.js';
import { ReferralError } from './referrals.errors.js';

export interface ReferralAnswer {
  statusCode: 200 | 201;
  body: ReferralResponse;
  replayed: boolean;
}

export function toReferralResponse(result: ReferralResult): ReferralResponse {
  return {
    referralId: result.referralId,
    outcome: result.outcome,
    journeyId: result.journeyId,
    reference: result.reference,
    stage: result.stage,
    personId: result.personId,
    crimeId: result.crimeId,
    duties: result.duties.map((duty) => ({
      ruleId: duty.ruleId,
      owner: duty.owner,
      status: duty.status,
      dueAt: duty.dueAt.toISOString(),
      metAt: duty.metAt?.toISOString() ?? null,
    })),
  };
}

/** One referral through the API: checked, taken in by ReferralIntake, safe to retry with an Idempotency-Key. */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly intake: ReferralIntake,
    private readonly idempotency: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, request: CreateReferralRequest, idempotencyKey: string | null): Promise<ReferralAnswer> {
    const problems = referralProblems(request, AccessScope.of(actor), this.clock.now());
    const consentProblems = problems.filter((problem) => problem.field === 'consent.referral');
    if (problems.length > consentProblems.length) throw validationFailed(problems);
    if (consentProblems.length > 0) {
      throw ReferralError.of('REFERRAL_CONSENT_MISSING', consentProblems[0].message, { errors: consentProblems });
    }
    return this.transactions.run(async (tx) => {
      if (idempotencyKey) {
        const earlier = await this.idempotency.claim(tx, actor.userId, idempotencyKey, 'POST /referrals', request);
        if (earlier) return { statusCode: earlier.statusCode as 200 | 201, body: earlier.body as ReferralResponse, replayed: true };
      }
      const [result] = await this.intake.intake(tx, actor, [request], { kind: 'api' });
      const answer = { statusCode: result.outcome === 'created' ? 201 : 200, body: toReferralResponse(result) } as const;
      if (idempotencyKey) await this.idempotency.complete(tx, actor.userId, idempotencyKey, answer);
      return { ...answer, replayed: false };
    });
  }
}
