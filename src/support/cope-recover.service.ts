import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  COPE_RECOVER_FRAMEWORKS,
  DEFAULT_FRAMEWORK_VERSION,
  frameworkByVersion,
  scoreChange,
  validateAnswers,
  type EndScoreMissingReason,
} from '../../libs/cope-recover/src/index.js';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyRef } from '../journeys/journey-ref.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import type { CopeRecoverMeasureView, CopeRecoverResponse, RecordEndScoreRequest, RecordStartScoreRequest } from './dto/cope-recover.dto.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { CopeRecoverRepository } from './cope-recover.repository.js';
import { SupportError } from './support.errors.js';
import type { CopeRecoverPoint } from './support-vocabulary.js';

/** A measure to record: answers under a framework, or (at the end only) the reason there are none. */
export interface MeasureInput {
  point: CopeRecoverPoint;
  frameworkVersion: string;
  answers: Record<string, number> | null;
  missingReason: EndScoreMissingReason | null;
  takenAt: Date;
}

/**
 * The cope-and-recover outcome measure (libs/cope-recover) at the start and the end of
 * support. Needs assessment and closure record a measure given inline through `record`,
 * in their own transaction.
 */
@Injectable()
export class CopeRecoverService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly measures: CopeRecoverRepository,
  ) {}

  /**
   * Checks answers against their framework, naming each problem `<prefix>.<domain>`;
   * an unknown framework version is named `versionField`.
   */
  answersProblems(answers: Record<string, unknown>, frameworkVersion: string, prefix: string, versionField: string): FieldProblem[] {
    if (!Object.hasOwn(COPE_RECOVER_FRAMEWORKS, frameworkVersion)) {
      return [{ field: versionField, message: `must be one of ${Object.keys(COPE_RECOVER_FRAMEWORKS).join(', ')}` }];
    }
    return validateAnswers(frameworkByVersion(frameworkVersion), answers).map((problem) => ({
      field: `${prefix}.${problem.domain}`,
      message: problem.message,
    }));
  }

  async start(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordStartScoreRequest) {
    const frameworkVersion = request.frameworkVersion ?? DEFAULT_FRAMEWORK_VERSION;
    const takenAt = request.takenAt ? new Date(request.takenAt) : this.work.now();
    const problems = [...this.answersProblems(request.answers, frameworkVersion, 'answers', 'frameworkVersion'), ...this.work.notInFuture('takenAt', takenAt)];
    if (problems.length > 0) throw validationFailed(problems);
    return this.recordAlone(actor, journeyId, expectedVersion, {
      point: 'start',
      frameworkVersion,
      answers: request.answers as Record<string, number>,
      missingReason: null,
      takenAt,
    });
  }

  async end(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordEndScoreRequest) {
    const takenAt = request.takenAt ? new Date(request.takenAt) : this.work.now();
    const problems = this.work.notInFuture('takenAt', takenAt);
    if ((request.answers === undefined) === (request.missingReason === undefined)) {
      problems.push({ field: 'answers', message: 'send either answers or missingReason, not both' });
    }
    if (problems.length > 0) throw validationFailed(problems);
    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      const frameworkVersion = await this.frameworkOfStart(tx, journey.id);
      if (request.answers) {
        const answerProblems = this.answersProblems(request.answers, frameworkVersion, 'answers', 'frameworkVersion');
        if (answerProblems.length > 0) throw validationFailed(answerProblems);
      }
      const input: MeasureInput = {
        point: 'end',
        frameworkVersion,
        answers: (request.answers as Record<string, number> | undefined) ?? null,
        missingReason: request.missingReason ?? null,
        takenAt,
      };
      return this.recordInJourney(tx, actor, journey, input);
    });
  }

  /** The framework an end measure is taken under: the start's, so the two can be compared. */
  async frameworkOfStart(tx: EntityManager, journeyId: string): Promise<string> {
    const start = await this.current(tx, journeyId, 'start');
    return start?.frameworkVersion ?? DEFAULT_FRAMEWORK_VERSION;
  }

  private recordAlone(actor: Actor, journeyId: string, expectedVersion: number | undefined, input: MeasureInput) {
    return this.work.command(actor, journeyId, expectedVersion, (tx, journey) => this.recordInJourney(tx, actor, journey, input));
  }

  private async recordInJourney(tx: EntityManager, actor: Actor, journey: JourneyRef, input: MeasureInput) {
    const { measure, event } = await this.record(tx, actor, journey, input);
    const change = await this.ledger.record(tx, actor, journey, [event]);
    return { body: measure, version: change.journey.version };
  }

  /**
   * Stores a measure, audited, and answers the timeline event for the caller to record
   * with its own. One current measure per point: a second is a 409.
   */
  async record(tx: EntityManager, actor: Actor, journey: JourneyRef, input: MeasureInput): Promise<{ measure: CopeRecoverMeasureView; event: NewJourneyEvent }> {
    if (await this.current(tx, journey.id, input.point)) {
      throw SupportError.of('COPE_RECOVER_ALREADY_RECORDED', `The journey already has a current ${input.point} measure`, { point: input.point });
    }
    const id = randomUUID();
    const measure = await this.measures.insert(tx, { id, areaId: journey.areaId, journeyId: journey.id, ...input, recordedBy: actor.userId });
    await this.audit.record(tx, actor, {
      action: 'create',
      entityType: 'cope_recover_measure',
      entityId: id,
      areaId: journey.areaId,
      details: { journeyId: journey.id, point: input.point, answered: input.answers !== null },
    });
    return {
      measure,
      event: serviceEvent('cope-recover.recorded', input.takenAt, { point: input.point, frameworkVersion: input.frameworkVersion, measureId: id }),
    };
  }

  current(tx: EntityManager, journeyId: string, point: CopeRecoverPoint): Promise<CopeRecoverMeasureView | null> {
    return this.measures.current(tx, journeyId, point);
  }

  /** Marks the current end measure superseded, so a reopened journey needs a new one to close. */
  supersedeEnd(tx: EntityManager, journeyId: string, at: Date): Promise<string | null> {
    return this.measures.supersedeEnd(tx, journeyId, at);
  }

  get(actor: Actor, journeyId: string): Promise<CopeRecoverResponse> {
    return this.work.read(actor, journeyId, 'cope_recover', async (tx) => {
      const start = await this.current(tx, journeyId, 'start');
      const end = await this.current(tx, journeyId, 'end');
      const comparable = start?.answers && end?.answers && start.frameworkVersion === end.frameworkVersion;
      const change = comparable ? scoreChange(frameworkByVersion(start.frameworkVersion), start.answers!, end.answers!) : null;
      return {
        start,
        end,
        change: change ? { ...change, domains: change.domains.map((domain) => ({ ...domain })), worsenedDomains: [...change.worsenedDomains] } : null,
      };
    });
  }
}
