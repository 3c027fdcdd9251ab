import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessScope } from '../access/access-scope.js';
import type { Actor } from '../access/actor.js';
import type { PageQuery } from '../app/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { TransactionRunner } from '../database/transaction.js';
import { JourneysService } from '../journeys/journeys.service.js';
import type { NotificationsPage } from './dto/notification.dto.js';
import { NotificationsRepository } from './notifications.repository.js';

/**
 * Who was told what, and when: notifications to the caller, about a journey, and those that
 * failed. Each read is audited; a journey's notifications are read as a read of the journey
 * (so another area's journey is not found, and the attempt is audited).
 */
@Injectable()
export class NotificationReadsService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationsRepository,
    private readonly journeys: JourneysService,
    private readonly audit: AuditService,
  ) {}

  mine(actor: Actor, page: PageQuery): Promise<NotificationsPage> {
    return this.transactions.run(async (tx) => {
      const result = await this.notifications.forRecipient(tx, actor.userId, AccessScope.of(actor), page);
      await this.auditListing(tx, actor, result, 'mine');
      return result;
    });
  }

  forJourney(actor: Actor, journeyId: string, page: PageQuery): Promise<NotificationsPage> {
    return this.journeys.readInScope(actor, journeyId, 'notifications', (tx) => this.notifications.forJourney(tx, journeyId, page));
  }

  /** Every area's: failures are an operational matter for admins, and hold no victim's data. */
  failed(actor: Actor, page: PageQuery): Promise<NotificationsPage> {
    return this.transactions.run(async (tx) => {
      const result = await this.notifications.failed(tx, page);
      await this.auditListing(tx, actor, result, 'failed');
      return result;
    });
  }

  /** One `list` row for the page, naming the notifications and journeys on it (ids only). */
  private async auditListing(tx: EntityManager, actor: Actor, result: NotificationsPage, what: string): Promise<void> {
    const journeyIds = [...new Set(result.items.flatMap((item) => (item.journeyId ? [item.journeyId] : [])))];
    await this.audit.record(tx, actor, {
      action: 'list',
      entityType: 'notification',
      details: { what, count: result.items.length, notificationIds: result.items.map((item) => item.id), journeyIds },
    });
  }
}
