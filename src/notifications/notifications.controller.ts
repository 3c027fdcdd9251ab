import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor.js';
import { PageQuery } from '../app/pagination.js';
import { uuidParam } from '../app/validation.js';
import { CurrentActor, Roles } from '../access/access.decorators.js';
import { ADMINS, CASE_ROLES } from '../access/roles.js';
import { NotificationsPage, ResendAnswer } from './dto/notification.dto.js';
import { NotificationResendsService } from './notification-resends.service.js';
import { NotificationReadsService } from './notification-reads.service.js';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly reads: NotificationReadsService,
    private readonly resends: NotificationResendsService,
  ) {}

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

  @Post('notifications/failed/resend')
  @Roles(...ADMINS)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sends every failed reminder email in your areas again (up to 1,000 a request, oldest first)',
    description: 'Each goes back to pending and its duty to the reminders worker, which sends it once. A due-soon reminder past its deadline is not sent again. Audited.',
  })
  @ApiAcceptedResponse({ type: ResendAnswer })
  resendAllFailed(@CurrentActor() actor: Actor): Promise<ResendAnswer> {
    return this.resends.resendAllFailed(actor);
  }

  @Post('notifications/:id/resend')
  @Roles(...ADMINS)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Sends one failed reminder email again',
    description: '409 when it is not failed; 404 outside your areas. Audited.',
  })
  @ApiAcceptedResponse({ type: ResendAnswer })
  resendOne(@CurrentActor() actor: Actor, @Param('id', uuidParam('id')) id: string): Promise<ResendAnswer> {
    return this.resends.resendOne(actor, id);
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
