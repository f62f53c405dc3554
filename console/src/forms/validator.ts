import {
  toErrorSchema,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

type Schema = Record<string, unknown>;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function realDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(expected: unknown, value: unknown): boolean {
  const types = Array.isArray(expected) ? (expected as string[]) : [expected as string];
  const actual = typeOf(value);
  return types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

/**
 * The subset of JSON Schema the machines' event schemas use, checked in the browser. Ajv compiles its
 * validators with `new Function`, which the console's Content-Security-Policy (script-src 'self')
 * forbids; the service validates every request in full anyway, and its per-field errors are shown
 * under the fields.
 */
function check(schema: Schema, value: unknown, path: string[], errors: RJSFValidationError[]): void {
  const add = (name: string, params: Record<string, unknown> = {}): void => {
    errors.push({ name, params, property: path.length ? `.${path.join('.')}` : '.', message: name, stack: name, schemaPath: '' });
  };
  if (value === undefined) return;
  if (schema.const !== undefined && value !== schema.const) return add('const');
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) return add('enum');
  if (Array.isArray(schema.oneOf)) {
    const options = schema.oneOf as Schema[];
    const matching = options.filter((option) => {
      const inner: RJSFValidationError[] = [];
      check(option, value, path, inner);
      return inner.length === 0;
    });
    if (matching.length !== 1) return add('oneOf');
  }
  if (schema.type !== undefined && !matchesType(schema.type, value)) return add('type', { type: schema.type });
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) add('minLength', { limit: schema.minLength });
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) add('maxLength', { limit: schema.maxLength });
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) add('pattern');
    if (schema.format === 'date' && !realDate(value)) add('format', { format: 'date' });
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) add('format', { format: 'date-time' });
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) add('minimum', { limit: schema.minimum });
    if (typeof schema.maximum === 'number' && value > schema.maximum) add('maximum', { limit: schema.maximum });
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) add('minItems', { limit: schema.minItems });
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) add('maxItems', { limit: schema.maxItems });
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) add('uniqueItems');
    if (schema.items && typeof schema.items === 'object')
      value.forEach((item, index) => check(schema.items as Schema, item, [...path, String(index)], errors));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (object[name] === undefined)
        errors.push({
          name: 'required',
          params: { missingProperty: name },
          property: `.${[...path, name].join('.')}`,
          message: 'required',
          stack: 'required',
          schemaPath: '',
        });
    }
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) check(properties[name], item, [...path, name], errors);
      else if (schema.additionalProperties === false) add('additionalProperties', { additionalProperty: name });
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
        check(schema.additionalProperties as Schema, item, [...path, name], errors);
    }
    if (typeof schema.maxProperties === 'number' && Object.keys(object).length > schema.maxProperties)
      add('maxProperties', { limit: schema.maxProperties });
  }
}

export const formValidator: ValidatorType = {
  validateFormData(formData: unknown, schema: RJSFSchema, _custom?: unknown, transformErrors?: ErrorTransformer): ValidationData<unknown> {
    let errors: RJSFValidationError[] = [];
    check(schema, formData, [], errors);
    if (transformErrors) errors = transformErrors(errors);
    return { errors, errorSchema: toErrorSchema(errors) };
  },
  isValid(schema: RJSFSchema, formData: unknown): boolean {
    const errors: RJSFValidationError[] = [];
    check(schema, formData, [], errors);
    return errors.length === 0;
  },
  rawValidation(schema: RJSFSchema, formData?: unknown) {
    const errors: RJSFValidationError[] = [];
    check(schema, formData, [], errors);
    return { errors: errors as never[] };
  },
};
