import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { registerHardening } from './common/http/hardening';
import { acceptJsonBodiesOnly } from './common/http/json-body';
import type { AppConfig, LogLevelName } from './config/app-config';
import { buildOpenApiDocument } from './contract/openapi';
import { MachineCatalogue } from './engine/machine-catalogue';
import { createRootLogger, JsonLogger, levelFromNest, registerRequestLogging, requestIdOf } from './observability/logging';
import { Metrics } from './observability/metrics';
import { serveConsole } from './web-console/serve-console';
import type { DestinationStream } from 'pino';

/** The service's version (package.json, one folder up from src/ or two from dist/src/), as the OpenAPI document gives it. */
const SERVICE_VERSION = ((): string => {
  for (const path of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', 'package.json')]) {
    if (existsSync(path)) return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  }
  return '0.0.0';
})();

export interface ServedRoute {
  method: string;
  url: string;
}

const servedRoutes = new WeakMap<NestFastifyApplication, ServedRoute[]>();

/** The routes an application built by createApp serves (method in lower case, Fastify's URL pattern). */
export function servedRoutesOf(app: NestFastifyApplication): ServedRoute[] {
  return [...(servedRoutes.get(app) ?? [])];
}

export interface CreateAppOptions {
  /** The log level instead of `config.log.level`: a pino level, or Nest's list of levels (its most verbose counts). */
  logger?: LogLevelName | LogLevel[] | false;
  /** Where the JSON lines go (default: standard output). */
  logDestination?: DestinationStream;
}

/** Builds the HTTP application (Fastify adapter) for main.ts, the tests and the benchmarks. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, connectionsCheckingIntervalMs } = config.http;
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    routerOptions: { maxParamLength: 200 },
    // Fastify turns Node's request timeout off by default: a client sending headers and then nothing
    // would hold its connection for ever. Node closes it (408) once a timeout has passed.
    requestTimeout: requestTimeoutMs,
    keepAliveTimeout: keepAliveTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      connectionsCheckingInterval: connectionsCheckingIntervalMs,
    },
    // The client's X-Request-Id when sane, else a UUID; echoed and logged (see registerRequestLogging).
    genReqId: requestIdOf,
  });
  const level =
    options.logger === undefined ? config.log.level : typeof options.logger === 'string' ? options.logger : levelFromNest(options.logger);
  const rootLogger = createRootLogger(level, options.logDestination);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, rootLogger), adapter, {
    logger: new JsonLogger(rootLogger),
    bufferLogs: false,
    // A failure while the modules are set up is thrown to the caller (main reports a refused start in one line).
    abortOnError: false,
    // Nest's own parsers would also read form-encoded bodies; the API takes JSON only (see below).
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  const metrics = app.get(Metrics);
  registerRequestLogging(fastify, rootLogger, (method, route, status, durationMs) =>
    metrics.requestFinished(method, route, status, durationMs),
  );
  await registerHardening(app, config);
  acceptJsonBodiesOnly(fastify);
  // Every route the server ends up serving, as Fastify registers it: the contract test compares them with the document.
  const routes: ServedRoute[] = [];
  servedRoutes.set(app, routes);
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: method.toLowerCase(), url: route.url });
  });
  app.setGlobalPrefix('api');
  await serveConsole(app, { inspectorUrl: config.consoleInspectorUrl });
  app.useGlobalFilters(new ProblemDetailsFilter());
  // Requests are validated by their routes' schemas (@ValidBody, @ValidQuery), which also make this document.
  const document = buildOpenApiDocument(app, app.get(MachineCatalogue), SERVICE_VERSION) as unknown as OpenAPIObject;
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
  await app.init();
  return app;
}
