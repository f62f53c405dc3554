import { randomUUID } from 'node:crypto';
import type { LoggerService, LogLevel } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { storage, Store } from 'nestjs-pino/storage';
import pino, { type DestinationStream, type Logger as PinoLogger } from 'pino';
import type { Params as LoggerModuleParams } from 'nestjs-pino';
import { actorOf, type Principal } from '../auth/principal';
import { StartupError, type LogLevelName } from '../config/app-config';

/** The header a client may send to name its request, and in which the service echoes the id. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Visible ASCII only, bounded: the id is echoed in a header and written in every log line. */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The client's X-Request-Id when it is sane, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Header values that are never written, should anything log a request's headers: credentials and
 * anything that looks like a token. The request line itself carries no headers at all.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'req.headers["x-auth-token"]',
  'headers.authorization',
  'headers.cookie',
  'authorization',
];

/** The service's root logger: one JSON object a line, UTC ISO times, level names. */
export function createRootLogger(level: LogLevelName, destination?: DestinationStream): PinoLogger {
  return pino(
    {
      level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/**
 * nestjs-pino's module, for code that injects its PinoLogger. Its middleware (pino-http run through
 * @fastify/middie on every request) is not applied: it cost a quarter of the event throughput in the
 * HTTP benchmark. `registerRequestLogging` binds the request's logger in nestjs-pino's own request
 * storage instead, so PinoLogger and JsonLogger both see it.
 */
export function loggerModuleParams(root: PinoLogger): LoggerModuleParams {
  return { pinoHttp: { logger: root, autoLogging: false }, forRoutes: [] };
}

/** Nest's framework chatter (modules loaded, routes mapped) is debug, not info. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's logger interface over this application's pino logger, or over the request's child logger
 * while a request is served. Each application has its own (nestjs-pino's Logger keeps one logger per
 * process, and tests run several applications in one process).
 */
export class JsonLogger implements LoggerService {
  constructor(readonly root: PinoLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /** Nest passes the logger's context last; an object message is merged into the line's fields. */
  private write(level: PinoLevel, message: unknown, params: unknown[]): void {
    const logger = storage.getStore()?.logger ?? this.root;
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    if (level === 'info' && context !== undefined && FRAMEWORK_CONTEXTS.has(context)) level = 'debug';
    if (!logger.isLevelEnabled(level)) return;
    // A start refused for its configuration is reported once, in one line, by whoever started the app.
    if (context === 'ExceptionHandler' && message instanceof StartupError) return;
    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    if (message instanceof Error) {
      fields.err = message;
      logger[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...(message as Record<string, unknown>) }, typeof params[0] === 'string' ? params[0] : undefined);
    } else {
      // Nest's exception handlers pass (message, stack, context).
      if (level === 'error' && typeof params[0] === 'string') fields.stack = params[0];
      logger[level](fields, String(message));
    }
  }
}

/** Nest's level lists (as older callers pass them) become the most verbose pino level they name. */
export function levelFromNest(levels: LogLevel[] | false): LogLevelName {
  if (levels === false || levels.length === 0) return 'silent';
  const order: [LogLevel, LogLevelName][] = [
    ['verbose', 'trace'],
    ['debug', 'debug'],
    ['log', 'info'],
    ['warn', 'warn'],
    ['error', 'error'],
    ['fatal', 'fatal'],
  ];
  return order.find(([nest]) => levels.includes(nest))?.[1] ?? 'silent';
}

/** Observes each finished request (the HTTP latency histogram). */
export type RequestObserver = (method: string, route: string, status: number, durationMs: number) => void;

/**
 * The request id (named by Fastify's genReqId, echoed in X-Request-Id) and one line per finished
 * request: method, route pattern, status, duration, request id and the principal's name when
 * authenticated; never a header. Every other line written while the request is served carries its
 * id (the request's child logger, in nestjs-pino's storage). Registered before any other hook, so that even a request refused
 * early (rate limit) carries its id.
 */
export function registerRequestLogging(fastify: FastifyInstance, root: PinoLogger, observe?: RequestObserver): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // Everything the request leads to (hooks, guard, handler, the body read before it) runs inside.
    storage.run(new Store(root.child({ requestId: request.id })), done);
  });
  fastify.addHook('onResponse', (request: FastifyRequest & { principal?: Principal }, reply: FastifyReply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const durationMs = Math.round(reply.elapsedTime * 1000) / 1000;
    observe?.(request.method, route, reply.statusCode, durationMs);
    if (root.isLevelEnabled('info')) {
      root.info(
        {
          requestId: request.id,
          method: request.method,
          route,
          url: request.url,
          status: reply.statusCode,
          durationMs,
          principal: request.principal ? actorOf(request.principal) : undefined,
        },
        'request',
      );
    }
    done();
  });
}
