import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { CommonError, notFound } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { updateVersioned } from '../database/versioned-update.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import type { NewJourneyEvent } from '../journeys/journey-events.js';

/** What one step does to a row: its columns (snake_case), its timeline event, what the audit row says. */
export interface RowStep {
  changes: Record<string, unknown>;
  event: NewJourneyEvent;
  details: Record<string, unknown>;
}

/**
 * One step in the life of a row with its own version (a referral contacted, a complaint
 * answered, a claim paid), inside a command on its locked journey. The row is read after
 * the journey lock, so no other command on the journey can change it meanwhile; the
 * client's version is checked before any business rule, because whoever sends a stale copy
 * has not seen the change that may make the rule refuse.
 */
@Injectable()
export class VersionedRowSteps {
  constructor(
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
  ) {}

  async apply<Row extends { version: number }>(
    tx: EntityManager,
    actor: Actor,
    journey: JourneyRef,
    step: {
      table: string;
      entityType: string;
      id: string;
      expectedVersion: number;
      /** The row's name in messages: "The complaint". */
      what: string;
      /** The row as the API shows it, when it belongs to this journey. */
      read: () => Promise<Row | undefined>;
      decide: (row: Row) => RowStep;
    },
  ): Promise<Row> {
    const current = await step.read();
    if (!current) throw notFound(step.what);
    if (current.version !== step.expectedVersion) {
      throw CommonError.of('CONFLICT', `${step.what} was changed by someone else; reload it and try again`, { expectedVersion: step.expectedVersion });
    }
    const { changes, event, details } = step.decide(current);
    await updateVersioned(tx, { table: step.table, id: step.id, expectedVersion: step.expectedVersion, changes, what: step.what });
    await this.ledger.record(tx, actor, journey, [event]);
    await this.audit.record(tx, actor, {
      action: 'update',
      entityType: step.entityType,
      entityId: step.id,
      areaId: journey.areaId,
      details: { journeyId: journey.id, ...details },
    });
    return (await step.read())!;
  }
}
