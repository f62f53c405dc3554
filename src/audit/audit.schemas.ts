import { Type } from '@sinclair/typebox';
import { named } from '../contract/components';
import { MAX_QUERY_OFFSET } from '../contract/query';
import { Instant, StrictObject, Whole } from '../contract/schema';

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

const reportProperties = VerifyReportSchema.properties;

export const VerifyPageSchema = named(
  'VerifyPage',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            id: Type.String({ format: 'uuid', description: 'The record’s id (also `instanceId`)' }),
            kind: Type.String(),
            ...reportProperties,
          },
          { additionalProperties: false },
        ),
      ),
      total: Type.Integer({ minimum: 0, description: 'How many records there are to verify (of the kind), over every page' }),
      limit: Type.Integer({ minimum: 1 }),
      offset: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false, description: 'Verification reports of a page of records, by ascending id' },
  ),
);

export const VerifyPageQuery = StrictObject({
  kind: Type.Optional(Type.String({ maxLength: 64, description: 'Only records of this kind' })),
  limit: Whole(1, 200, { default: 50, description: 'At most this many records (each is replayed whole)' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many records' }),
});

export const ExportQuery = StrictObject({
  kind: Type.Optional(Type.String({ maxLength: 64, description: 'Only records of this kind' })),
  from: Type.Optional(Instant({ description: 'Only records created (createdAt) at or after this instant' })),
  to: Type.Optional(Instant({ description: 'Only records created before this instant (exclusive)' })),
});

/** The export as documented: JSON Lines, one JSON object per line (docs/audit.md, "The export format"). */
export const AuditExportLines = Type.String({
  contentMediaType: 'application/x-ndjson',
  description:
    'JSON Lines (UTF-8, one JSON object per line, each with a `record` field): the `export` header, then per record its `instance` line followed by its `event` lines in seq order, then the `end` line with the counts. The format of `engine-cli export`; `engine-cli verify-export` checks it without a database.',
});

export const EventChangesSchema = named(
  'EventChanges',
  Type.Object(
    {
      items: Type.Array(
        Type.Object(
          {
            seq: Type.Integer({ minimum: 1 }),
            type: Type.String(),
            stateBefore: Type.Union([Type.String(), Type.Null()], { description: 'null for the creation' }),
            stateAfter: Type.String(),
            changes: Type.Array(
              Type.Object(
                {
                  path: Type.String({ description: 'The field, dotted, with array indexes (bids.0.scores.technical)' }),
                  before: Type.Optional(Type.Unknown({ description: 'Absent when the field was added' })),
                  after: Type.Optional(Type.Unknown({ description: 'Absent when the field was removed' })),
                },
                { additionalProperties: false },
              ),
              { description: 'Each field of the context the event changed (added and removed fields as themselves), at most 100' },
            ),
            truncated: Type.Boolean({ description: 'More fields changed than are listed' }),
          },
          { additionalProperties: false },
        ),
      ),
    },
    { additionalProperties: false, description: 'What each event of the history changed, in seq order' },
  ),
);
