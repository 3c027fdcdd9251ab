import { Module } from '@nestjs/common';
import { UsersModule } from '../identity/users.module.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { MaintenanceService } from './maintenance.service.js';

@Module({
  imports: [UsersModule],
  providers: [MaintenanceProcessor, MaintenanceService],
})
export class MaintenanceModule {}
