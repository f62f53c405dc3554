import { Type } from '@sinclair/typebox';
import { named } from '../contract/components';
import { StrictObject, Uuid } from '../contract/schema';

/** GET /api/stream: both filters are optional; given together, a change must match both. */
export const StreamQuery = StrictObject({
  kind: Type.Optional(Type.String({ maxLength: 64, description: 'Only changes of records of this kind (tender, convention, cohort)' })),
  instanceId: Type.Optional(Uuid({ description: 'Only changes of this record' })),
});

/** The `data` of each `change` message of the stream. */
export const LiveChangeSchema = named(
  'LiveChange',
  Type.Object(
    {
      instanceId: Type.String({ format: 'uuid' }),
      kind: Type.String(),
      version: Type.Integer({ minimum: 1, description: 'The record’s version after the command (its ETag)' }),
      type: Type.String({ description: 'The event’s type, or CREATED for a new record' }),
      state: Type.String({ description: 'The state after the command (open.published)' }),
      stage: Type.String({ description: 'Its place on the common spine' }),
      status: Type.String({ description: 'active, or done once the machine has reached a final state' }),
      at: Type.String({ format: 'date-time', description: 'The business instant of the event (UTC)' }),
      recordedAt: Type.String({ format: 'date-time', description: 'When it was written (real time, UTC)' }),
      actor: Type.String({ description: 'Who sent it (scheduler for a fired deadline)' }),
      parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      organisation: Type.String({
        description: 'The record’s organisation (a stream carries only the changes of records its caller may read)',
      }),
    },
    {
      additionalProperties: false,
      description:
        'The JSON `data` of one `event: change` message of GET /api/stream, published once the command has committed. The stream is text/event-stream: a `retry: 3000` line first, then `id: <n>`, `event: change`, `data: <this object>` per change (n increases on this node), and a `: keep-alive` comment line when idle.',
    },
  ),
);
