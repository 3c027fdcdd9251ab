import { Module } from '@nestjs/common';
import { CrimesModule } from '../crimes/crimes.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { BailDecisionsRepository } from './bail-decisions.repository.js';
import { BailDecisionsService } from './bail-decisions.service.js';
import { CourtDecisionsController } from './court-decisions.controller.js';
import { CourtInformedController } from './court-informed.controller.js';
import { CourtInformedService } from './court-informed.service.js';
import { CourtInformingsRepository } from './court-informings.repository.js';
import { CourtOutcomesRepository } from './court-outcomes.repository.js';
import { CourtRecords } from './court-records.repository.js';
import { CourtWork } from './court-work.js';
import { CourtsController } from './courts.controller.js';
import { CourtsService } from './courts.service.js';
import { HearingsController } from './hearings.controller.js';
import { HearingsRepository } from './hearings.repository.js';
import { HearingsService } from './hearings.service.js';
import { CourtOutcomesService } from './court-outcomes.service.js';

/**
 * The court's side of a crime: the court list, hearings and their versions, pleas and
 * trial effectiveness, bail decisions, verdicts and sentences, appeals, and the witness
 * care officer's record of telling each victim and witness of them.
 */
@Module({
  imports: [JourneysModule, CrimesModule],
  controllers: [CourtsController, HearingsController, CourtDecisionsController, CourtInformedController],
  providers: [
    CourtsService, HearingsService, BailDecisionsService, CourtOutcomesService, CourtInformedService, CourtRecords, CourtWork,
    HearingsRepository, BailDecisionsRepository, CourtOutcomesRepository, CourtInformingsRepository,
  ],
  // The web workspace's case page calls them in-process, as the API's controllers do.
  exports: [CourtsService, HearingsService, CourtOutcomesService, CourtInformedService],
})
export class CourtModule {}
