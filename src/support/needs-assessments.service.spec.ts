import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryCopeRecover, InMemoryNeedsAssessments } from '../../test/support/support-repositories.fake.js';
import { CopeRecoverService } from './cope-recover.service.js';
import type { RecordNeedsAssessmentRequest } from './dto/needs-assessment.dto.js';
import { NeedsAssessmentsService } from './needs-assessments.service.js';
import { NEED_AREAS } from './support-vocabulary.js';

const ANSWERS = { health_wellbeing: 2, safety: 2, everyday_life: 3, informed: 1, justice_engagement: 2, support_network: 3 };
const EVERY_NEED = NEED_AREAS.map((area) => ({ area, level: 'low' as const }));

describe('NeedsAssessmentsService', () => {
  let frame: JourneyFrame;
  let assessments: InMemoryNeedsAssessments;
  let measures: InMemoryCopeRecover;
  let service: NeedsAssessmentsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-03-20T12:00:00Z', journey: { stage: 'contacted', firstContactedAt: new Date('2026-03-03T10:00:00Z') } });
    assessments = new InMemoryNeedsAssessments(frame.table());
    measures = new InMemoryCopeRecover(frame.table());
    const copeRecover = new CopeRecoverService(frame.work, frame.ledger, frame.audit, measures);
    service = new NeedsAssessmentsService(frame.work, frame.ledger, frame.audit, copeRecover, assessments);
  });

  const assessment = (overrides: Partial<RecordNeedsAssessmentRequest> = {}): RecordNeedsAssessmentRequest => ({
    completedAt: '2026-03-10T10:00:00Z',
    needs: EVERY_NEED,
    decision: 'declined',
    ...overrides,
  });
  const record = (overrides: Partial<RecordNeedsAssessmentRequest> = {}) => service.record(frame.actor, frame.journey.id, frame.journey.version, assessment(overrides));

  describe('refuses, naming every field at once', () => {
    it('a need assessed twice, need areas missing, a signposting without where to, a bad start score', async () => {
      const needs = [...EVERY_NEED.slice(2), { area: 'housing' as const, level: 'high' as const }];
      const error = await refusal(() =>
        record({ needs, decision: 'signposted', startScore: { answers: { ...ANSWERS, safety: 9 }, takenAt: '2026-03-21T12:00:00Z' } }),
      );
      expect(error.extensions.errors).toEqual([
        { field: `needs[${needs.length - 1}].area`, message: 'assesses housing a second time' },
        { field: 'needs', message: 'must assess every need area; missing health_wellbeing, mental_emotional' },
        { field: 'signpostedTo', message: 'is required when the victim is signposted' },
        { field: 'startScore.answers.safety', message: 'safety must be from 1 to 5, got 9' },
        { field: 'startScore.takenAt', message: 'must not be in the future' },
      ]);
    });

    it('where to signpost when the victim is not signposted', async () => {
      expect((await refusal(() => record({ signpostedTo: 'Citizens Advice' }))).extensions.errors).toEqual([
        { field: 'signpostedTo', message: 'is only given when the victim is signposted' },
      ]);
    });

    it('an assessment in the future, or before the referral', async () => {
      expect((await refusal(() => record({ completedAt: '2026-03-21T12:00:00Z' }))).extensions.errors).toEqual([{ field: 'completedAt', message: 'must not be in the future' }]);
      expect((await refusal(() => record({ completedAt: '2026-03-01T12:00:00Z' }))).extensions.errors).toEqual([
        { field: 'completedAt', message: 'must not be before the referral was received' },
      ]);
    });
  });

  it('needs the contact with the victim on the record first', async () => {
    frame.journey = { ...frame.journey, firstContactedAt: null };
    expect(await refusal(() => record())).toMatchObject({ code: 'CONTACT_NOT_RECORDED' });
    expect(assessments.rows).toEqual([]);
  });

  describe('the victim’s decision', () => {
    it('accepted, with a start score given inline: support starts, the Code events in order', async () => {
      const answer = await record({ decision: 'accepted', startScore: { answers: ANSWERS } });
      expect(frame.eventTypes()).toEqual(['cope-recover.recorded', 'needs-assessment.completed', 'support.accepted']);
      expect(frame.recorded[0]!.changes).toEqual({ stage: 'in_support', supportStartedAt: new Date('2026-03-10T10:00:00Z') });
      // The start score is taken when the assessment was, unless said otherwise.
      expect(measures.rows[0]).toMatchObject({ point: 'start', takenAt: new Date('2026-03-10T10:00:00Z') });
      expect(answer.body.needs).toHaveLength(NEED_AREAS.length);
      expect(answer.version).toBe(2);
    });

    it('accepted without a start score on record: refused', async () => {
      expect(await refusal(() => record({ decision: 'accepted' }))).toMatchObject({
        code: 'START_SCORE_REQUIRED',
        extensions: { errors: [{ field: 'startScore', message: 'a start score is required before support begins' }] },
      });
    });

    it('accepted with the start score recorded before, and support already accepted on contact', async () => {
      measures.rows.push({ id: 'm-1', journeyId: frame.journey.id, point: 'start', frameworkVersion: 'cr-1', answers: ANSWERS, missingReason: null, takenAt: new Date('2026-03-09T10:00:00Z'), recordedBy: frame.actor.userId, supersededAt: null });
      frame.history.push('support.accepted');
      frame.journey = { ...frame.journey, supportStartedAt: new Date('2026-03-09T10:00:00Z') };
      await record({ decision: 'accepted' });
      expect(frame.eventTypes()).toEqual(['needs-assessment.completed']);
      expect(frame.recorded[0]!.changes).toEqual({ stage: 'in_support', supportStartedAt: new Date('2026-03-09T10:00:00Z') });
    });

    it('declined or signposted: assessed, with the decision on the timeline naming the assessment', async () => {
      const declined = await record({ decision: 'declined' });
      expect(frame.events.slice(-1)[0]).toEqual({ type: 'support.declined', occurredAt: new Date('2026-03-10T10:00:00Z'), payload: { assessmentId: declined.body.id } });
      const signposted = await service.record(frame.actor, frame.journey.id, frame.journey.version, assessment({ decision: 'signposted', signpostedTo: 'Citizens Advice' }));
      expect(frame.events.slice(-1)[0]).toEqual({ type: 'support.signposted', occurredAt: new Date('2026-03-10T10:00:00Z'), payload: { assessmentId: signposted.body.id } });
      expect(frame.recorded.map((entry) => entry.changes)).toEqual([{ stage: 'assessed' }, { stage: 'assessed' }]);
    });
  });

  it('refuses a stale If-Match before anything is written', async () => {
    expect(await refusal(() => service.record(frame.actor, frame.journey.id, frame.journey.version + 1, assessment()))).toMatchObject({ code: 'CONFLICT' });
    expect(assessments.rows).toEqual([]);
  });

  it('refuses a start score given inline when one is already recorded', async () => {
    await record({ decision: 'accepted', startScore: { answers: ANSWERS } });
    expect(await refusal(() => record({ decision: 'accepted', startScore: { answers: ANSWERS } }))).toMatchObject({ code: 'COPE_RECOVER_ALREADY_RECORDED' });
    expect(assessments.rows).toHaveLength(1);
  });

  it('audits the decision and whether a start score came with it', async () => {
    const answer = await record({ decision: 'accepted', startScore: { answers: ANSWERS } });
    expect(frame.audits.map((audit) => [audit.entityType, audit.details])).toEqual([
      ['cope_recover_measure', { journeyId: frame.journey.id, point: 'start', answered: true }],
      ['needs_assessment', { journeyId: frame.journey.id, decision: 'accepted', startScoreRecorded: true }],
    ]);
    expect(frame.audits[1]!.entityId).toBe(answer.body.id);
  });
});
