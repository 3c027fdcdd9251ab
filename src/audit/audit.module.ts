import { Global, Module } from '@nestjs/common';
import { AuditLogService } from './audit-log.service.js';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';
import { AuditChainRepository } from './audit-chain.repository.js';
import { AuditSealer } from './audit-sealer.js';
import { AuditVerifier } from './audit-verifier.js';

/** Global: every module that touches personal data records through AuditService. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditLogService, AuditChainRepository, AuditVerifier, AuditSealer],
  exports: [AuditService, AuditSealer],
})
export class AuditModule {}
