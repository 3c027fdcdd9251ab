import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger, type StoredJourneyEvent } from '../journeys/journey-ledger.js';
import type { JourneyEventType, NewJourneyEvent } from '../journeys/journey-events.js';
import { TimelineRepository, type TimelineFact } from './timeline.repository.js';

/**
 * Facts that need no row of their own (a statement offered or read, compensation
 * information given, property returned): the timeline event is the record. Recording one
 * audits it as a creation named by the event's id; reading them reads the timeline.
 */
@Injectable()
export class TimelineFacts {
  constructor(
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly timeline: TimelineRepository,
  ) {}

  async record(
    tx: EntityManager,
    actor: Actor,
    journey: JourneyRef,
    event: NewJourneyEvent,
    audited: { entityType: string; details: Record<string, unknown> },
  ): Promise<{ event: StoredJourneyEvent; version: number }> {
    const change = await this.ledger.record(tx, actor, journey, [event]);
    const [stored] = change.events;
    await this.audit.record(tx, actor, {
      action: 'create',
      entityType: audited.entityType,
      entityId: stored.id,
      areaId: journey.areaId,
      details: { journeyId: journey.id, ...audited.details },
    });
    return { event: stored, version: change.journey.version };
  }

  /** The journey's events of these types, oldest first (as they happened, then as recorded). */
  list(tx: EntityManager, journeyId: string, types: readonly JourneyEventType[]): Promise<TimelineFact[]> {
    return this.timeline.facts(tx, journeyId, types);
  }
}
