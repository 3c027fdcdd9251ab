import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DEFAULT_FRAMEWORK_VERSION } from '../../libs/cope-recover/src/index.js';
import type { Actor } from '../access/actor.js';
import type { FieldProblem } from '../app/domain-error.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import { JourneyLedger, type JourneyChanges } from '../journeys/journey-ledger.js';
import { codeEvent, serviceEvent, type NewJourneyEvent } from '../journeys/journey-events.js';
import { CopeRecoverService } from './cope-recover.service.js';
import type { NeedsAssessmentResponse, NeedsAssessmentsResponse, RecordNeedsAssessmentRequest } from './dto/needs-assessment.dto.js';
import { NeedsAssessmentsRepository } from './needs-assessments.repository.js';
import { JourneyWork } from '../journeys/journey-work.js';
import { SupportError } from './support.errors.js';
import { NEED_AREAS } from './support-vocabulary.js';

/**
 * The needs assessment (Code right 4): every need area assessed, and the victim's decision.
 * Accepting support starts it, and support may only start with a cope-and-recover start
 * score, so the outcome measure has a baseline for every supported victim.
 */
@Injectable()
export class NeedsAssessmentsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly copeRecover: CopeRecoverService,
    private readonly assessments: NeedsAssessmentsRepository,
  ) {}

  async record(actor: Actor, journeyId: string, expectedVersion: number, request: RecordNeedsAssessmentRequest): Promise<{ body: NeedsAssessmentResponse; version: number }> {
    const completedAt = new Date(request.completedAt);
    const startTakenAt = request.startScore?.takenAt ? new Date(request.startScore.takenAt) : completedAt;
    const problems: FieldProblem[] = [...this.work.notInFuture('completedAt', completedAt), ...needsProblems(request)];
    if ((request.decision === 'signposted') !== (request.signpostedTo !== undefined)) {
      problems.push({ field: 'signpostedTo', message: request.decision === 'signposted' ? 'is required when the victim is signposted' : 'is only given when the victim is signposted' });
    }
    if (request.startScore) {
      problems.push(
        ...this.copeRecover.answersProblems(request.startScore.answers, DEFAULT_FRAMEWORK_VERSION, 'startScore.answers', 'startScore'),
        ...this.work.notInFuture('startScore.takenAt', startTakenAt),
      );
    }
    if (problems.length > 0) throw validationFailed(problems);

    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      if (completedAt.getTime() < journey.referredAt.getTime()) {
        throw validationFailed([{ field: 'completedAt', message: 'must not be before the referral was received' }]);
      }
      // An assessment is made with the victim: the contact that made it possible is on the
      // record first, so the first-contact duty is met by a contact, not inferred.
      if (!journey.firstContactedAt) {
        throw SupportError.of('CONTACT_NOT_RECORDED', 'Record the successful contact with the victim before the needs assessment');
      }
      const events: NewJourneyEvent[] = [];
      if (request.startScore) {
        const { event } = await this.copeRecover.record(tx, actor, journey, {
          point: 'start',
          frameworkVersion: DEFAULT_FRAMEWORK_VERSION,
          answers: request.startScore.answers as Record<string, number>,
          missingReason: null,
          takenAt: startTakenAt,
        });
        events.push(event);
      } else if (request.decision === 'accepted' && !(await this.copeRecover.current(tx, journey.id, 'start'))) {
        throw SupportError.of('START_SCORE_REQUIRED', 'A start score is required before support begins: record one, or send it as startScore', {
          errors: [{ field: 'startScore', message: 'a start score is required before support begins' }],
        });
      }

      const id = randomUUID();
      await this.assessments.insert(tx, {
        id,
        areaId: journey.areaId,
        journeyId: journey.id,
        completedAt,
        assessedBy: actor.userId,
        decision: request.decision,
        signpostedTo: request.signpostedTo ?? null,
        notes: request.notes ?? null,
        needs: request.needs.map((need) => ({ area: need.area, level: need.level, notes: need.notes ?? null })),
      });

      events.push(codeEvent('needs-assessment.completed', completedAt, {}));
      const changes: JourneyChanges = {};
      if (request.decision === 'accepted') {
        // At one instant the engine applies support.accepted before needs-assessment.completed: the duty opens and is met.
        if (!(await this.work.hasEvent(tx, journey.id, 'support.accepted'))) events.push(codeEvent('support.accepted', completedAt, {}));
        changes.stage = 'in_support';
        changes.supportStartedAt = journey.supportStartedAt ?? completedAt;
      } else {
        changes.stage = 'assessed';
        events.push(serviceEvent(request.decision === 'declined' ? 'support.declined' : 'support.signposted', completedAt, { assessmentId: id }));
      }
      const change = await this.ledger.record(tx, actor, journey, events, changes);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'needs_assessment',
        entityId: id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, decision: request.decision, startScoreRecorded: request.startScore !== undefined },
      });
      const [body] = await this.assessments.list(tx, journey.id, id);
      return { body, version: change.journey.version };
    });
  }

  list(actor: Actor, journeyId: string): Promise<NeedsAssessmentsResponse> {
    return this.work.read(actor, journeyId, 'needs_assessments', async (tx) => ({ items: await this.assessments.list(tx, journeyId) }));
  }
}

/** Every need area exactly once, so a report can count every need of every assessed victim. */
function needsProblems(request: RecordNeedsAssessmentRequest): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  request.needs.forEach((need, index) => {
    if (seen.has(need.area)) problems.push({ field: `needs[${index}].area`, message: `assesses ${need.area} a second time` });
    seen.add(need.area);
  });
  const missing = NEED_AREAS.filter((area) => !seen.has(area));
  if (missing.length > 0) problems.push({ field: 'needs', message: `must assess every need area; missing ${missing.join(', ')}` });
  return problems;
}
