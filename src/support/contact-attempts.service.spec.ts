import { beforeEach, describe, expect, it } from '@jest/globals';
import { JourneyFrame, refusal } from '../../test/support/journey-frame.fake.js';
import { InMemoryContactAttempts } from '../../test/support/support-repositories.fake.js';
import type { AppConfig } from '../app/config.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import type { RecordContactAttemptRequest } from './dto/contact-attempt.dto.js';

const UNABLE_TO_CONTACT_ATTEMPTS = 3;

describe('ContactAttemptsService', () => {
  let frame: JourneyFrame;
  let attempts: InMemoryContactAttempts;
  let service: ContactAttemptsService;

  beforeEach(() => {
    frame = new JourneyFrame({ now: '2026-03-05T12:00:00Z' });
    attempts = new InMemoryContactAttempts(frame.table());
    const config = { journeys: { unableToContactAttempts: UNABLE_TO_CONTACT_ATTEMPTS } } as AppConfig;
    service = new ContactAttemptsService(frame.work, frame.ledger, frame.audit, attempts, config);
  });

  const attempt = (overrides: Partial<RecordContactAttemptRequest> = {}): RecordContactAttemptRequest => ({
    method: 'phone',
    outcome: 'no_answer',
    attemptedAt: '2026-03-03T10:00:00Z',
    ...overrides,
  });
  const record = (overrides: Partial<RecordContactAttemptRequest> = {}, version?: number) => service.record(frame.actor, frame.journey.id, version, attempt(overrides));

  describe('refuses, naming every field at once', () => {
    it('an attempt in the future, supportWanted without contact and a next attempt before this one', async () => {
      const error = await refusal(() => record({ attemptedAt: '2026-03-06T12:00:00Z', supportWanted: 'accepted', nextAttemptAt: '2026-03-06T11:00:00Z' }));
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(error.extensions.errors).toEqual([
        { field: 'attemptedAt', message: 'must not be in the future' },
        { field: 'supportWanted', message: 'may only be given when the outcome is contacted' },
        { field: 'nextAttemptAt', message: 'must be after attemptedAt' },
      ]);
      expect(frame.recorded).toEqual([]);
    });

    it('a next attempt at the same instant as this one', async () => {
      const error = await refusal(() => record({ nextAttemptAt: '2026-03-03T10:00:00Z' }));
      expect(error.extensions.errors).toEqual([{ field: 'nextAttemptAt', message: 'must be after attemptedAt' }]);
    });

    it('an attempt before the referral was received', async () => {
      const error = await refusal(() => record({ attemptedAt: '2026-03-01T10:00:00Z' }));
      expect(error.extensions.errors).toEqual([{ field: 'attemptedAt', message: 'must not be before the referral was received' }]);
      expect(attempts.rows).toEqual([]);
    });
  });

  it('accepts an attempt dated a few minutes ahead of the server’s clock', async () => {
    await record({ attemptedAt: '2026-03-05T12:04:00Z' });
    expect(attempts.rows).toHaveLength(1);
  });

  it('refuses a closed journey, and a stale If-Match', async () => {
    frame.journey = { ...frame.journey, stage: 'closed' };
    expect(await refusal(() => record())).toMatchObject({ code: 'JOURNEY_CLOSED' });
    frame.journey = { ...frame.journey, stage: 'referred', version: 4 };
    expect(await refusal(() => record({}, 3))).toMatchObject({ code: 'CONFLICT' });
  });

  it('meets first contact on the first successful attempt and moves a referred journey to contacted', async () => {
    const answer = await record({ outcome: 'contacted' });
    expect(frame.eventTypes()).toEqual(['contact.attempted', 'contact.succeeded']);
    expect(frame.recorded[0]!.changes).toEqual({ firstContactedAt: new Date('2026-03-03T10:00:00Z'), stage: 'contacted' });
    expect(answer.version).toBe(2);
    expect(answer.body).toMatchObject({ journeyId: frame.journey.id, method: 'phone', outcome: 'contacted', recordedBy: frame.actor.userId });
  });

  it('records a later successful contact without meeting first contact again', async () => {
    frame.journey = { ...frame.journey, stage: 'in_support', firstContactedAt: new Date('2026-03-02T15:00:00Z') };
    await record({ outcome: 'contacted' });
    expect(frame.eventTypes()).toEqual(['contact.attempted']);
    expect(frame.recorded[0]!.changes).toEqual({});
  });

  it('leaves the stage of a journey past referral alone on its first contact', async () => {
    frame.journey = { ...frame.journey, stage: 'witness_care' };
    await record({ outcome: 'contacted' });
    expect(frame.recorded[0]!.changes).toEqual({ firstContactedAt: new Date('2026-03-03T10:00:00Z') });
  });

  describe('what the victim said about support', () => {
    it('accepted: support.accepted, once', async () => {
      await record({ outcome: 'contacted', supportWanted: 'accepted' });
      await record({ outcome: 'contacted', supportWanted: 'accepted', attemptedAt: '2026-03-04T10:00:00Z' });
      expect(frame.eventTypes()).toEqual(['contact.attempted', 'contact.succeeded', 'support.accepted', 'contact.attempted']);
    });

    it('accepted when the timeline already has it: nothing more', async () => {
      frame.history.push('support.accepted');
      await record({ outcome: 'contacted', supportWanted: 'accepted' });
      expect(frame.eventTypes()).toEqual(['contact.attempted', 'contact.succeeded']);
    });

    it('declined: support.declined naming the attempt', async () => {
      const answer = await record({ outcome: 'contacted', supportWanted: 'declined' });
      expect(frame.events[2]).toEqual({ type: 'support.declined', occurredAt: new Date('2026-03-03T10:00:00Z'), payload: { contactAttemptId: answer.body.id } });
    });

    it('undecided: told on the timeline only', async () => {
      await record({ outcome: 'contacted', supportWanted: 'undecided' });
      expect(frame.eventTypes()).toEqual(['contact.attempted', 'contact.succeeded']);
      expect(frame.events[0]!.payload).toMatchObject({ supportWanted: 'undecided' });
    });
  });

  describe('the attempts policy', () => {
    it('counts unsuccessful attempts and numbers every attempt', async () => {
      await record();
      await record({ outcome: 'left_message', attemptedAt: '2026-03-04T10:00:00Z' });
      expect(frame.recorded.map((entry) => entry.changes)).toEqual([{ unsuccessfulContactAttempts: 1 }, { unsuccessfulContactAttempts: 2 }]);
      expect(frame.payloads().map((payload) => payload.attemptNumber)).toEqual([1, 2]);
      expect(frame.audits.map((audit) => audit.details?.attemptNumber)).toEqual([1, 2]);
    });

    it('records the victim as unable to contact when the attempts run out before any contact, once', async () => {
      frame.journey = { ...frame.journey, unsuccessfulContactAttempts: UNABLE_TO_CONTACT_ATTEMPTS - 1 };
      await record();
      expect(frame.eventTypes()).toEqual(['contact.attempted', 'contact.unable-to-contact']);
      expect(frame.recorded[0]!.changes).toEqual({ unsuccessfulContactAttempts: 3, unableToContactAt: new Date('2026-03-03T10:00:00Z') });
      await record({ attemptedAt: '2026-03-04T10:00:00Z' });
      expect(frame.eventTypes()).toEqual(['contact.attempted', 'contact.unable-to-contact', 'contact.attempted']);
    });

    it('never for a victim already contacted', async () => {
      frame.journey = { ...frame.journey, unsuccessfulContactAttempts: 5, firstContactedAt: new Date('2026-03-02T15:00:00Z') };
      await record();
      expect(frame.eventTypes()).toEqual(['contact.attempted']);
    });
  });

  it('audits the attempt with ids and its number, never the notes', async () => {
    const answer = await record({ notes: 'No answer; did not leave a message' });
    expect(frame.audits).toEqual([
      {
        action: 'create',
        entityType: 'contact_attempt',
        entityId: answer.body.id,
        areaId: frame.journey.areaId,
        details: { journeyId: frame.journey.id, method: 'phone', outcome: 'no_answer', attemptNumber: 1 },
      },
    ]);
  });

  it('lists the journey’s attempts as an audited read', async () => {
    await record();
    expect((await service.list(frame.actor, frame.journey.id)).items).toHaveLength(1);
    expect(frame.reads).toEqual(['contact_attempts']);
  });
});
