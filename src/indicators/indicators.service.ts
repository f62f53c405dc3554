import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { CREATE_EVENT } from '../engine/engine.types';
import { MachineCatalogue } from '../engine/machine-catalogue';
import type { PersistedSnapshot } from '../engine/snapshot.util';
import { Database } from '../persistence/database';
import { EventEntity } from '../persistence/entities/event.entity';
import { InstanceEntity } from '../persistence/entities/instance.entity';
import type { IndicatorsQuery } from './dtos/indicators.query';
import { computeIndicators, type IndicatorInstance, type ProgrammeIndicators } from './indicators.util';

interface IndicatorRow {
  id: string;
  kind: string;
  stage: string;
  state: string;
  snapshot: string;
  parentId: string | null;
  createdAt: string;
}

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
    @Inject(Database) private readonly database: Database,
    @Inject(MachineCatalogue) private readonly catalogue: MachineCatalogue,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async compute(query: IndicatorsQuery): Promise<IndicatorsView> {
    if (query.from !== undefined && query.to !== undefined && Date.parse(query.from) > Date.parse(query.to)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `from (${query.from}) is after to (${query.to}).`);
    }
    const asOf = this.clock.now().toISOString();
    const instances = await this.read(query);
    const indicators = computeIndicators(instances, { from: query.from, to: query.to, kind: query.kind, kinds: this.catalogue.kinds() });
    return { asOf, ...indicators };
  }

  /** Instances joined with their first event (seq 1, CREATE), filtered on its `at` and on the kind. */
  private read(query: IndicatorsQuery): Promise<IndicatorInstance[]> {
    return this.database.read(async (manager) => {
      const builder = manager
        .createQueryBuilder(InstanceEntity, 'instance')
        .innerJoin(EventEntity, 'created', 'created.instanceId = instance.id AND created.seq = 1 AND created.type = :createType', {
          createType: CREATE_EVENT,
        })
        .select('instance.id', 'id')
        .addSelect('instance.kind', 'kind')
        .addSelect('instance.stage', 'stage')
        .addSelect('instance.state', 'state')
        .addSelect('instance.snapshot', 'snapshot')
        .addSelect('instance.parentId', 'parentId')
        .addSelect('created.at', 'createdAt')
        .orderBy('created.at', 'ASC')
        .addOrderBy('instance.id', 'ASC');
      // Instants are stored as ISO 8601 UTC strings of one width: they compare as text (docs/architecture.md).
      if (query.kind !== undefined) builder.andWhere('instance.kind = :kind', { kind: query.kind });
      if (query.from !== undefined) builder.andWhere('created.at >= :from', { from: query.from });
      if (query.to !== undefined) builder.andWhere('created.at <= :to', { to: query.to });
      const rows = await builder.getRawMany<IndicatorRow>();
      return rows.map((row) => ({
        id: row.id,
        kind: row.kind,
        stage: row.stage,
        state: row.state,
        context: (JSON.parse(row.snapshot) as PersistedSnapshot).context,
        createdAt: row.createdAt,
        parentId: row.parentId,
      }));
    });
  }
}
