import { Module } from '@nestjs/common';
import { CrimesModule } from '../crimes/crimes.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { CodeDutiesRepository } from './code-duties.repository.js';
import { CrimeDecisionsController } from './crime-decisions.controller.js';
import { DecisionNoticesRepository } from './decision-notices.repository.js';
import { DecisionNoticesService } from './decision-notices.service.js';
import { DecisionsRepository } from './decisions.repository.js';
import { DecisionsService } from './decisions.service.js';
import { DefendantsController } from './defendants.controller.js';
import { DefendantsRepository } from './defendants.repository.js';
import { DefendantsService } from './defendants.service.js';
import { JourneyDecisionsController } from './journey-decisions.controller.js';
import { PoliceStepsController } from './police-steps.controller.js';
import { PoliceStepsService } from './police-steps.service.js';
import { PoliceVrrController } from './police-vrr.controller.js';
import { PoliceVrrService } from './police-vrr.service.js';
import { VrrRequestsRepository } from './vrr-requests.repository.js';

/**
 * The investigation of a crime: defendants, police and CPS decisions (told to every
 * journey on the crime), the victim being told of each, and police Victims' Right to Review.
 */
@Module({
  imports: [JourneysModule, CrimesModule],
  controllers: [DefendantsController, CrimeDecisionsController, JourneyDecisionsController, PoliceVrrController, PoliceStepsController],
  providers: [
    DefendantsService, DecisionsService, DecisionNoticesService, PoliceVrrService, PoliceStepsService,
    DefendantsRepository, DecisionsRepository, DecisionNoticesRepository, VrrRequestsRepository, CodeDutiesRepository,
  ],
})
export class InvestigationModule {}
