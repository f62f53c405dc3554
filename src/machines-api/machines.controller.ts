import { Controller, Get, Inject, Param } from '@nestjs/common';
import type { Static } from '@sinclair/typebox';
import { READERS, Roles } from '../auth/roles.decorator';
import { describeStates, toMermaid } from '../../machines/shared/diagram';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { Contract, ValidQuery } from '../contract/contract';
import { toDocumentSchema } from '../contract/openapi';
import { MachineCatalogue } from '../engine/machine-catalogue';
import { MachineDescriptionSchema, MachineListSchema, MachineQuery } from './machines.schemas';

/** One kind in the list of machines. */
export interface MachineSummary {
  kind: string;
  version: number;
  versions: number[];
  description: string;
  states: string[];
  events: string[];
}

/** One kind in full: its states (with stage and deadlines), events, rules, diagram and schemas. */
export interface MachineDescription extends Omit<MachineSummary, 'states'> {
  states: ReturnType<typeof describeStates>;
  rules: string[];
  /** The side effects the machine declares (returned as data with each decision). */
  effects: readonly string[];
  diagram: string;
  definition: Record<string, unknown>;
  inputSchema: unknown;
  eventSchemas: Record<string, unknown>;
}

/** The machine's config as plain JSON: JSON leaves out what it cannot write (the functions of inline actions and guards). */
function machineConfigAsJson(machine: { config: unknown }): Record<string, unknown> {
  return JSON.parse(JSON.stringify(machine.config)) as Record<string, unknown>;
}

@Roles(...READERS)
@Controller('machines')
export class MachinesController {
  constructor(@Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue) {}

  @Get()
  @Contract({
    summary: 'The kinds of record and their machine versions',
    responses: [{ status: 200, description: 'Every kind, at its latest version', schema: MachineListSchema }],
  })
  list(): MachineSummary[] {
    return this.catalogue.kinds().map((kind) => {
      const latest = this.catalogue.latest(kind)!;
      return {
        kind,
        version: latest.version,
        versions: this.catalogue.versionsOf(kind).map((definition) => definition.version),
        description: latest.description,
        states: describeStates(latest.machine).map((state) => state.id),
        events: Object.keys(latest.eventSchemas),
      };
    });
  }

  @Get(':kind')
  @Contract({
    summary: 'States, events, deadlines, a Mermaid diagram, and the JSON Schema of the input and of each event of a kind',
    params: { kind: { type: 'string', description: 'tender, convention or cohort' } as never },
    query: MachineQuery,
    responses: [{ status: 200, description: 'The kind at that version', schema: MachineDescriptionSchema }],
    problems: [ErrorCode.UNKNOWN_KIND, ErrorCode.NOT_FOUND],
  })
  get(@Param('kind') kind: string, @ValidQuery() query: Static<typeof MachineQuery>): MachineDescription {
    const latest = this.catalogue.latest(kind);
    if (!latest) throw new DomainError(ErrorCode.UNKNOWN_KIND, `Unknown kind "${kind}".`, { knownKinds: this.catalogue.kinds() });
    const versions = this.catalogue.versionsOf(kind).map((definition) => definition.version);
    const definition =
      query.version === undefined ? latest : this.catalogue.versionsOf(kind).find((found) => found.version === query.version);
    if (!definition) throw new DomainError(ErrorCode.NOT_FOUND, `${kind} has no machine version ${query.version}.`, { versions });
    return {
      kind,
      version: definition.version,
      versions,
      description: definition.description,
      states: describeStates(definition.machine),
      events: Object.keys(definition.eventSchemas),
      rules: Object.keys(definition.rules),
      effects: definition.effects ?? [],
      diagram: toMermaid(definition.machine),
      definition: machineConfigAsJson(definition.machine),
      inputSchema: toDocumentSchema(definition.inputSchema),
      eventSchemas: Object.fromEntries(Object.entries(definition.eventSchemas).map(([type, schema]) => [type, toDocumentSchema(schema)])),
    };
  }
}
