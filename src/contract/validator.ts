import { isEmailAddress } from '../common/email-address';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { Static, TSchema } from '@sinclair/typebox';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { isBusinessDate, instantProblem, toUtcInstant } from '../common/time/instant';
import { UUID_PATTERN } from '../engine/engine.types';
import { isValidSiret, siretProblem } from '../common/identifiers/siret';
import { ERROR_MESSAGE_KEYWORD, SIRET_KEYWORD, UTC_INSTANT_KEYWORD } from './schema';

/** One invalid field: its dotted path (`bidder.name`, `outcomes.0.ref`), JSON pointer and what is wrong. */
export interface FieldError {
  field: string;
  pointer: string;
  messages: string[];
}

/**
 * One Ajv for the whole API, on JSON Schema 2020-12 (the dialect of OpenAPI 3.1). `allErrors`: a
 * refusal names every invalid field, not the first. Numbers must be finite; nothing is coerced.
 */
function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, verbose: true, coerceTypes: false, useDefaults: false });
  // The instant keyword checks date-time strings itself, with the reason; the format names it for readers.
  ajv.addFormat('date-time', true);
  ajv.addFormat('date', { type: 'string', validate: isBusinessDate });
  ajv.addFormat('email', { type: 'string', validate: isEmailAddress });
  ajv.addFormat('uuid', { type: 'string', validate: (value) => UUID_PATTERN.test(value) });
  ajv.addKeyword({ keyword: ERROR_MESSAGE_KEYWORD, schemaType: 'string' });
  ajv.addKeyword({ keyword: 'example' });
  ajv.addKeyword({
    keyword: UTC_INSTANT_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    modifying: true,
    errors: true,
    validate: function utcInstant(this: unknown, _schema: boolean, data: string, _parent, context) {
      const instant = toUtcInstant(data);
      if (instant === undefined) {
        (utcInstant as { errors?: Partial<ErrorObject>[] }).errors = [
          { keyword: UTC_INSTANT_KEYWORD, message: instantProblem('', data).trimStart(), params: {} },
        ];
        return false;
      }
      if (context && context.parentData !== undefined)
        (context.parentData as Record<string | number, unknown>)[context.parentDataProperty] = instant;
      return true;
    },
  });
  ajv.addKeyword({
    keyword: SIRET_KEYWORD,
    type: 'string',
    schemaType: 'boolean',
    errors: true,
    validate: function siret(this: unknown, schema: boolean, data: string) {
      if (!schema || isValidSiret(data)) return true;
      (siret as { errors?: Partial<ErrorObject>[] }).errors = [{ keyword: SIRET_KEYWORD, message: siretProblem(data), params: {} }];
      return false;
    },
  });
  return ajv;
}

const ajv = createAjv();
const compiled = new WeakMap<TSchema, ValidateFunction>();

function compile(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
  return validate;
}

/** Dotted path of a JSON pointer (`/bidder/name` → `bidder.name`). */
function dotted(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

/** A field error with the schema keywords it broke (`minimum`, `additionalProperties`…), for tests and tools. */
export interface FieldViolation extends FieldError {
  keywords: string[];
}

/** Ajv's errors as one entry per field, each message a sentence that starts with the field's name. */
function fieldViolations(errors: readonly ErrorObject[]): FieldViolation[] {
  const byPointer = new Map<string, FieldViolation>();
  for (const error of errors) {
    // An error of a `oneOf`/`anyOf` as a whole repeats what its branches said.
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if') continue;
    let pointer = error.instancePath;
    let message: string;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      pointer += `/${String(params.missingProperty)}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      pointer += `/${String(params.additionalProperty)}`;
      message = 'is not allowed here (no such field)';
    } else if (error.keyword === 'propertyNames') {
      pointer += `/${String(params.propertyName)}`;
      message = 'is not an acceptable name here';
    } else if (error.keyword === 'not' && error.schemaPath.endsWith('/propertyNames/not')) {
      continue;
    } else {
      const parent: Record<string, unknown> | undefined = error.parentSchema;
      const custom = parent?.[ERROR_MESSAGE_KEYWORD];
      message =
        typeof custom === 'string' && (error.keyword === 'pattern' || error.keyword === 'format' || error.keyword === 'type')
          ? custom
          : (error.message ?? 'is invalid');
      if (error.keyword === 'enum') message += `: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    }
    let entry = byPointer.get(pointer);
    if (!entry) byPointer.set(pointer, (entry = { field: dotted(pointer) || '(body)', pointer, messages: [], keywords: [] }));
    if (!entry.messages.includes(message)) entry.messages.push(message);
    if (!entry.keywords.includes(error.keyword)) entry.keywords.push(error.keyword);
  }
  return [...byPointer.values()];
}

function fieldErrors(errors: readonly ErrorObject[]): FieldError[] {
  return fieldViolations(errors).map(({ field, pointer, messages }) => ({ field, pointer, messages }));
}

/** What is wrong with `value` against `schema` (nothing: valid), without changing it. */
export function errorsOf(schema: TSchema, value: unknown): FieldViolation[] {
  const validate = compile(schema);
  return validate(structuredClone(value)) ? [] : fieldViolations(validate.errors ?? []);
}

/**
 * Validates `value` against `schema` IN PLACE (instants are rewritten in UTC) and returns it typed, or
 * throws a 400 problem whose `errors` name every invalid field. `what` names the value in the detail
 * ("input", "SUBMIT_BID payload", "query").
 */
export function validated<T extends TSchema>(schema: T, value: unknown, what: string): Static<T> {
  const validate = compile(schema);
  if (validate(value)) return value;
  const errors = fieldErrors(validate.errors ?? []);
  const summary = errors.map((error) => `${error.field} ${error.messages.join(', ')}`).join('; ');
  throw new DomainError(ErrorCode.VALIDATION_FAILED, `${what} is invalid: ${summary}.`, { errors });
}
