import { Type } from '@sinclair/typebox';
import { Instant, OneOf, StrictObject, Uuid, Whole } from '../contract/schema';
import { named } from '../contract/components';
import { MAX_QUERY_OFFSET } from '../contract/query';

/** POST /api/instances as validated here; the engine then validates `input` against the kind's own schema. */
/** The organisation of a new record: one of the caller's (docs/access.md, "Organisations"). */
export const ORGANISATION_FIELD = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: '^[^\\s,+:@]+$',
  description:
    'The organisation the record belongs to, one of the caller’s; needed when the caller has several. A child record takes its parent’s, whatever is given',
});

export const CreateInstanceBody = StrictObject({
  kind: Type.String({
    maxLength: 64,
    pattern: '^[a-z][a-zA-Z-]*$',
    description: 'The kind of record: tender, convention or cohort',
    examples: ['tender'],
  }),
  input: Type.Optional(Type.Object({}, { additionalProperties: true, description: "The kind's input (see GET /api/machines/:kind)" })),
  parentId: Type.Optional(Uuid({ description: 'The record this one belongs to (a tender that leads to cohorts)' })),
  organisation: Type.Optional(ORGANISATION_FIELD),
  at: Type.Optional(Instant({ description: 'When it was created (ISO 8601 instant); defaults to now' })),
});

/** The fields every event body has besides its payload. */
export const eventEnvelope = {
  type: Type.String({ pattern: '^[A-Z][A-Z0-9_]{0,63}$', description: 'The event, in UPPER_SNAKE_CASE' }),
  at: Type.Optional(
    Instant({ description: 'The business instant it happened; defaults to now. Not ahead of the clock, nor before the previous event' }),
  ),
  expectedVersion: Type.Optional(
    Whole(1, undefined, { description: 'Apply only if the record is at this version (else 409 VERSION_CONFLICT)' }),
  ),
};

/** POST /api/instances/:id/events as validated here: the payload's fields are the kind's, checked by the engine. */
export const EventBody = Type.Object(eventEnvelope, { additionalProperties: true });

export const ListInstancesQuery = StrictObject({
  kind: Type.Optional(Type.String({ maxLength: 64, description: 'Only this kind' })),
  stage: Type.Optional(Type.String({ maxLength: 32, description: 'Only records at this stage of the common spine' })),
  state: Type.Optional(Type.String({ maxLength: 200, description: 'Only records in this state (e.g. open.published)' })),
  parentId: Type.Optional(Uuid({ description: "Only this record's children" })),
  status: Type.Optional(
    OneOf(['active', 'done'] as const, { description: 'Only records still running (active) or ended (done: a final state)' }),
  ),
  q: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'Only records whose label (a tender’s or a convention’s title, a cohort’s group) contains this text, without regard to case or accents; empty: no filter',
      examples: ['remobilisation'],
    }),
  ),
  party: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        'Only records with a party whose name contains this text, without regard to case or accents: a tender’s buyer, one of a convention’s signatory organisations (a cohort names none, so never matches); empty: no filter',
      examples: ['dijon'],
    }),
  ),
  createdFrom: Type.Optional(
    Instant({ description: 'Only records created at or after this instant (createdAt, ISO 8601 with an offset)' }),
  ),
  createdTo: Type.Optional(Instant({ description: 'Only records created before this instant (exclusive)' })),
  updatedFrom: Type.Optional(
    Instant({ description: 'Only records last changed at or after this instant (updatedAt, ISO 8601 with an offset)' }),
  ),
  updatedTo: Type.Optional(Instant({ description: 'Only records last changed before this instant (exclusive)' })),
  overdue: Type.Optional(
    OneOf(['true', 'false'] as const, {
      description:
        'true: only records with a pending deadline due at or before the service clock’s now (the agenda’s `overdue`, deadlines that could not fire included); false: only the others',
    }),
  ),
  limit: Whole(1, 500, { default: 50, description: 'At most this many items' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many items' }),
});

const Deadline = Type.Object({
  event: Type.String(),
  dueAt: Type.String({ format: 'date-time' }),
  label: Type.String(),
  duty: Type.Boolean({
    description: 'A duty: someone must send the event by dueAt (the scheduler never does); otherwise the scheduler sends it when due',
  }),
});

const Child = Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.String(), state: Type.String(), stage: Type.String() });

