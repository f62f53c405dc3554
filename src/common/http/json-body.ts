import type { FastifyInstance } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { isInheritedName } from '../validation/record.decorator';

/** Deeper than any body of the API needs (a tender input is four levels deep); a bound on later recursion. */
export const MAX_JSON_DEPTH = 64;

/**
 * Why a parsed JSON body is refused, or undefined: nested deeper than `maxDepth` (class-transformer,
 * class-validator and JSON.stringify all recurse, and overflow the stack near 10,000 levels), or a
 * key that every object already has (`constructor`, `toString`, `__proto__`…; see isInheritedName),
 * which free-form maps such as a bid's documents would otherwise take in. Walks with its own stack,
 * so no depth can overflow it.
 */
export function jsonBodyProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const pending: { value: unknown; depth: number; path: string }[] = [{ value: body, depth: 1, path: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, depth, path } = next;
    if (value === null || typeof value !== 'object') continue;
    if (depth > maxDepth) return `The JSON body is nested deeper than ${maxDepth} levels (at ${path}).`;
    if (Array.isArray(value)) {
      value.forEach((item: unknown, index) => pending.push({ value: item, depth: depth + 1, path: `${path}[${index}]` }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (isInheritedName(key)) return `${at}: "${key}" is a name every JavaScript object already has; it cannot be used as a key.`;
      pending.push({ value: item, depth: depth + 1, path: at });
    }
  }
  return undefined;
}

/**
 * JSON is the only body the API reads: Fastify's own JSON parser, then jsonBodyProblem. Any other
 * content type (form-encoded, multipart, text/plain…) gets Fastify's 415.
 */
export function acceptJsonBodiesOnly(fastify: FastifyInstance): void {
  // The parser's own prototype-poisoning checks would refuse `__proto__` as "not valid JSON";
  // jsonBodyProblem refuses it (and `constructor`, `prototype`) at any depth, naming the field, before
  // anything reads the body. JSON.parse itself makes `__proto__` a plain own key, which pollutes nothing.
  const parseJson = fastify.getDefaultJsonParser('ignore', 'ignore');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser<string>('application/json', { parseAs: 'string' }, (request, text, done) => {
    // Fastify's default JSON parser answers through `done`, synchronously.
    void parseJson(request, text, (error: Error | null, body?: unknown) => {
      if (error) return done(error);
      const problem = jsonBodyProblem(body);
      if (problem !== undefined) return done(new DomainError(ErrorCode.VALIDATION_FAILED, problem));
      done(null, body);
    });
  });
}
