import { Module } from '@nestjs/common';
import { CourtModule } from '../court/court.module.js';
import { CrimesModule } from '../crimes/crimes.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SupportModule } from '../support/support.module.js';
import { WorkQueueReadModule } from '../work-queue/work-queue-read.module.js';
import { WitnessModule } from '../witness/witness.module.js';
import { AdminPages } from './routes/admin.pages.js';
import { CourtWeekPages } from './routes/court-week.pages.js';
import { FiguresPages } from './routes/figures.pages.js';
import { FindPages } from './routes/find.pages.js';
import { JourneyPages } from './routes/journey.pages.js';
import { ReferralPages } from './routes/referral.pages.js';
import { TargetPages } from './routes/target.pages.js';
import { SignInPages } from './routes/sign-in.pages.js';
import { TeamPages } from './routes/team.pages.js';
import { WitnessCasePages } from './routes/witness-case.pages.js';
import { WorkQueuePages } from './routes/work-queue.pages.js';
import { Workspace } from './workspace.service.js';

/**
 * The web workspace: server-rendered pages for caseworkers, supervisors and admins, calling
 * the same services as the API in-process. Its routes are registered on Fastify by
 * registerWorkspace (workspace.ts), outside Nest's router, so the API's prefix, guard,
 * pipes and problem+json filter are untouched.
 */
@Module({
  imports: [IdentityModule, JourneysModule, SupportModule, ReferralsModule, WorkQueueReadModule, WitnessModule, CourtModule, CrimesModule, ReportsModule],
  providers: [Workspace, SignInPages, WorkQueuePages, JourneyPages, FindPages, ReferralPages, TeamPages, AdminPages, CourtWeekPages, WitnessCasePages, FiguresPages, TargetPages],
  exports: [Workspace],
})
export class WebModule {}
