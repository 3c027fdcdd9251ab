import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module.js';
import { CodeRuleSets } from './code-rule-sets.js';
import { DutyWithdrawalsService } from './duty-withdrawals.service.js';
import { EnhancedRightsService } from './enhanced-rights.service.js';
import { JourneyAuditSubjects } from './journey-audit-subjects.js';
import { JourneyDirectory } from './journey-directory.js';
import { JourneyLedger } from './journey-ledger.js';
import { JourneyWork } from './journey-work.js';
import { JourneysController } from './journeys.controller.js';
import { JourneysRepository } from './journeys.repository.js';
import { JourneysService } from './journeys.service.js';
import { JourneyManagementService } from './journey-management.service.js';
import { SharingConsentsService } from './sharing-consents.service.js';

/**
 * Journeys, their timeline and their duties. Other modules change a journey only through
 * the JourneyLedger (inside their command's transaction) and read it through JourneysService;
 * JourneyWork is the frame their journey-level commands and reads run in.
 */
@Module({
  imports: [PeopleModule],
  controllers: [JourneysController],
  providers: [
    JourneysService, JourneyManagementService, SharingConsentsService, JourneysRepository, JourneyLedger, JourneyDirectory, JourneyWork,
    CodeRuleSets, EnhancedRightsService, DutyWithdrawalsService, JourneyAuditSubjects,
  ],
  exports: [
    JourneysService, JourneyManagementService, JourneyLedger, JourneyDirectory, JourneyWork, SharingConsentsService, CodeRuleSets,
    EnhancedRightsService, DutyWithdrawalsService,
  ],
})
export class JourneysModule {}
