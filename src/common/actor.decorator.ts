import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** Who sends the command. Until access control lands: the `X-Actor` header, else `anonymous`. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: { name: string } }>();
  if (request.principal?.name) return request.principal.name;
  const header = request.headers['x-actor'];
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'string' && /^[\p{L}\p{N} ._@'-]{1,200}$/u.test(value.trim())) return value.trim();
  return 'anonymous';
});
