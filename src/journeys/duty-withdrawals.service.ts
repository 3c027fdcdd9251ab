import { Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { Clock } from '../app/clock.js';
import { notFound } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import type { DutyView } from './dto/journey.dto.js';
import type { WithdrawDutyRequest } from './dto/journey-management.dto.js';
import { codeEvent } from './journey-events.js';
import { JourneyLedger } from './journey-ledger.js';
import { DutyWithdrawalError } from './journeys.errors.js';
import { dutyView } from './journeys.service.js';

const DUTY_COLUMNS = `id, key, rule_id, rule_set_version, code_right, owner, subject, opened_at, due_at, enhanced, status, met_at,
                      working_days_late, withdrawn_reason, withdrawn_at`;

/**
 * A supervisor's correction of one duty (VICTIMS_CODE.md "Discharge rules"): withdrawn as
 * recorded in error, as a duplicate, or as not applicable to this victim, with a note.
 * The withdrawal is a `duty.withdrawn` event on the timeline; the note stays on the duty
 * row. Recorded in error and duplicate say the duty was never owed: they may withdraw it
 * even past due, and compliance leaves it out (libs/victims-code leavesCompliance);
 * `not_applicable` may not erase a breach.
 */
@Injectable()
export class DutyWithdrawalsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  withdraw(actor: Actor, journeyId: string, dutyId: string, expectedVersion: number, request: WithdrawDutyRequest): Promise<{ duty: DutyView; journeyVersion: number }> {
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId, expectedVersion);
      const [duty]: Array<{ id: string; key: string; status: string }> = await tx.query(
        `SELECT id, key, status FROM duties WHERE id = $1 AND journey_id = $2`,
        [dutyId, journey.id],
      );
      if (!duty) throw notFound('The duty');
      if (duty.status !== 'open' && duty.status !== 'breached') {
        throw DutyWithdrawalError.of('DUTY_NOT_OWED', `The duty is ${duty.status}: only a duty still owed can be withdrawn`);
      }
      const now = this.clock.now();
      const change = await this.ledger.record(tx, actor, journey, [codeEvent('duty.withdrawn', now, { dutyKey: duty.key, reason: request.reason })]);
      if (change.unmatched.some((unmatched) => unmatched.reason === 'past_due')) {
        throw DutyWithdrawalError.of('DUTY_PAST_DUE', 'The duty is past due: a breach is withdrawn only as recorded in error or a duplicate');
      }
      await tx.query(`UPDATE duties SET withdrawn_by = $2, withdrawal_note = $3 WHERE id = $1`, [duty.id, actor.userId, request.note]);
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: 'duty',
        entityId: duty.id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, change: 'withdrawn', reason: request.reason, dutyKey: duty.key },
      });
      const [row]: Array<Record<string, unknown>> = await tx.query(`SELECT ${DUTY_COLUMNS} FROM duties WHERE id = $1`, [duty.id]);
      return { duty: dutyView(row, now), journeyVersion: change.journey.version };
    });
  }
}
