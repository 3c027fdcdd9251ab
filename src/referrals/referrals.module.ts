import { Module } from '@nestjs/common';
import { JourneysModule } from '../journeys/journeys.module.js';
import { OrganisationsModule } from '../organisations/organisations.module.js';
import { PeopleModule } from '../people/people.module.js';
import { ReferralImportsModule } from './imports/referral-imports.module.js';
import { ReferralIntake } from './referral-intake.service.js';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

@Module({
  imports: [JourneysModule, PeopleModule, OrganisationsModule, ReferralImportsModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ReferralIntake],
  exports: [ReferralIntake, ReferralsService, ReferralImportsModule],
})
export class ReferralsModule {}
