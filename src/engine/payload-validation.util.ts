import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { jsonCopy } from '../common/json/json-copy.util';
import { ValidationPlans } from '../common/validation/validation-plan';
import type { DtoClass } from './kind-definition';

// The plans also install class-validator's lookup cache.
const plans = new ValidationPlans();
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false } as const;

export interface FieldError {
  field: string;
  messages: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ field, messages: Object.values(error.constraints) });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/**
 * Validates a plain payload against a DTO class (unknown fields refused) and returns the cleaned,
 * normalised plain object (instants in UTC). Throws a 400 problem naming every faulty field.
 */
export function validatePayload(dto: DtoClass, payload: unknown, what: string): Record<string, unknown> {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${what} must be a JSON object.`);
  }
  const instance = plainToInstance<object, unknown>(dto, payload);
  // forbidUnknownValues stays off: payload-less events have DTOs without decorators; whitelisting still refuses any field.
  // The plan answers for most payloads; class-validator decides (and explains) the others.
  const errors = plans.passes(instance) ? [] : validateSync(instance, OPTIONS);
  if (errors.length > 0) {
    const fieldErrors = flatten(errors);
    const summary = fieldErrors.map((error) => `${error.field}: ${error.messages.join(', ')}`).join('; ');
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `${what} is invalid: ${summary}`, { errors: fieldErrors });
  }
  return jsonCopy(instance) as Record<string, unknown>;
}