export const InstanceViewSchema = named(
  'InstanceView',
  Type.Object(
    {
      id: Type.String({ format: 'uuid' }),
      kind: Type.String(),
      machineVersion: Type.Integer({ minimum: 1 }),
      state: Type.String({ description: 'The state, dotted under its parents (open.published)' }),
      stage: Type.String({ description: 'The state’s place on the common spine, so that kinds compare' }),
      status: Type.String({ description: 'active, or done once the machine has reached a final state' }),
      context: Type.Unknown({ description: 'The machine’s context: everything the record holds' }),
      summary: Type.Object({}, { additionalProperties: true, description: 'Derived figures (a tender’s ranking)' }),
      version: Type.Integer({ minimum: 1, description: 'Number of events so far; also the ETag' }),
      nextEvents: Type.Array(Type.String(), { description: 'The events the current state takes' }),
      deadlines: Type.Array(Deadline, { description: 'The pending deadlines, soonest first' }),
      parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
      organisation: Type.String({ description: 'The organisation the record belongs to (a child’s is its parent’s)' }),
      children: Type.Optional(Type.Array(Child)),
      headHash: Type.String({ description: 'Hash of the last event of the chain' }),
      createdAt: Type.String({ format: 'date-time' }),
      updatedAt: Type.String({ format: 'date-time' }),
    },
    { additionalProperties: false },
  ),
);

const InstanceListItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.String(),
    machineVersion: Type.Integer(),
    state: Type.String(),
    stage: Type.String(),
    status: Type.String(),
    label: Type.Union([Type.String(), Type.Null()], { description: 'The title, group or similar of the record' }),
    version: Type.Integer(),
    parentId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    organisation: Type.String({ description: 'The organisation the record belongs to' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** The one shape of every list: a page of items, the total, and where the page starts. */
export const Page = <T extends ReturnType<typeof Type.Object>>(item: T, description: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      total: Type.Integer({ minimum: 0, description: 'How many items match, over every page' }),
      limit: Type.Integer({ minimum: 1 }),
      offset: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false, description },
  );

export const InstanceListSchema = named('InstanceList', Page(InstanceListItem, 'Records, newest first'));

export const EventViewSchema = named(
  'EventView',
  Type.Object(
    {
      seq: Type.Integer({ minimum: 1 }),
      type: Type.String(),
      payload: Type.Unknown({ description: 'The validated payload as stored (`{input, parentId?}` for CREATE)' }),
      actor: Type.String({
        description: 'Who sent it: a static token’s name, `Display Name <sub@issuer-host>` for an OpenID Connect token, or the scheduler',
      }),
      at: Type.String({ format: 'date-time', description: 'Business instant' }),
      recordedAt: Type.String({ format: 'date-time', description: 'When the service wrote it (real clock)' }),
      hash: Type.String(),
      leafIndex: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
        description:
          'The event’s leaf in the transparency log: GET /api/transparency/proof/inclusion?index=…&size=… proves it is in a signed checkpoint (null: no leaf, a damaged database)',
      }),
    },
    { additionalProperties: false },
  ),
);

export const HistoryQuery = StrictObject({
  limit: Whole(1, 1000, { default: 100, description: 'At most this many events' }),
  offset: Whole(0, MAX_QUERY_OFFSET, { default: 0, description: 'Skip this many events' }),
  afterSeq: Type.Optional(
    Whole(0, MAX_QUERY_OFFSET, { description: 'Only the events after this sequence number (to follow a history as it grows)' }),
  ),
});

export const HistorySchema = named('History', Page(EventViewSchema, 'Events of the record in order, a page at a time'));

const StageCountSchema = Type.Object(
  {
    kind: Type.String(),
    stage: Type.String({ description: 'The place on the common spine' }),
    state: Type.String(),
    status: Type.String({ description: 'active, or done once the machine has reached a final state' }),
    count: Type.Integer({ minimum: 1, description: 'Records of this kind in this stage, state and status' }),
  },
  { additionalProperties: false },
);

export const InstancesSummarySchema = named(
  'InstancesSummary',
  Type.Object(
    {
      byKindAndStage: Type.Array(StageCountSchema, {
        description: 'Every kind, stage, state and status that has records, with their number (ordered by kind, stage, state, status)',
      }),
      overdue: Type.Integer({
        minimum: 0,
        description: 'Records with a pending deadline whose due time is before `now` (a record with several counts once)',
      }),
      failedDeadlines: Type.Integer({
        minimum: 0,
        description: 'Deadlines that could not fire: refused by their machine, or not matching their record (see the agenda’s failure)',
      }),
      now: Type.String({ format: 'date-time', description: 'The service clock’s now the counts were made at (UTC)' }),
    },
    { additionalProperties: false },
  ),
);
