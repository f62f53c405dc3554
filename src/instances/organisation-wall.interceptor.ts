import { Inject, Injectable, UseInterceptors, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { readableOrganisations } from '../auth/organisations';
import type { Principal } from '../auth/principal';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { CONTRACT_KEY, readQuery, type RouteContract } from '../contract/contract';
import { validated } from '../contract/validator';
import { Database } from '../persistence/database';
import { InstanceRepository } from '../persistence/repositories/instance.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The wall between organisations on the routes that read one record (`GET /api/instances/:id…`, and
 * their HEAD):
 * a record of an organisation the caller may not read is answered 404 INSTANCE_NOT_FOUND, with the
 * body a record that does not exist gets. A request that its route would refuse before looking the
 * record up (an invalid query) is left to the route, so that it is refused the same way for both.
 * Events (POST /api/instances/:id/events) are walled by the command itself, at the point where a
 * missing record is refused, after the checks that come first (If-Match).
 *
 * Put on those routes only (`@WalledByOrganisation()`), not on every route of the application: an
 * interceptor costs each request it wraps an Observable pipeline, measurable on the events route.
 * test/organisations.e2e.spec.ts tries every route, so a read route left without it fails there.
 */
@Injectable()
export class OrganisationWallInterceptor implements NestInterceptor {
  constructor(
    @Inject(Database) private readonly database: Database,
    @Inject(InstanceRepository) private readonly instances: InstanceRepository,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    const route = request.routeOptions?.url ?? '';
    const id = (request.params as Record<string, unknown> | undefined)?.id;
    if (
      (request.method !== 'GET' && request.method !== 'HEAD') ||
      !route.startsWith('/api/instances/:id') ||
      typeof id !== 'string' ||
      !UUID.test(id)
    ) {
      return next.handle();
    }
    const principal = request.principal;
    // Every such route needs a principal (the guard ran); none here is a route that is not walled.
    if (!principal) return next.handle();
    const readable = readableOrganisations(principal);
    if (readable === undefined || !this.validates(context, request)) return next.handle();
    const organisation = await this.database.sqlRead((session) => this.instances.organisationOf(session, id));
    if (organisation !== undefined && !readable.includes(organisation)) {
      throw new DomainError(ErrorCode.INSTANCE_NOT_FOUND, `No instance ${id}.`);
    }
    return next.handle();
  }

  /** Whether the route's own validation of the query takes the request. */
  private validates(context: ExecutionContext, request: FastifyRequest): boolean {
    const contract = Reflect.getMetadata(CONTRACT_KEY, context.getHandler()) as RouteContract | undefined;
    try {
      if (contract?.query) readQuery(contract.query, request.query);
      if (contract?.body) validated(contract.body, request.body ?? {}, 'The body');
      return true;
    } catch {
      return false;
    }
  }
}

/** The organisation wall on a controller or route that reads one record by its `:id`. */
export const WalledByOrganisation = (): MethodDecorator & ClassDecorator => UseInterceptors(OrganisationWallInterceptor);
