import { RequestMethod, type INestApplication } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { PUBLIC_KEY, ROLES_KEY, type Role } from '../auth/roles.decorator';
import { ErrorCode, statusOf } from '../common/errors/domain-error';
import { problemTypes } from '../common/errors/problem-catalogue';
import type { KindDefinition } from '../engine/kind-definition';
import type { MachineCatalogue } from '../engine/machine-catalogue';
import { eventEnvelope, ORGANISATION_FIELD } from '../instances/instances.schemas';
import { CONTRACT_KEY, type RouteContract } from './contract';
import { componentNameOf, namedSchemas, ProblemSchema } from './components';

type Json = Record<string, unknown>;

/** One route as Nest serves it, with its contract and roles. */
export interface DocumentedRoute {
  method: string;
  /** OpenAPI form: /api/instances/{id}. */
  path: string;
  controller: string;
  handler: string;
  contract?: RouteContract;
  roles: Role[] | 'public';
  defaultStatus: number;
}

const METHODS: Partial<Record<RequestMethod, string>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.DELETE]: 'delete',
  [RequestMethod.PATCH]: 'patch',
};

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts.flatMap((part) => (Array.isArray(part) ? part[0] : part) ?? '').flatMap((part) => part.split('/'));
  return '/' + segments.filter((segment) => segment !== '').join('/');
}

/** Every route of the application's controllers, read from Nest's own routing metadata. */
export function documentedRoutes(app: INestApplication, prefix = 'api'): DocumentedRoute[] {
  const routes: DocumentedRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype;
      if (!controller?.prototype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = METHODS[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        if (path === undefined || method === undefined) continue;
        const isPublic = (Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)) === true;
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller) ?? []) as Role[];
        routes.push({
          method,
          path: joinPath(prefix, base, path).replace(/:([A-Za-z0-9_]+)/g, '{$1}'),
          controller: controller.name,
          handler: name,
          contract: Reflect.getMetadata(CONTRACT_KEY, handler) as RouteContract | undefined,
          roles: isPublic ? 'public' : roles,
          defaultStatus: (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ?? (method === 'post' ? 201 : 200),
        });
      }
    }
  }
  return routes;
}

/**
 * A schema as JSON for the document: TypeBox's symbols dropped, and every named schema met below the
 * top replaced by a `$ref` to its component, so that the document says each shape once.
 */
export function toDocumentSchema(schema: unknown, top = true): unknown {
  if (Array.isArray(schema)) return schema.map((item) => toDocumentSchema(item, false));
  if (schema === null || typeof schema !== 'object') return schema;
  const name = componentNameOf(schema as TSchema);
  if (!top && name) return { $ref: `#/components/schemas/${name}` };
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) out[key] = toDocumentSchema(value, false);
  return out;
}

/** A kind or event name as a schema name's part: `SUBMIT_BID` → `SubmitBid`, `coaching-cohort` → `CoachingCohort`. */
export const pascal = (text: string) =>
  text
    .toLowerCase()
    .split(/[_-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

/** A kind's event as a whole body: `type` fixed to the event, the envelope, and the payload's own fields. */
function eventBodySchema(definition: KindDefinition, type: string, payload: TObject): Json {
  const payloadJson = toDocumentSchema(payload, true) as Json;
  return {
    type: 'object',
    title: `${definition.kind} ${type}`,
    ...(payload.description ? { description: payload.description } : {}),
    properties: {
      type: { const: type },
      at: toDocumentSchema(eventEnvelope.at, true),
      expectedVersion: toDocumentSchema(eventEnvelope.expectedVersion, true),
      ...(payloadJson.properties as Json),
    },
    required: ['type', ...((payloadJson.required as string[] | undefined) ?? [])],
    additionalProperties: false,
  };
}

/** The input and event components of every kind (latest machine version), and the two bodies built from them. */
function kindComponents(catalogue: MachineCatalogue) {
  const schemas: Json = {};
  const eventUnions: Json[] = [];
  const createBodies: Json[] = [];
  const createMapping: Record<string, string> = {};
  for (const kind of catalogue.kinds()) {
    const definition = catalogue.latest(kind)!;
    const Kind = pascal(kind);
    schemas[`${Kind}Input`] = { ...(toDocumentSchema(definition.inputSchema) as Json), title: `${kind} input` };
    const mapping: Record<string, string> = {};
    for (const [type, payload] of Object.entries(definition.eventSchemas)) {
      const name = `${Kind}${pascal(type)}Event`;
      schemas[name] = eventBodySchema(definition, type, payload);
      mapping[type] = `#/components/schemas/${name}`;
    }
    schemas[`${Kind}Event`] = {
      title: `${kind} event`,
      oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
      discriminator: { propertyName: 'type', mapping },
    };
    eventUnions.push({ $ref: `#/components/schemas/${Kind}Event` });
    schemas[`Create${Kind}`] = {
      type: 'object',
      title: `create a ${kind}`,
      properties: {
        kind: { const: kind },
        input: { $ref: `#/components/schemas/${Kind}Input` },
        parentId: { type: 'string', format: 'uuid', description: 'The record this one belongs to' },
        organisation: toDocumentSchema(ORGANISATION_FIELD, true),
        at: toDocumentSchema(eventEnvelope.at, true),
      },
      required: ['kind'],
      additionalProperties: false,
    };
    createMapping[kind] = `#/components/schemas/Create${Kind}`;
    createBodies.push({ $ref: createMapping[kind] });
  }
  // Kinds share event names (CANCEL, UPDATE_DRAFT) with other payloads: which applies is the record's kind.
  schemas.EventBody = {
    description: "An event for a record: its kind's events (the record's kind decides which list applies).",
    anyOf: eventUnions,
  };
  schemas.CreateInstanceBody = { oneOf: createBodies, discriminator: { propertyName: 'kind', mapping: createMapping } };
  return schemas;
}

/** What every route may answer besides its own refusals. */
function commonProblems(route: DocumentedRoute): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (route.roles !== 'public') codes.push(ErrorCode.UNAUTHENTICATED, ErrorCode.TOKEN_INVALID, ErrorCode.FORBIDDEN, ErrorCode.RATE_LIMITED);
  if (route.contract?.body)
    codes.push(ErrorCode.VALIDATION_FAILED, ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.BAD_REQUEST);
  if (route.contract?.query) codes.push(ErrorCode.VALIDATION_FAILED);
  return codes;
}

function problemResponses(codes: ErrorCode[]): Json {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = statusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Json = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: `Problem details, code ${list.join(' or ')}`,
      content: {
        'application/problem+json': {
          schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { properties: { code: { enum: list } } }] },
        },
      },
    };
  }
  return responses;
}

