import { Type, type TSchema } from '@sinclair/typebox';
import { ErrorCode } from '../common/errors/domain-error';

const names = new Map<TSchema, string>();

/** Names a schema: the OpenAPI document gives it a component and refers to it by `$ref` wherever it is used. */
export function named<T extends TSchema>(name: string, schema: T): T {
  if ([...names.values()].includes(name)) throw new Error(`Two schemas are named ${name}`);
  names.set(schema, name);
  return schema;
}

export function componentNameOf(schema: TSchema): string | undefined {
  return names.get(schema);
}

export function namedSchemas(): [string, TSchema][] {
  return [...names.entries()].map(([schema, name]) => [name, schema]);
}

export const FieldErrorSchema = named(
  'FieldError',
  Type.Object(
    {
      field: Type.String({ description: 'Dotted path of the field (bidder.name, outcomes.0.ref), or the query parameter' }),
      pointer: Type.String({ description: 'JSON pointer of the field in the body or query (/bidder/name)' }),
      messages: Type.Array(Type.String()),
    },
    { additionalProperties: false },
  ),
);

/** Problem details (RFC 9457) with the service's extensions. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'Address of a page describing this kind of problem (/api/problems/<code>)' }),
    title: Type.String(),
    status: Type.Integer({ minimum: 400, maximum: 599 }),
    detail: Type.String({ description: 'What went wrong with this request, in words' }),
    code: Type.Unsafe<ErrorCode>({ type: 'string', enum: Object.values(ErrorCode) }),
    instance: Type.Optional(Type.String({ description: 'The path of the request' })),
    errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'VALIDATION_FAILED: one entry per invalid field' })),
    rule: Type.Optional(Type.String({ description: 'RULE_REFUSED: the rule that refused' })),
    state: Type.Optional(Type.String({ description: 'The state of the record when it refused' })),
    acceptedEvents: Type.Optional(Type.Array(Type.String())),
  },
  { additionalProperties: true },
);
