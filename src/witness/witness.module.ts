import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { CourtAttendanceController } from './court-attendance.controller.js';
import { CourtAttendanceService } from './court-attendance.service.js';
import { SpecialMeasuresController } from './special-measures.controller.js';
import { SpecialMeasuresService } from './special-measures.service.js';
import { WitnessCareController } from './witness-care.controller.js';
import { WitnessCareRepository } from './witness-care.repository.js';
import { WitnessCareService } from './witness-care.service.js';
import { WitnessQueueController } from './witness-queue.controller.js';
import { WitnessQueueRepository } from './witness-queue.repository.js';
import { WitnessQueueService } from './witness-queue.service.js';

/**
 * The witness care unit's work on a journey after charge: the case, the Charter needs
 * assessment, special measures, pre-trial visit, interpreters, warnings and attendance,
 * and the witness care officer's queue.
 */
@Module({
  imports: [JourneysModule],
  controllers: [WitnessCareController, SpecialMeasuresController, CourtAttendanceController, WitnessQueueController],
  providers: [WitnessCareRepository, WitnessCareService, SpecialMeasuresService, CourtAttendanceService, WitnessQueueRepository, WitnessQueueService],
  exports: [WitnessQueueService, WitnessCareService, SpecialMeasuresService, CourtAttendanceService],
})
export class WitnessModule {}