function operationOf(route: DocumentedRoute): Json {
  const contract = route.contract;
  const roles = route.roles === 'public' ? 'anyone, without a token' : route.roles.join(', ');
  const operation: Json = {
    operationId: `${route.controller.replace(/Controller$/, '')}.${route.handler}`,
    tags: [route.controller.replace(/Controller$/, '').toLowerCase()],
    summary: contract?.summary ?? route.handler,
    description: [contract?.description, `Roles: ${roles}.`].filter(Boolean).join('\n\n'),
    'x-roles': route.roles === 'public' ? [] : route.roles,
    security: route.roles === 'public' ? [] : [{ bearer: [] }],
  };
  const parameters: Json[] = [];
  for (const name of [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1])) {
    const schema = contract?.params?.[name] ?? Type.String();
    parameters.push({ name, in: 'path', required: true, description: schema.description, schema: toDocumentSchema(schema) });
  }
  if (contract?.query) {
    const required = new Set(contract.query.required ?? []);
    for (const [name, schema] of Object.entries(contract.query.properties)) {
      parameters.push({
        name,
        in: 'query',
        required: required.has(name) && schema.default === undefined,
        description: schema.description,
        schema: toDocumentSchema(schema),
      });
    }
  }
  for (const header of contract?.headers ?? []) {
    parameters.push({
      name: header.name,
      in: 'header',
      required: header.required ?? false,
      description: header.description,
      schema: toDocumentSchema(header.schema),
    });
  }
  if (parameters.length > 0) operation.parameters = parameters;
  const body = contract?.documentedBody ?? contract?.body;
  if (body) operation.requestBody = { required: true, content: { 'application/json': { schema: toDocumentSchema(body, false) } } };
  const responses: Json = {};
  for (const response of contract?.responses ?? []) {
    const content: Json = {};
    if (response.schema) content['application/json'] = { schema: toDocumentSchema(response.schema, false) };
    for (const [media, schema] of Object.entries(response.alternatives ?? {})) content[media] = { schema: toDocumentSchema(schema, false) };
    const headers: Json = {};
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      headers[name] = { description: header.description, schema: toDocumentSchema(header.schema) };
    }
    responses[String(response.status)] = {
      description: response.description,
      ...(Object.keys(content).length > 0 ? { content } : {}),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    };
  }
  Object.assign(responses, problemResponses([...commonProblems(route), ...(contract?.problems ?? [])]));
  operation.responses = responses;
  return operation;
}

/** The OpenAPI 3.1 document of the API, from the routes' contracts and the kinds' schemas. */
export function buildOpenApiDocument(app: INestApplication, catalogue: MachineCatalogue, version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of documentedRoutes(app)) {
    (paths[route.path] ??= {})[route.method] = operationOf(route);
  }
  const components: Json = {};
  for (const [name, schema] of namedSchemas()) components[name] = toDocumentSchema(schema);
  Object.assign(components, kindComponents(catalogue));
  components.Problem = toDocumentSchema(ProblemSchema);
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Procurement lifecycle engine',
      version,
      description: [
        'Tenders, conventions and coaching cohorts as persisted state machines.',
        'Errors are problem details (RFC 9457): `type` is the address of a page describing the problem, `code` a stable code, `instance` the request path.',
        'Every answer carries `X-Request-Id`: the request id sent by the client (printable, at most 128 characters) or one the service made, also in its log lines.',
        `Problem codes: ${problemTypes()
          .map((type) => `${type.code} (${type.status})`)
          .join(', ')}.`,
      ].join('\n\n'),
    },
    tags: [
      ...new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((operation) => (operation as Json).tags as string[]))),
    ].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'Opaque tokens or JWTs from the configured issuer. Opaque tokens: one per principal, set by API_TOKENS or kept (as SHA-256 digests) in data/api-tokens, generated at the first start. JWTs: access tokens of the OpenID Connect provider named by OIDC_ISSUER (GET /api/auth/config), signed with RS256, ES256, PS256 or EdDSA, for the audience OIDC_AUDIENCE; their role comes from OIDC_ROLES_CLAIM (mapped by OIDC_ROLE_MAP). Each principal has one role: administrator, scheduler or auditor. A refused JWT is 401 TOKEN_INVALID with its `reason`.',
        },
      },
      schemas: components,
    },
  };
}
