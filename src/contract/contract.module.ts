import { Module } from '@nestjs/common';
import { ProblemsController } from './problems.controller';

/** The contract's own routes: the problem type pages (the OpenAPI document is served by the app factory). */
@Module({ controllers: [ProblemsController] })
export class ContractModule {}
