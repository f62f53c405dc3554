import { Type } from '@sinclair/typebox';
import { named } from '../contract/components';
import { Instant, StrictObject } from '../contract/schema';

export const StateAtQuery = StrictObject({
  at: Instant({
    description: 'The instant (ISO 8601 with an offset): events with `at` up to it are replayed',
    examples: ['2022-08-06T09:00:00+02:00'],
  }),
});

export const VerifyReportSchema = named(
  'VerifyReport',
  Type.Object(
    {
      ok: Type.Boolean(),
      instanceId: Type.String(),
      eventsChecked: Type.Integer({ minimum: 0, description: 'Events examined, in seq order; the check stops at the first divergence' }),
      firstDivergentSeq: Type.Union([Type.Integer(), Type.Null()], {
        description: 'Where the stored record and the recomputation first disagree',
      }),
      problem: Type.Union([Type.String(), Type.Null()], { description: 'What disagrees, in words' }),
    },
    { additionalProperties: false },
  ),
);
