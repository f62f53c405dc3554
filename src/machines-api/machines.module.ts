import { Module } from '@nestjs/common';
import { MachinesController } from './machines.controller';

/** The machine definitions as data: states, events, rules, diagrams. */
@Module({ controllers: [MachinesController] })
export class MachinesModule {}
