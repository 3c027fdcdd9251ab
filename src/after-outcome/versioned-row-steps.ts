import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { CommonError, notFound } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import type { NewJourneyEvent } from '../journeys/journey-events.js';

/** What one step does to a row: its changes, its timeline event, what the audit row says. */
export interface RowStep<Changes> {
  changes: Changes;
  event: NewJourneyEvent;
  details: Record<string, unknown>;
}

/** A repository of rows with their own version, each hanging off a journey. */
export interface VersionedRows<Row extends { version: number }, Changes> {
  /** The row as the API shows it, when it belongs to the journey; else null. */
  byId(tx: EntityManager, id: string, journeyId: string): Promise<Row | null>;
  /** Writes the changes at `expectedVersion` and moves the version on; else a 409 (or 404). */
  update(tx: EntityManager, id: string, expectedVersion: number, changes: Changes): Promise<void>;
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

  async apply<Row extends { version: number }, Changes>(
    tx: EntityManager,
    actor: Actor,
    journey: JourneyRef,
    rows: VersionedRows<Row, Changes>,
    step: {
      entityType: string;
      id: string;
      expectedVersion: number;
      /** The row's name in messages: "The complaint". */
      what: string;
      decide: (row: Row) => RowStep<Changes>;
    },
  ): Promise<Row> {
    const current = await rows.byId(tx, step.id, journey.id);
    if (!current) throw notFound(step.what);
    if (current.version !== step.expectedVersion) {
      throw CommonError.of('CONFLICT', `${step.what} was changed by someone else; reload it and try again`, { expectedVersion: step.expectedVersion });
    }
    const { changes, event, details } = step.decide(current);
    await rows.update(tx, step.id, step.expectedVersion, changes);
    await this.ledger.record(tx, actor, journey, [event]);
    await this.audit.record(tx, actor, {
      action: 'update',
      entityType: step.entityType,
      entityId: step.id,
      areaId: journey.areaId,
      details: { journeyId: journey.id, ...details },
    });
    return (await rows.byId(tx, step.id, journey.id))!;
  }
}

/** A step's changes by column name (`{ respondedAt }` as `{ responded_at }`); what is left out stays. */
export function columnsOf<Changes extends object>(changes: Changes, columns: Record<keyof Changes, string>): Record<string, unknown> {
  const byColumn: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(changes)) if (value !== undefined) byColumn[columns[field as keyof Changes]] = value;
  return byColumn;
}
