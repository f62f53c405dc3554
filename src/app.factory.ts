import 'reflect-metadata';
import { Logger, ValidationPipe, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { DomainError, ErrorCode } from './common/errors/domain-error';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { acceptJsonBodiesOnly } from './common/http/json-body';
import { QueryTextPipe } from './common/validation/query-text.pipe';
import type { AppConfig } from './config/app-config';

export interface CreateAppOptions {
  logger?: LoggerService | LogLevel[] | false;
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
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger ?? ['error', 'warn', 'log'],
    bufferLogs: false,
    // Nest's own parsers would also read form-encoded bodies; the API takes JSON only (see below).
    bodyParser: false,
  });
  acceptJsonBodiesOnly(app.getHttpAdapter().getInstance());
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
  new Logger('App').log(
    `Database: ${config.database.type}${config.database.type === 'sqlite' ? ` (${config.database.path})` : ''}; clock: ${config.clock.mode}`,
  );
  return app;
}
