import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { validated, type FieldError } from './validator';

export const CONTRACT_KEY = 'contract';

/** A response of a route: its status and, for a body, its schema (JSON unless said otherwise). */
export interface ResponseContract {
  status: number;
  description: string;
  schema?: TSchema;
  /** Other representations of the same answer (e.g. `text/csv`), as media type → schema. */
  alternatives?: Record<string, TSchema>;
  headers?: Record<string, { description: string; schema: TSchema }>;
}

/** A request header a route reads. */
export interface HeaderContract {
  name: string;
  description: string;
  schema: TSchema;
  required?: boolean;
}

/**
 * What a route takes and answers, in one place: the body and query schemas validate the request
 * (through @ValidBody and @ValidQuery) and, with the responses, make the route's OpenAPI operation
 * (contract/openapi.ts). The roles come from @Roles / @Public.
 */
export interface RouteContract {
  summary: string;
  description?: string;
  /** The body as validated here. */
  body?: TSchema;
  /** The body as documented, when it is more precise than what is validated here (events: the engine validates the payload of the record's kind). */
  documentedBody?: TSchema;
  query?: TObject;
  params?: Record<string, TSchema & { description?: string }>;
  headers?: HeaderContract[];
  responses: ResponseContract[];
  /** The refusals this route may answer besides those of every route (authentication, roles, rate limit). */
  problems?: ErrorCode[];
}

/** Declares a route's contract (see RouteContract). */
export const Contract = (contract: RouteContract) => SetMetadata(CONTRACT_KEY, contract);

function contractOf(context: ExecutionContext): RouteContract {
  const contract = Reflect.getMetadata(CONTRACT_KEY, context.getHandler()) as RouteContract | undefined;
  if (!contract)
    throw new Error(`${context.getClass().name}.${context.getHandler().name} reads a validated request but declares no @Contract`);
  return contract;
}

/** The request body, validated against the route's `body` schema. */
export const ValidBody = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const schema = contractOf(context).body;
  if (!schema) throw new Error(`${context.getHandler().name}: @ValidBody without a body schema in its @Contract`);
  return validated(schema, context.switchToHttp().getRequest<FastifyRequest>().body ?? {}, 'The body');
});

/** The query string, validated against the route's `query` schema (whole numbers read from their digits). */
export const ValidQuery = createParamDecorator((_: unknown, context: ExecutionContext): unknown => {
  const schema = contractOf(context).query;
  if (!schema) throw new Error(`${context.getHandler().name}: @ValidQuery without a query schema in its @Contract`);
  return readQuery(schema, context.switchToHttp().getRequest<FastifyRequest>().query);
});

/** C0 and C1 control characters, NUL included (PostgreSQL cannot even receive NUL in a text parameter). */
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * A query string as its schema reads it: each parameter given once, no control character in names or
 * values, whole numbers written in decimal digits only (Number() would read `1e20`, `0x10` and the
 * empty string as numbers), and defaults filled in.
 */
export function readQuery<T extends TObject>(schema: T, raw: unknown): Record<string, unknown> {
  const given = (raw ?? {}) as Record<string, unknown>;
  const query: Record<string, unknown> = {};
  const problems: FieldError[] = [];
  const refuse = (field: string, message: string) => problems.push({ field, pointer: `/${field}`, messages: [message] });
  for (const [name, value] of Object.entries(given)) {
    if (CONTROL_CHARACTER.test(name)) {
      refuse(JSON.stringify(name), 'query parameters may not hold control characters (such as NUL or a line feed)');
      continue;
    }
    if (Array.isArray(value)) {
      refuse(name, 'must be given once');
      continue;
    }
    if (typeof value === 'string' && CONTROL_CHARACTER.test(value)) {
      refuse(name, 'query parameters may not hold control characters (such as NUL or a line feed)');
      continue;
    }
    const property = schema.properties[name] as TSchema | undefined;
    query[name] = property?.type === 'integer' && typeof value === 'string' && /^\d{1,10}$/.test(value) ? Number(value) : value;
  }
  if (problems.length > 0) {
    const summary = problems.map((problem) => `${problem.field}: ${problem.messages.join(', ')}`).join('; ');
    throw new DomainError(ErrorCode.VALIDATION_FAILED, `The query string is invalid: ${summary}.`, { errors: problems });
  }
  for (const [name, property] of Object.entries(schema.properties)) {
    const fallback = property.default as unknown;
    if (query[name] === undefined && fallback !== undefined) query[name] = fallback;
  }
  return validated(schema, query, 'The query string');
}
