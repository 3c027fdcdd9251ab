import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { CompensationAndPropertyController } from './compensation-and-property.controller.js';
import { CompensationAndPropertyService } from './compensation-and-property.service.js';
import { ComplaintsController } from './complaints.controller.js';
import { ComplaintsRepository } from './complaints.repository.js';
import { ComplaintsService } from './complaints.service.js';
import { ExpenseClaimsController } from './expense-claims.controller.js';
import { ExpenseClaimsRepository } from './expense-claims.repository.js';
import { ExpenseClaimsService } from './expense-claims.service.js';
import { RjOffersController } from './rj-offers.controller.js';
import { RjOffersRepository } from './rj-offers.repository.js';
import { RjOffersService } from './rj-offers.service.js';
import { RjReferralsController } from './rj-referrals.controller.js';
import { RjReferralsRepository } from './rj-referrals.repository.js';
import { RjReferralsService } from './rj-referrals.service.js';
import { TimelineFacts } from './timeline-facts.js';
import { TimelineRepository } from './timeline.repository.js';
import { VersionedRowSteps } from './versioned-row-steps.js';
import { VcsReferralsController } from './vcs-referrals.controller.js';
import { VcsReferralsRepository } from './vcs-referrals.repository.js';
import { VcsReferralsService } from './vcs-referrals.service.js';
import { VpsController } from './vps.controller.js';
import { VpsService } from './vps.service.js';

/**
 * After the outcome, and the rights that run alongside the case: the victim personal
 * statement, restorative justice, the Victim Contact Scheme, complaints, compensation
 * information, property returned and witness expenses.
 */
@Module({
  imports: [JourneysModule],
  controllers: [
    VpsController, RjOffersController, RjReferralsController, VcsReferralsController, ComplaintsController,
    ExpenseClaimsController, CompensationAndPropertyController,
  ],
  providers: [
    TimelineFacts, VersionedRowSteps, VpsService, RjOffersService, RjReferralsService, VcsReferralsService, ComplaintsService,
    ExpenseClaimsService, CompensationAndPropertyService,
    TimelineRepository, ComplaintsRepository, ExpenseClaimsRepository, RjOffersRepository, RjReferralsRepository, VcsReferralsRepository,
  ],
})
export class AfterOutcomeModule {}
