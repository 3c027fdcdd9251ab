import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { NotificationReadsService } from './notification-reads.service.js';
import { NotificationResendsService } from './notification-resends.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Api side: reading who was told what (the caller's, a journey's, the failed ones), and sending failed ones again. */
@Module({
  imports: [JourneysModule],
  controllers: [NotificationsController],
  providers: [NotificationReadsService, NotificationResendsService, NotificationsRepository],
})
export class NotificationsModule {}
