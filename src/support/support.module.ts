import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';

/** The victim care service's work on a journey: contacts, assessment, cope-and-recover, support plan, closure. */
@Module({
  imports: [JourneysModule],
})
export class SupportModule {}
