import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditModule } from '../audit/audit.module.js';
import { CourtModule } from '../court/court.module.js';
import { CrimesModule } from '../crimes/crimes.module.js';
import { HealthModule } from '../health/health.module.js';
import { IdentityModule } from '../identity/identity.module.js';
import { InvestigationModule } from '../investigation/investigation.module.js';
import { JourneysModule } from '../journeys/journeys.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { OrganisationsApiModule } from '../organisations/organisations.module.js';
import { AfterOutcomeModule } from '../after-outcome/after-outcome.module.js';
import { PeopleModule } from '../people/people.module.js';
import { ReferralsModule } from '../referrals/referrals.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { SupportModule } from '../support/support.module.js';
import { WitnessModule } from '../witness/witness.module.js';
import { WorkQueueModule } from '../work-queue/work-queue.module.js';
import { WebModule } from '../web/web.module.js';
import type { AppConfig } from '../app/config.js';
import { PlatformModule } from './platform.module.js';
import { ProblemDetailsFilter } from '../app/problem-details.filter.js';
import { RateLimitInterceptor } from '../access/rate-limit.js';

/** Root of the api process. */
@Module({})
export class ApiModule {
  static forRoot(options: { config?: AppConfig } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot({ config: options.config, processName: 'api' }),
        AuditModule,
        IdentityModule,
        PeopleModule,
        JourneysModule,
        CrimesModule,
        CourtModule,
        InvestigationModule,
        ReferralsModule,
        SupportModule,
        AfterOutcomeModule,
        WorkQueueModule,
        WitnessModule,
        NotificationsModule,
        OrganisationsApiModule,
        ReportsModule,
        HealthModule,
        WebModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor },
      ],
    };
  }
}
