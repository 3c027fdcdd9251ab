import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { ADMINS, CASE_ROLES } from '../access/roles.js';
import { NotificationsPage } from './dto/notification.dto.js';
import { NotificationReadsService } from './notification-reads.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(private readonly reads: NotificationReadsService) {}

  @Get('notifications/mine')
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary: 'Emails sent (or being sent) to you: reminders, escalations and digests, newest first',
    description: 'Only those about journeys in your areas, and digests. The body is never returned. Audited.',
  })
  @ApiOkResponse({ type: NotificationsPage })
  mine(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<NotificationsPage> {
    return this.reads.mine(actor, page);
  }

  @Get('notifications/failed')
  @Roles(...ADMINS)
  @ApiOperation({
    summary: 'Emails given up on after their last retry, most recent first',
    description: 'Every area. lastError holds the error class and SMTP response code only. Audited.',
  })
  @ApiOkResponse({ type: NotificationsPage })
  failed(@CurrentActor() actor: Actor, @Query() page: PageQuery): Promise<NotificationsPage> {
    return this.reads.failed(actor, page);
  }

  @Get('journeys/:id/notifications')
  @Roles(...CASE_ROLES)
  @ApiOperation({
    summary: "Emails about a journey's duties, to whom, and whether they were sent; newest first",
    description: 'Another area’s journey is not found (404, audited). The body is never returned. Audited as a read of the journey.',
  })
  @ApiOkResponse({ type: NotificationsPage })
  forJourney(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string, @Query() page: PageQuery): Promise<NotificationsPage> {
    return this.reads.forJourney(actor, id, page);
  }
}
