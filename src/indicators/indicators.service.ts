import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { CREATE_EVENT } from '../engine/engine.types';
import { MachineCatalogue } from '../engine/machine-catalogue';
import type { PersistedSnapshot } from '../engine/snapshot.util';
import { ReadModelRepository } from '../persistence/repositories/read-model.repository';
import type { Static } from '@sinclair/typebox';
import type { IndicatorsQuery } from './indicators.schemas';
import { computeIndicators, type IndicatorInstance, type ProgrammeIndicators } from './indicators.util';

export type IndicatorsView = ProgrammeIndicators & {
  /** The service clock when the indicators were computed: states and outcomes are the current ones. */
  asOf: string;
};

/**
 * Reads the instances in scope (their current state and context, and the business instant of their
 * CREATE event) and hands them to the pure aggregation in indicators.util.ts.
 */
@Injectable()
export class IndicatorsService {
  constructor(
    @Inject(ReadModelRepository) private readonly readModel: ReadModelRepository,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  /** The indicators over the records of `organisations` (undefined: every organisation's). */
  async compute(query: Static<typeof IndicatorsQuery>, organisations?: readonly string[]): Promise<IndicatorsView> {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `from (${query.from}) is after to (${query.to}).`);
    }
    const asOf = this.clock.now().toISOString();
    const instances = await this.read(query, organisations);
    const indicators = computeIndicators(instances, {
      from: query.from,
      to: query.to,
      kind: query.kind,
      parentId: query.parentId,
      kinds: this.catalogue.kinds(),
    });
    return { asOf, ...indicators };
  }

  /**
   * Instances in scope, with the business instant of their creation and their current context. With
   * `parentId`: that record and all its descendants (children, their children...), a record that does
   * not exist being refused.
   */
  private async read(query: Static<typeof IndicatorsQuery>, organisations?: readonly string[]): Promise<IndicatorInstance[]> {
    let ids: string[] | undefined;
    if (query.parentId !== undefined) {
      ids = await this.readModel.subtreeIds(query.parentId);
      // A record of another organisation is refused as one that does not exist (its descendants are of its organisation).
      const organisation = ids.length === 0 ? undefined : await this.readModel.organisationOf(query.parentId);
      if (ids.length === 0 || (organisations !== undefined && !organisations.includes(organisation!))) {
        throw new DomainError(ErrorCode.PARENT_NOT_FOUND, `No record ${query.parentId}.`);
      }
    }
    const rows = await this.readModel.instancesCreatedIn(
      { kind: query.kind, from: query.from, to: query.to, ids, organisations },
      CREATE_EVENT,
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      stage: row.stage,
      state: row.state,
      context: (JSON.parse(row.snapshot) as PersistedSnapshot).context,
      createdAt: row.createdAt,
      parentId: row.parentId,
    }));
  }
}
