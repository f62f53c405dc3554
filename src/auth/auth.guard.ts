import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { actorOf, AUTHENTICATOR, type Authenticator, type Principal } from './principal';
import { PUBLIC_KEY, ROLES_KEY, type Role } from './roles.decorator';

/**
 * Every route states who may call it (@Roles or @Public); anything else is refused to everyone
 * (fail closed). No or unknown credentials: 401 (a refused JWT: TOKEN_INVALID with its reason); a valid
 * principal without the role, or a JWT that gives no role of ours: 403.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AUTHENTICATOR) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { principal?: Principal }>();
    const header = request.headers.authorization;
    const bearer = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    if (!bearer) {
      void http.getResponse<FastifyReply>().header('www-authenticate', 'Bearer');
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Send a bearer token: Authorization: Bearer <token>.');
    }
    let principal: Principal | undefined;
    try {
      principal = await this.authenticator.authenticate(bearer);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.TOKEN_INVALID) {
        void http.getResponse<FastifyReply>().header('www-authenticate', 'Bearer error="invalid_token"');
      }
      throw error;
    }
    if (!principal) {
      void http.getResponse<FastifyReply>().header('www-authenticate', 'Bearer error="invalid_token"');
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The bearer token is not valid.');
    }
    if (!roles.includes(principal.role)) {
      throw new DomainError(
        ErrorCode.FORBIDDEN,
        `${actorOf(principal)} (${principal.role}) may not ${request.method} ${request.routeOptions?.url ?? request.url}; allowed: ${roles.join(', ') || 'nobody'}.`,
      );
    }
    request.principal = principal;
    return true;
  }
}
