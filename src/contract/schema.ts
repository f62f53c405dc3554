import {
  Type,
  type ObjectOptions,
  type SchemaOptions,
  type StringOptions,
  type TObject,
  type TProperties,
  type TSchema,
} from '@sinclair/typebox';
import { INHERITED_NAMES } from '../common/json/inherited-names';
import { instantProblem } from '../common/time/instant';

/*
 * The building blocks of the API's schemas. Every input and event of every kind is one TypeBox schema
 * (JSON Schema 2020-12 with static types): Ajv compiles it to validate requests (contract/validator.ts)
 * and the OpenAPI document and GET /api/machines/:kind serve it as it is (docs/api.md, "The contract").
 */

/** Keyword of an instant that validation normalises to UTC (`2022-08-05T10:00:00.000Z`) after checking it strictly. */
export const UTC_INSTANT_KEYWORD = 'x-utc-instant';
/** Annotation: the message given when a value breaks the schema's `pattern` or `format`. */
export const ERROR_MESSAGE_KEYWORD = 'x-error-message';
/** Keyword of a SIRET: 14 digits whose check digit holds (src/common/identifiers/siret.ts). */
export const SIRET_KEYWORD = 'x-siret';

/** An object with exactly these properties: any other is refused (no silent drop of a misspelt field). */
export function StrictObject<T extends TProperties>(properties: T, options: ObjectOptions = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/** A payload-less event (`{}` only). */
export const NoPayload = (description?: string) => StrictObject({}, description ? { description } : {});

/** An ISO 8601 instant with an explicit offset, strictly read (the day exists, no 24:00) and stored in UTC. */
export const Instant = (options: StringOptions = {}) =>
  Type.String({
    format: 'date-time',
    [UTC_INSTANT_KEYWORD]: true,
    [ERROR_MESSAGE_KEYWORD]: instantProblem('', undefined).trimStart(),
    description: 'ISO 8601 instant with an offset (Z or ±hh:mm), stored in UTC.',
    ...options,
  });

/** A business date in Europe/Paris: YYYY-MM-DD, a real calendar date. */
export const BusinessDate = (options: StringOptions = {}) =>
  Type.String({
    format: 'date',
    [ERROR_MESSAGE_KEYWORD]: 'must be a real calendar date YYYY-MM-DD',
    description: 'A calendar date YYYY-MM-DD (Europe/Paris).',
    ...options,
  });

/** Text bounded on both sides: `min` characters (1: not empty) to `max`. */
export const Text = (max: number, options: StringOptions & { min?: number } = {}) => {
  const { min = 1, ...rest } = options;
  return Type.String({ minLength: min, maxLength: max, ...rest });
};

/** Optional text that may be empty. */
export const FreeText = (max: number, options: StringOptions = {}) => Type.String({ maxLength: max, ...options });

/** A string matching `pattern`, explained by `message` when it does not. */
export const Matching = (pattern: RegExp, message: string, options: StringOptions = {}) =>
  Type.String({ pattern: pattern.source, [ERROR_MESSAGE_KEYWORD]: message, ...options });

/** A SIRET (a French establishment's number): 14 digits with their Luhn check (La Poste: its own rule). */
export const Siret = (options: StringOptions = {}) =>
  Type.String({
    [SIRET_KEYWORD]: true,
    description: 'SIRET: 14 digits whose check digit holds (Luhn; La Poste, SIREN 356000000: sum of digits a multiple of 5)',
    examples: ['21000000000013'],
    ...options,
  });

/** An e-mail address (format email: see src/common/email-address.ts). */
export const EmailAddress = (options: StringOptions = {}) =>
  Type.String({
    format: 'email',
    maxLength: 254,
    [ERROR_MESSAGE_KEYWORD]: 'must be an e-mail address such as achats@example.org',
    examples: ['achats@example.org'],
    ...options,
  });

/** One of a list of words. */
export const OneOf = <T extends string>(values: readonly T[], options: SchemaOptions = {}) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });

/** A whole number from `min` (and up to `max`). */
export const Whole = (min: number, max?: number, options: SchemaOptions = {}) =>
  Type.Integer({ minimum: min, ...(max === undefined ? {} : { maximum: max }), ...options });

/** An amount of money in euro cents (integer, ≥ 0). */
export const Cents = (options: SchemaOptions = {}) => Type.Integer({ minimum: 0, description: 'Euro cents', ...options });

/**
 * A plain object used as a map (`{ presentation: "offer.pdf" }`): every value of one primitive type,
 * a bounded number of keys, and no key that every object already answers to through its prototype.
 */
export function RecordOf<V extends 'string' | 'number'>(
  valueType: V,
  limits: { maxKeys: number; maxLength?: number },
  options: SchemaOptions = {},
) {
  const value = valueType === 'number' ? { type: 'number' } : { type: 'string', maxLength: limits.maxLength ?? 1000 };
  return Type.Unsafe<Record<string, V extends 'number' ? number : string>>({
    type: 'object',
    additionalProperties: value,
    maxProperties: limits.maxKeys,
    propertyNames: { minLength: 1, maxLength: 100, not: { enum: [...INHERITED_NAMES] } },
    ...options,
  });
}

/** A UUID (the ids of records). */
export const Uuid = (options: StringOptions = {}) => Type.String({ format: 'uuid', ...options });

/** Copies a schema with other annotations (a description, examples) without changing what it accepts. */
export function annotate<T extends TSchema>(schema: T, options: SchemaOptions): T {
  return { ...schema, ...options };
}
