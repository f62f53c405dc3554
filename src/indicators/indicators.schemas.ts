import { Type, type TSchema } from '@sinclair/typebox';
import { named } from '../contract/components';
import { Instant, OneOf, StrictObject } from '../contract/schema';
import { buildCatalogue } from '../kinds/kind-catalogue';

/** The kinds the service hosts (tender, convention, cohort). */
export const KNOWN_KINDS = buildCatalogue().kinds();

/**
 * GET /api/indicators: the period is on the instances' creation (the `at` of their CREATE event,
 * business time), both bounds inclusive and optional (docs/indicators.md).
 */
export const IndicatorsQuery = StrictObject({
  from: Type.Optional(Instant({ description: 'Instances created at or after this instant', examples: ['2022-01-01T00:00:00+01:00'] })),
  to: Type.Optional(Instant({ description: 'Instances created at or before this instant', examples: ['2022-12-31T23:59:59+01:00'] })),
  kind: Type.Optional(OneOf(KNOWN_KINDS, { description: 'Only this kind of record' })),
});

const Counts = (description?: string) => Type.Record(Type.String(), Type.Integer({ minimum: 0 }), description ? { description } : {});
const SexCount = named(
  'SexCount',
  Type.Object(
    { F: Type.Integer({ minimum: 0 }), M: Type.Integer({ minimum: 0 }), total: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  ),
);
const BySex = (description?: string): TSchema => Type.Record(Type.String(), SexCount, description ? { description } : {});
const DutyCount = Type.Object({ total: Type.Integer({ minimum: 0 }), byDuty: Counts() }, { additionalProperties: false });

export const IndicatorsSchema = named(
  'Indicators',
  Type.Object(
    {
      asOf: Type.String({ format: 'date-time', description: 'The service clock when computed: states and outcomes are the current ones' }),
      period: Type.Object({ from: Type.Union([Type.String(), Type.Null()]), to: Type.Union([Type.String(), Type.Null()]) }),
      kind: Type.Union([Type.String(), Type.Null()]),
      instances: Type.Object({ total: Type.Integer(), byKind: Counts(), byStage: Counts(), byTheme: Counts() }),
      actionsSetUp: Type.Object({ total: Type.Integer(), byKind: Counts(), byTheme: Counts() }),
      projectsSupported: Type.Object({
        total: Type.Integer(),
        tenderStructures: Type.Integer(),
        conventions: Type.Integer(),
        cohorts: Type.Integer(),
      }),
      participants: Type.Object({
        enrolled: SexCount,
        withdrawn: SexCount,
        byAgeBand: BySex(),
        byNeighbourhood: BySex(),
        outcomesAtEnd: BySex(),
        outcomesAtSixMonths: BySex(),
      }),
      overdueDuties: DutyCount,
      dutiesDoneLate: DutyCount,
      lateAttributions: Type.Integer({ minimum: 0, description: 'Tenders attributed after their decision date (tender@3)' }),
    },
    { additionalProperties: false },
  ),
);

/** The CSV form: one row per (indicator, breakdown, category, sex). */
export const IndicatorsCsvSchema = Type.String({ description: 'CSV with a header row: indicator, breakdown, category, sex, value' });
