import { Module } from '@nestjs/common';
import { AuditAllController, AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Auditors' routes: state on a date, verification, exports (the CLI uses the same service without HTTP). */
@Module({ controllers: [AuditController, AuditAllController], providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
