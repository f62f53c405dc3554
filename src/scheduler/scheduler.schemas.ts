import { Type } from '@sinclair/typebox';
import { named } from '../contract/components';
import { MAX_QUERY_OFFSET } from '../contract/query';
import { Instant, Matching, StrictObject, Whole } from '../contract/schema';

export const AdvanceClockBody = StrictObject(
  {
    advanceTo: Type.Optional(Instant({ description: 'Move the simulated clock to this instant', examples: ['2022-08-06T00:00:00+02:00'] })),
    advanceBy: Type.Optional(
      Matching(
        /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/,
        'must be an ISO 8601 duration such as P6M or PT2H',
        {
          description: 'Move it forward by an ISO 8601 duration (calendar terms, Europe/Paris)',
          examples: ['P6M'],
        },
      ),
    ),
  },
  { description: 'Exactly one of advanceTo and advanceBy' },
);

export const AgendaQuery = StrictObject({
  from: Type.Optional(Instant({ description: 'Deadlines due at or after this instant' })),
  to: Type.Optional(Instant({ description: 'Deadlines due at or before this instant' })),
  kind: Type.Optional(Type.String({ maxLength: 64, description: 'Only this kind of record' })),
  limit: Whole(1, 1000, { default: 200, description: 'At most this many items' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many items' }),
});

export const ClockNowSchema = named(
  'ClockNow',
  Type.Object({ now: Type.String({ format: 'date-time' }), mode: Type.Literal('simulated') }, { additionalProperties: false }),
);

export const FiredDeadlineSchema = named(
  'FiredDeadline',
  Type.Object(
    {
      instanceId: Type.String({ format: 'uuid' }),
      kind: Type.String(),
      event: Type.String(),
      dueAt: Type.String({ format: 'date-time' }),
      outcome: Type.Unsafe<'applied' | 'refused' | 'failed'>({
        type: 'string',
        enum: ['applied', 'refused', 'failed'],
        description: 'applied: recorded; refused: the machine refused it; failed: it cannot fire (see reason)',
      }),
      state: Type.Optional(Type.String()),
      reason: Type.Optional(Type.String()),
    },
    { additionalProperties: false },
  ),
);

export const ClockAdvanceSchema = named(
  'ClockAdvance',
  Type.Object(
    { from: Type.String({ format: 'date-time' }), now: Type.String({ format: 'date-time' }), fired: Type.Array(FiredDeadlineSchema) },
    { additionalProperties: false },
  ),
);

export const FireDueSchema = named(
  'FireDueResult',
  Type.Object({ now: Type.String({ format: 'date-time' }), fired: Type.Array(FiredDeadlineSchema) }, { additionalProperties: false }),
);

export const AgendaSchema = named(
  'Agenda',
  Type.Object(
    {
      now: Type.String({ format: 'date-time' }),
      items: Type.Array(
        Type.Object(
          {
            instanceId: Type.String({ format: 'uuid' }),
            kind: Type.String(),
            event: Type.String(),
            payload: Type.Unknown(),
            dueAt: Type.String({ format: 'date-time' }),
            label: Type.String(),
            overdue: Type.Boolean(),
            failure: Type.Union([Type.String(), Type.Null()], { description: 'Why the deadline cannot fire; null if it can' }),
            duty: Type.Boolean({
              description: 'A duty: someone must send the event by dueAt (the scheduler never does); overdue until they have',
            }),
          },
          { additionalProperties: false },
        ),
      ),
      total: Type.Integer({ minimum: 0, description: 'How many deadlines match, over every page' }),
      limit: Type.Integer({ minimum: 1 }),
      offset: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false, description: 'Pending deadlines, soonest first, a page at a time' },
  ),
);
