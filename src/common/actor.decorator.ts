import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { actorOf, type Principal } from '../auth/principal';

/** Who sends the command, recorded as the event's actor: a static token's name, or `Name <sub@issuer-host>` (see actorOf). */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  if (!request.principal) throw new Error('Actor used on a route without an authenticated principal');
  return actorOf(request.principal);
});

/** The authenticated principal (its role and organisations). */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route without an authenticated principal');
  return request.principal;
});
