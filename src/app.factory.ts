import 'reflect-metadata';
import { ValidationPipe, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { DomainError, ErrorCode } from './common/errors/domain-error';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { registerHardening } from './common/http/hardening';
import { acceptJsonBodiesOnly } from './common/http/json-body';
import { QueryTextPipe } from './common/validation/query-text.pipe';
import type { AppConfig, LogLevelName } from './config/app-config';
import { createRootLogger, JsonLogger, levelFromNest, registerRequestLogging, requestIdOf } from './observability/logging';
import { Metrics } from './observability/metrics';
import type { DestinationStream } from 'pino';

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
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(
    new QueryTextPipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      exceptionFactory: (errors) =>
        new DomainError(
          ErrorCode.VALIDATION_FAILED,
          errors
            .map((error) => `${error.property}: ${Object.values(error.constraints ?? { invalid: 'is invalid' }).join(', ')}`)
            .join('; '),
        ),
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Procurement lifecycle engine')
      .setDescription('Tenders, conventions and coaching cohorts as persisted state machines. Errors are problem details (RFC 9457).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document);
  await app.init();
  return app;
}
