import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { SupportModule } from '../support/support.module.js';
import { TimelineFacts } from './timeline-facts.js';
import { VpsController } from './vps.controller.js';
import { VpsService } from './vps.service.js';

/**
 * After the outcome, and the rights that run alongside the case: the victim personal
 * statement, restorative justice, the Victim Contact Scheme, complaints, compensation
 * information, property returned and witness expenses.
 */
@Module({
  imports: [JourneysModule, SupportModule],
  controllers: [VpsController],
  providers: [TimelineFacts, VpsService],
})
export class OutcomesModule {}
