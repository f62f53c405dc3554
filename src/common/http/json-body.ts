import type { FastifyInstance } from 'fastify';
import { DomainError, ErrorCode } from '../errors/domain-error';
import { isInheritedName } from '../json/inherited-names';

/** Deeper than any body of the API needs (a tender input is four levels deep); a bound on later recursion. */
export const MAX_JSON_DEPTH = 64;

/** Where a body goes wrong: the path down to it (keys and `[index]`es) and what is wrong there. */
interface Finding {
  path: (string | number)[];
  /** The refused key, or undefined when the body is nested too deep here. */
  key?: string;
}

function pathText(path: (string | number)[]): string {
  let text = '';
  for (const step of path) text += typeof step === 'number' ? `[${step}]` : text ? `.${step}` : step;
  return text;
}

/**
 * The first place, in document order, where a parsed body is nested deeper than `maxDepth` or holds
 * a refused key. The recursion stops at `maxDepth`, so no body can overflow the stack; the path is
 * only built on the way back from a finding (this runs on every request).
 */
function inspect(value: unknown, depth: number, maxDepth: number): Finding | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > maxDepth) return { path: [] };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = inspect(value[index], depth + 1, maxDepth);
      if (found) {
        found.path.unshift(index);
        return found;
      }
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (isInheritedName(key)) return { path: [key], key };
    const found = inspect((value as Record<string, unknown>)[key], depth + 1, maxDepth);
    if (found) {
      found.path.unshift(key);
      return found;
    }
  }
  return undefined;
}

/**
 * Why a parsed JSON body is refused, or undefined: nested deeper than `maxDepth` (recursive
 * validation and JSON.stringify all recurse, and overflow the stack near 10,000 levels), or a
 * key that every object already has (`constructor`, `toString`, `__proto__`…; see isInheritedName),
 * which free-form maps such as a bid's documents would otherwise take in.
 */
export function jsonBodyProblem(body: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  const found = inspect(body, 1, maxDepth);
  if (!found) return undefined;
  const at = pathText(found.path);
  if (found.key === undefined) return `The JSON body is nested deeper than ${maxDepth} levels (at ${at}).`;
  return `${at}: "${found.key}" is a name every JavaScript object already has; it cannot be used as a key.`;
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
