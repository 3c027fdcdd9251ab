import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuditSealingModule } from '../audit/audit-sealing.module.js';
import { DigestModule } from '../digest/digest.module.js';
import { WorkerHealthModule } from '../health/worker-health.module.js';
import { MaintenanceModule } from '../maintenance/maintenance.module.js';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { OutboxRelayModule } from '../reminders/outbox-relay.module.js';
import { ReferralImportWorkerModule } from '../referrals/imports/referral-import-worker.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { ReportRollupsWorkerModule } from '../reports/rollups/report-rollups-worker.module.js';
import { type AppConfig, loadConfig } from '../app/config.js';
import { PlatformModule } from './platform.module.js';
import { WorkerShutdown } from './worker-shutdown.js';

/** Root of the worker process: the same code, no api controllers, the queue consumers and their health endpoint. */
@Module({})
export class WorkerModule {
  static forRoot(options: { config?: AppConfig } = {}): DynamicModule {
    const config = options.config ?? loadConfig();
    return {
      module: WorkerModule,
      imports: [
        PlatformModule.forRoot({ config, processName: 'worker' }),
        AuditModule,
        AuditSealingModule,
        DigestModule,
        MaintenanceModule,
        NotificationSendingModule,
        OutboxRelayModule,
        ReferralImportWorkerModule,
        RemindersModule.processing(config.reminders),
        ReportRollupsWorkerModule,
        WorkerHealthModule,
      ],
      // Here, in the root module, so that its shutdown hook runs before any other module's.
      providers: [WorkerShutdown],
    };
  }
}
