import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import type { FieldProblem } from '../app/domain-error.js';
import { TransactionRunner } from '../database/transaction.js';
import type { JourneyRef } from './journey-ref.js';
import { JourneyLedger } from './journey-ledger.js';
import { JourneysService } from './journeys.service.js';
import type { JourneyEventType } from './journey-events.js';
import { JourneyWorkError } from './journeys.errors.js';

/** The journey a read is about: only what scoping and auditing need. */
export interface JourneyInScope {
  id: string;
  areaId: string;
}

/**
 * The frame every journey-level command and read runs in (support, investigation, court,
 * witness care, after-outcome): one transaction, the journey locked
 * through the ledger (out of scope: 404, audited; stale If-Match: 409) and refused when
 * closed; reads find the journey in the caller's scope and audit the read.
 */
@Injectable()
export class JourneyWork {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly ledger: JourneyLedger,
    private readonly journeys: JourneysService,
    private readonly clock: Clock,
  ) {}

  command<T>(
    actor: Actor,
    journeyId: string,
    expectedVersion: number | undefined,
    work: (tx: EntityManager, journey: JourneyRef) => Promise<T>,
    options: { onClosedJourney?: boolean } = {},
  ): Promise<T> {
    return this.transactions.run(async (tx) => {
      const journey = await this.ledger.lock(tx, actor, journeyId, expectedVersion);
      if (journey.stage === 'closed' && !options.onClosedJourney) {
        throw JourneyWorkError.of('JOURNEY_CLOSED', `Journey ${journey.reference} is closed; reopen it before recording more work on it`);
      }
      return work(tx, journey);
    });
  }

  /**
   * A read of the journey's records, audited as a read of the journey (as JourneysService
   * does, so one query answers "who looked at this victim's journey"), naming `what`.
   * Another area's journey is not found.
   */
  read<T>(actor: Actor, journeyId: string, what: string, work: (tx: EntityManager, journey: JourneyInScope) => Promise<T>): Promise<T> {
    return this.journeys.readInScope(actor, journeyId, what, (tx, journey) => work(tx, { id: journey.id, areaId: journey.areaId }));
  }

  hasEvent(tx: EntityManager, journeyId: string, type: JourneyEventType): Promise<boolean> {
    return this.ledger.hasEvent(tx, journeyId, type);
  }

  /** A problem when an instant the client tells us about has not happened yet. */
  notInFuture(field: string, instant: Date | null | undefined): FieldProblem[] {
    return futureInstantProblems({ [field]: instant }, this.clock.now());
  }

  now(): Date {
    return this.clock.now();
  }
}
