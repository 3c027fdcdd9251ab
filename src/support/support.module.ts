import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { ContactAttemptsController } from './contact-attempts.controller.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { CopeRecoverController } from './cope-recover.controller.js';
import { CopeRecoverService } from './cope-recover.service.js';
import { JourneyWork } from './journey-work.js';

/** The victim care service's work on a journey: contacts, assessment, cope-and-recover, support plan, closure. */
@Module({
  imports: [JourneysModule],
  controllers: [ContactAttemptsController, CopeRecoverController],
  providers: [JourneyWork, ContactAttemptsService, CopeRecoverService],
})
export class SupportModule {}
