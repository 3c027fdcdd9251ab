import { Injectable } from '@nestjs/common';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import { notFound } from '../app/common.errors.js';
import { TransactionRunner } from '../database/transaction.js';
import { CourtRecords } from './court-records.repository.js';
import type { CourtsResponse, EffectivenessReasonsResponse } from './dto/court-views.dto.js';
import { EFFECTIVENESS_REASON_CODES, EFFECTIVENESS_REASONS } from './trial-effectiveness.js';

/**
 * The court list of the caller's areas and the courts' trial effectiveness reason codes:
 * reference data with no personal data in it, so reads are not audited.
 */
@Injectable()
export class CourtsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly records: CourtRecords,
  ) {}

  courts(actor: Actor, areaId: string | undefined): Promise<CourtsResponse> {
    const scope = AccessScope.of(actor);
    if (areaId && !scope.allows(areaId)) throw notFound('The area');
    return this.transactions.run(async (tx) => ({ items: await this.records.courts(tx, areaId ? scope.within(areaId) : scope) }));
  }

  effectivenessReasons(): EffectivenessReasonsResponse {
    return {
      items: EFFECTIVENESS_REASON_CODES.map((code) => ({ code, ...EFFECTIVENESS_REASONS[code], explains: [...EFFECTIVENESS_REASONS[code].explains] })),
    };
  }
}
