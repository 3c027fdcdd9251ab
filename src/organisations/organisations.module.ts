import { Module } from '@nestjs/common';
import { OrganisationDirectoryController } from './organisation-directory.controller.js';
import { OrganisationDirectoryRepository } from './organisation-directory.repository.js';
import { OrganisationDirectoryService } from './organisation-directory.service.js';

/**
 * The organisations directory without its admin API: referral intake, the reminders worker
 * and reports resolve (area, owner kind) to an organisation through OrganisationDirectoryService.
 */
@Module({
  providers: [OrganisationDirectoryService, OrganisationDirectoryRepository],
  exports: [OrganisationDirectoryService],
})
export class OrganisationsModule {}

/** The api's admin routes over the directory. */
@Module({
  imports: [OrganisationsModule],
  controllers: [OrganisationDirectoryController],
})
export class OrganisationsApiModule {}
