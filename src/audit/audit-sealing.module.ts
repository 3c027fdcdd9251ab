import { Module } from '@nestjs/common';
import { AuditSealingProcessor } from './audit-sealing.processor.js';

/** Worker only: the one sealer of the audit chain (AuditSealer comes from the global AuditModule). */
@Module({ providers: [AuditSealingProcessor] })
export class AuditSealingModule {}
