import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { ClosureController } from './closure.controller.js';
import { ClosureService } from './closure.service.js';
import { ContactAttemptsController } from './contact-attempts.controller.js';
import { ContactAttemptsRepository } from './contact-attempts.repository.js';
import { ContactAttemptsService } from './contact-attempts.service.js';
import { CopeRecoverController } from './cope-recover.controller.js';
import { CopeRecoverRepository } from './cope-recover.repository.js';
import { CopeRecoverService } from './cope-recover.service.js';
import { NeedsAssessmentsController } from './needs-assessments.controller.js';
import { NeedsAssessmentsRepository } from './needs-assessments.repository.js';
import { NeedsAssessmentsService } from './needs-assessments.service.js';
import { OnwardReferralsController } from './onward-referrals.controller.js';
import { OnwardReferralsRepository } from './onward-referrals.repository.js';
import { OnwardReferralsService } from './onward-referrals.service.js';
import { SupportPlanController } from './support-plan.controller.js';
import { SupportPlanRepository } from './support-plan.repository.js';
import { SupportPlanService } from './support-plan.service.js';

/**
 * The victim care service's work on a journey: contacts, assessment, cope-and-recover,
 * support plan, closure. Its commands and reads run in the journeys module's JourneyWork.
 */
@Module({
  imports: [JourneysModule],
  controllers: [ContactAttemptsController, CopeRecoverController, NeedsAssessmentsController, SupportPlanController, OnwardReferralsController, ClosureController],
  providers: [
    ContactAttemptsRepository,
    CopeRecoverRepository,
    NeedsAssessmentsRepository,
    SupportPlanRepository,
    OnwardReferralsRepository,
    ContactAttemptsService,
    CopeRecoverService,
    NeedsAssessmentsService,
    SupportPlanService,
    OnwardReferralsService,
    ClosureService,
  ],
  // The web workspace's journey pages call the same services as the controllers above.
  exports: [ContactAttemptsService, CopeRecoverService, NeedsAssessmentsService, SupportPlanService, OnwardReferralsService, ClosureService],
})
export class SupportModule {}
