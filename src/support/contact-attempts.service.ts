import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { APP_CONFIG, type AppConfig } from '../app/config.js';
import { validationFailed } from '../app/common.errors.js';
import { AuditService } from '../audit/audit.service.js';
import type { JourneyChanges } from '../journeys/journey-ledger.js';
import { JourneyLedger } from '../journeys/journey-ledger.js';
import { codeEvent, serviceEvent } from '../journeys/journey-events.js';
import { ContactAttemptsRepository } from './contact-attempts.repository.js';
import type { ContactAttemptsResponse, RecordContactAttemptRequest } from './dto/contact-attempt.dto.js';
import { JourneyWork } from '../journeys/journey-work.js';

/**
 * Trying to reach a victim after referral (Code right 4). The first successful contact
 * meets the first-contact duty; when the attempts policy runs out first, the victim is
 * "unable to contact", which meets it too.
 */
@Injectable()
export class ContactAttemptsService {
  constructor(
    private readonly work: JourneyWork,
    private readonly ledger: JourneyLedger,
    private readonly audit: AuditService,
    private readonly attempts: ContactAttemptsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async record(actor: Actor, journeyId: string, expectedVersion: number | undefined, request: RecordContactAttemptRequest) {
    const attemptedAt = new Date(request.attemptedAt);
    const nextAttemptAt = request.nextAttemptAt ? new Date(request.nextAttemptAt) : null;
    const problems = this.work.notInFuture('attemptedAt', attemptedAt);
    if (request.supportWanted !== undefined && request.outcome !== 'contacted') {
      problems.push({ field: 'supportWanted', message: 'may only be given when the outcome is contacted' });
    }
    if (nextAttemptAt && nextAttemptAt.getTime() <= attemptedAt.getTime()) {
      problems.push({ field: 'nextAttemptAt', message: 'must be after attemptedAt' });
    }
    if (problems.length > 0) throw validationFailed(problems);

    return this.work.command(actor, journeyId, expectedVersion, async (tx, journey) => {
      // Before the referral there was nobody to contact; such a date is a typo the duties would silently ignore.
      if (attemptedAt.getTime() < journey.referredAt.getTime()) {
        throw validationFailed([{ field: 'attemptedAt', message: 'must not be before the referral was received' }]);
      }
      const id = randomUUID();
      const count = await this.attempts.count(tx, journey.id);
      const attempt = await this.attempts.insert(tx, {
        id,
        areaId: journey.areaId,
        journeyId: journey.id,
        method: request.method,
        outcome: request.outcome,
        attemptedAt,
        nextAttemptAt,
        notes: request.notes ?? null,
        recordedBy: actor.userId,
      });
      const attempted: Record<string, unknown> = { contactAttemptId: id, method: request.method, outcome: request.outcome, attemptNumber: count + 1 };
      // The victim's answer has no column of its own; `undecided` is kept here so the timeline tells it.
      if (request.supportWanted) attempted.supportWanted = request.supportWanted;
      const events = [serviceEvent('contact.attempted', attemptedAt, attempted)];
      const changes: JourneyChanges = {};
      if (request.outcome === 'contacted') {
        if (!journey.firstContactedAt) {
          events.push(codeEvent('contact.succeeded', attemptedAt, {}));
          changes.firstContactedAt = attemptedAt;
          if (journey.stage === 'referred') changes.stage = 'contacted';
        }
        if (request.supportWanted === 'accepted' && !(await this.work.hasEvent(tx, journey.id, 'support.accepted'))) {
          events.push(codeEvent('support.accepted', attemptedAt, {}));
        }
        if (request.supportWanted === 'declined') {
          events.push(serviceEvent('support.declined', attemptedAt, { contactAttemptId: id }));
        }
      } else {
        const unsuccessful = journey.unsuccessfulContactAttempts + 1;
        changes.unsuccessfulContactAttempts = unsuccessful;
        // The attempts policy: a victim never reached after N tries is closed off as unable to contact, once.
        if (unsuccessful >= this.config.journeys.unableToContactAttempts && !journey.firstContactedAt && !journey.unableToContactAt) {
          events.push(codeEvent('contact.unable-to-contact', attemptedAt, {}));
          changes.unableToContactAt = attemptedAt;
        }
      }
      const change = await this.ledger.record(tx, actor, journey, events, changes);
      await this.audit.record(tx, actor, {
        action: 'create',
        entityType: 'contact_attempt',
        entityId: id,
        areaId: journey.areaId,
        details: { journeyId: journey.id, method: request.method, outcome: request.outcome, attemptNumber: count + 1 },
      });
      return { body: attempt, version: change.journey.version };
    });
  }

  list(actor: Actor, journeyId: string): Promise<ContactAttemptsResponse> {
    return this.work.read(actor, journeyId, 'contact_attempts', async (tx) => ({ items: await this.attempts.list(tx, journeyId) }));
  }
}
