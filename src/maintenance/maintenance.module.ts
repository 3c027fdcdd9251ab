import { Module } from '@nestjs/common';
import { UsersRepository } from '../identity/users.repository.js';
import { MaintenanceProcessor } from './maintenance.processor.js';
import { MaintenanceService } from './maintenance.service.js';

@Module({
  providers: [MaintenanceProcessor, MaintenanceService, UsersRepository],
})
export class MaintenanceModule {}
