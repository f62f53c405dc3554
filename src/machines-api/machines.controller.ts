import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import { describeStates, toMermaid } from '../../machines/shared/diagram';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { MachineCatalogue } from '../engine/machine-catalogue';

/** One kind in the list of machines. */
export interface MachineSummary {
  kind: string;
  version: number;
  versions: number[];
  description: string;
  states: string[];
  events: string[];
}

/** One kind in full: its states (with stage and deadlines), events, rules and diagram. */
export interface MachineDescription extends Omit<MachineSummary, 'states'> {
  states: ReturnType<typeof describeStates>;
  rules: string[];
  /** The side effects the machine declares (returned as data with each decision). */
  effects: readonly string[];
  diagram: string;
}

@ApiTags('machines')
@ApiBearerAuth()
@Roles(...READERS)
@Controller('machines')
export class MachinesController {
  constructor(@Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue) {}

  @Get()
  @ApiOperation({ summary: 'The kinds of record and their machine versions' })
  list(): MachineSummary[] {
    return this.catalogue.kinds().map((kind) => {
      const latest = this.catalogue.latest(kind)!;
      return {
        kind,
        version: latest.version,
        versions: this.catalogue.versionsOf(kind).map((definition) => definition.version),
        description: latest.description,
        states: describeStates(latest.machine).map((state) => state.id),
        events: Object.keys(latest.eventDtos),
      };
    });
  }

  @Get(':kind')
  @ApiOperation({ summary: 'States, events, deadlines and a Mermaid diagram of a kind' })
  get(@Param('kind') kind: string): MachineDescription {
    const latest = this.catalogue.latest(kind);
    if (!latest) throw new DomainError(ErrorCode.UNKNOWN_KIND, `Unknown kind "${kind}".`, { knownKinds: this.catalogue.kinds() });
    return {
      kind,
      version: latest.version,
      versions: this.catalogue.versionsOf(kind).map((definition) => definition.version),
      description: latest.description,
      states: describeStates(latest.machine),
      events: Object.keys(latest.eventDtos),
      rules: Object.keys(latest.rules),
      effects: latest.effects ?? [],
      diagram: toMermaid(latest.machine),
    };
  }
}
