import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DigestModule } from '../digest/digest.module.js';
import { MaintenanceModule } from '../maintenance/maintenance.module.js';
import { NotificationSendingModule } from '../notifications/notification-sending.module.js';
import { OutboxRelayModule } from '../outbox/relay/outbox-relay.module.js';
import { ReferralImportWorkerModule } from '../referrals/imports/referral-import-worker.module.js';
import { RemindersModule } from '../reminders/reminders.module.js';
import { ReportRollupsWorkerModule } from '../reports/rollups/report-rollups-worker.module.js';
import type { AppConfig } from './config.js';
import { PlatformModule } from './platform.module.js';

/** Root of the worker process: the same code, no HTTP controllers, the queue consumers. */
@Module({})
export class WorkerModule {
  static forRoot(options: { config?: AppConfig } = {}): DynamicModule {
    return {
      module: WorkerModule,
      imports: [PlatformModule.forRoot({ config: options.config, processName: 'worker' }), AuditModule, DigestModule, MaintenanceModule, NotificationSendingModule, OutboxRelayModule, ReferralImportWorkerModule, RemindersModule, ReportRollupsWorkerModule],
    };
  }
}
