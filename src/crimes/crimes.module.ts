import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { CrimeReclassificationService } from './crime-reclassification.service.js';
import { CrimeWork } from './crime-work.js';
import { CrimesController } from './crimes.controller.js';
import { CrimesRepository } from './crimes.repository.js';
import { CrimesService } from './crimes.service.js';
import { RecordCorrectionsController } from './record-corrections.controller.js';
import { RecordCorrectionsService } from './record-corrections.service.js';

/**
 * Crimes as the journeys on them share them: lookup by the police's reference, and the
 * CrimeWork frame that crime-level modules (investigation, court) run their commands in.
 */
@Module({
  imports: [JourneysModule],
  controllers: [CrimesController, RecordCorrectionsController],
  providers: [CrimesService, CrimesRepository, CrimeWork, RecordCorrectionsService, CrimeReclassificationService],
  exports: [CrimesService, CrimeWork],
})
export class CrimesModule {}
