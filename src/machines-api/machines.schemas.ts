import { Type } from '@sinclair/typebox';
import { named } from '../contract/components';
import { StrictObject, Whole } from '../contract/schema';

const summary = {
  kind: Type.String(),
  version: Type.Integer({ description: 'The latest machine version: new records are pinned to it' }),
  versions: Type.Array(Type.Integer()),
  description: Type.String(),
  events: Type.Array(Type.String()),
};

export const MachineSummarySchema = named(
  'MachineSummary',
  Type.Object({ ...summary, states: Type.Array(Type.String()) }, { additionalProperties: false }),
);

export const MachineListSchema = Type.Array(MachineSummarySchema);

const JsonSchema = Type.Object({}, { additionalProperties: true, description: 'A JSON Schema (2020-12)' });

export const MachineDescriptionSchema = named(
  'MachineDescription',
  Type.Object(
    {
      ...summary,
      states: Type.Array(
        Type.Object(
          {
            id: Type.String(),
            stage: Type.Union([Type.String(), Type.Null()]),
            final: Type.Boolean(),
            events: Type.Array(Type.String()),
            deadlines: Type.Array(
              Type.Object({
                event: Type.String(),
                dueAt: Type.String(),
                each: Type.Optional(Type.String()),
                label: Type.String(),
                duty: Type.Boolean({ description: 'A duty: someone must send the event by the date; otherwise the scheduler sends it' }),
              }),
            ),
          },
          { additionalProperties: false },
        ),
      ),
      rules: Type.Array(Type.String()),
      effects: Type.Array(Type.String(), { description: 'The side effects the machine declares (returned as data with each decision)' }),
      diagram: Type.String({ description: 'A Mermaid state diagram' }),
      definition: Type.Object(
        {},
        {
          additionalProperties: true,
          description:
            "The XState machine config as JSON (guards and actions by name, functions left out), as statechart tools such as Stately's inspector read it",
        },
      ),
      inputSchema: JsonSchema,
      eventSchemas: Type.Record(Type.String(), JsonSchema, {
        description: "Each event's payload schema (without `type`, `at` and `expectedVersion`): what the console builds its forms from",
      }),
    },
    { additionalProperties: false },
  ),
);

export const MachineQuery = StrictObject({
  version: Type.Optional(Whole(1, 1000, { description: 'A machine version of the kind (default: the latest)' })),
});
