import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { Clock, futureInstantProblems } from '../app/clock.js';
import { defineErrors, type FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { codeEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { CrimeWork } from './crime-work.js';
import type { RecordCorrectionRequest, RecordCorrectionResponse } from './dto/record-correction.dto.js';

export const CorrectionError = defineErrors({
  RECORD_NOT_ON_CRIME: { status: 422, title: 'No journey on this crime holds that record' },
});

/** The timeline events each kind of record is told as, and the payload field naming it. */
const RECORD_EVENTS = {
  police_decision: { types: ['police.decision-made'], idField: 'decisionId' },
  cps_decision: { types: ['cps.decision-made'], idField: 'decisionId' },
  hearing: { types: ['hearing.listed', 'hearing.moved', 'hearing.adjourned', 'hearing.vacated'], idField: 'hearingId' },
  bail_decision: { types: ['court.bail-decision'], idField: 'bailDecisionId' },
  outcome: { types: ['court.verdict', 'court.sentence'], idField: 'outcomeId' },
  appeal: { types: ['appeal.lodged', 'appeal.hearing-listed', 'appeal.decided'], idField: 'appealId' },
} as const;
const APPEAL_STEP_TYPES = { lodged: 'appeal.lodged', hearing_listed: 'appeal.hearing-listed', decided: 'appeal.decided' } as const;

interface RecordEvent {
  id: string;
  journey_id: string;
  type: string;
  occurred_at: Date;
  received_at: Date | null;
  reason: string | null;
}

/**
 * A supervisor's correction of a mistaken record on a crime (a decision, a hearing
 * version, a bail decision, a verdict or sentence, an appeal step), told to every journey
 * on the crime that holds it. Nothing is deleted: `record.voided` or `record.corrected` is
 * added to each timeline beside the record, and libs/victims-code reads the journey as
 * corrected: voiding withdraws the duties still owed that the record's news opened (as
 * recorded in error: they leave compliance), a correction re-times them.
 */
@Injectable()
export class RecordCorrectionsService {
  constructor(
    private readonly crimeWork: CrimeWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  correct(actor: Actor, crimeId: string, request: RecordCorrectionRequest): Promise<RecordCorrectionResponse> {
    const now = this.clock.now();
    const occurredAt = request.occurredAt ? new Date(request.occurredAt) : undefined;
    const receivedAt = request.receivedAt ? new Date(request.receivedAt) : undefined;
    const problems: FieldProblem[] = futureInstantProblems({ occurredAt, receivedAt }, now);
    if (request.action === 'void' && !request.reason) problems.push({ field: 'reason', message: 'is required to void a record' });
    if (request.action === 'correct' && !occurredAt && !receivedAt) {
      problems.push({ field: 'occurredAt', message: 'give occurredAt, receivedAt or both to correct a record' });
    }
    if (problems.length > 0) throw validationFailed(problems);

    return this.crimeWork.command(actor, crimeId, async (tx, crime) => {
      const events = await this.recordEvents(tx, crime.id, request);
      if (events.length === 0) throw CorrectionError.of('RECORD_NOT_ON_CRIME', `No journey on this crime holds ${request.subjectKind} ${request.subjectId}`, { field: 'subjectId' });
      const byJourney = new Map<string, RecordEvent[]>();
      for (const event of events) byJourney.set(event.journey_id, [...(byJourney.get(event.journey_id) ?? []), event]);

      if (request.action === 'correct') this.checkInstants(events, occurredAt, receivedAt);
      const changes = await this.crimeWork.recordOnJourneys(tx, actor, crime, (journey) => {
        const held = byJourney.get(journey.id);
        if (!held) return null;
        return { events: request.action === 'void' ? [this.voided(request, now)] : this.corrections(held, occurredAt, receivedAt, now) };
      });
      await this.audit.record(tx, actor, {
        action: 'update',
        entityType: request.subjectKind,
        entityId: request.subjectId,
        areaId: crime.areaId,
        details: {
          crimeId: crime.id,
          correction: request.action,
          reason: request.reason ?? null,
          hearingVersion: request.hearingVersion ?? null,
          appealStage: request.appealStage ?? null,
          journeyIds: changes.map((change) => change.journey.id),
        },
      });
      return {
        action: request.action,
        subjectKind: request.subjectKind,
        subjectId: request.subjectId,
        journeys: changes.map((change) => ({
          journeyId: change.journey.id,
          eventIds: (byJourney.get(change.journey.id) ?? []).map((event) => event.id),
          dutiesChanged: change.changed.length,
        })),
      };
    });
  }

  /** The crime's timeline events that tell this record (late-referral copies included: they are the same news). */
  private async recordEvents(tx: EntityManager, crimeId: string, request: RecordCorrectionRequest): Promise<RecordEvent[]> {
    const spec = RECORD_EVENTS[request.subjectKind];
    let types: readonly string[] = spec.types;
    if (request.subjectKind === 'appeal' && request.appealStage) types = [APPEAL_STEP_TYPES[request.appealStage]];
    if (request.subjectKind === 'outcome' && request.outcomeStep) types = [request.outcomeStep === 'verdict' ? 'court.verdict' : 'court.sentence'];
    return tx.query(
      `SELECT e.id, e.journey_id, e.type, e.occurred_at, e.received_at, e.reason
         FROM journey_events e JOIN journeys j ON j.id = e.journey_id
        WHERE j.crime_id = $1 AND e.type = ANY($2::text[]) AND e.payload->>$3 = $4
          AND ($5::int IS NULL OR (e.payload->>'version')::int = $5)
        ORDER BY e.seq`,
      [crimeId, types, spec.idField, request.subjectId, request.subjectKind === 'hearing' ? request.hearingVersion ?? null : null],
    );
  }

  private voided(request: RecordCorrectionRequest, at: Date): NewJourneyEvent {
    return codeEvent('record.voided', at, {
      subjectKind: request.subjectKind,
      subjectId: request.subjectId,
      ...(request.hearingVersion !== undefined ? { hearingVersion: request.hearingVersion } : {}),
      ...(request.appealStage !== undefined ? { appealStage: request.appealStage } : {}),
      reason: request.reason!,
    });
  }

  /** One correction per event as first recorded; a late referral's copy keeps its own receipt (the referral's). */
  private corrections(held: readonly RecordEvent[], occurredAt: Date | undefined, receivedAt: Date | undefined, at: Date): NewJourneyEvent[] {
    return held.map((event) =>
      codeEvent('record.corrected', at, {
        eventId: event.id,
        ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}),
        ...(receivedAt && event.reason === null ? { receivedAt: receivedAt.toISOString() } : {}),
      }),
    );
  }

  /** News cannot arrive before it happens, as corrected. */
  private checkInstants(events: readonly RecordEvent[], occurredAt: Date | undefined, receivedAt: Date | undefined): void {
    for (const event of events) {
      const occurred = occurredAt ?? new Date(event.occurred_at);
      const received = event.reason === null ? receivedAt ?? (event.received_at ? new Date(event.received_at) : null) : null;
      if (received && received.getTime() < occurred.getTime()) {
        throw validationFailed([{ field: receivedAt ? 'receivedAt' : 'occurredAt', message: 'must leave the news received at or after it happened' }]);
      }
    }
  }
}
