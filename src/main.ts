import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from './app.factory';
import { loadConfig, StartupError, type AppConfig } from './config/app-config';
import { ServiceLifecycle } from './health/service-lifecycle';
import { checkDatabaseReachable } from './persistence/database-preflight';

async function main(): Promise<void> {
  const config = loadConfig();
  await checkDatabaseReachable(config.database);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const logger = new Logger('App');
  const { address, port } = app.getHttpServer().address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  logger.log(
    {
      address: `http://${host}:${port}/api`,
      docs: `http://${host}:${port}/api/docs`,
      database: config.database.type,
      clock: config.clock.mode,
      scheduler: config.scheduler.enabled ? 'on' : 'off',
      metrics: config.metrics.port === undefined ? '/api/metrics' : `port ${config.metrics.port}`,
    },
    'listening',
  );
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal while draining: the operator wants out now.
      logger.warn({ signal }, 'stopping at once');
      process.exit(1);
    }
    stopping = true;
    void stop(app, config, signal, logger);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/**
 * Readiness answers 503 at once (a load balancer stops sending traffic), the service waits
 * SHUTDOWN_DRAIN_MS for that to take effect, then closes: no new connections, requests in flight
 * finish, then the scheduler loop stops and the database closes (Nest's shutdown hooks).
 */
async function stop(app: NestFastifyApplication, config: AppConfig, signal: NodeJS.Signals, logger: Logger): Promise<void> {
  const startedAt = Date.now();
  app.get(ServiceLifecycle).beginStopping();
  logger.log({ signal, drainMs: config.shutdown.drainMs }, 'stopping: readiness answers 503');
  try {
    if (config.shutdown.drainMs > 0) await sleep(config.shutdown.drainMs);
    await app.close();
  } catch (error) {
    logger.error({ err: error, signal }, 'stopping failed');
    process.exit(1);
  }
  logger.log({ signal, durationMs: Date.now() - startedAt }, 'stopped');
  process.exit(0);
}

/** Exit code of a start refused for its configuration or its database (bad value, unreachable, missing). */
const EXIT_STARTUP = 2;

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    // One plain line for whoever starts the service, no trace: the message says what is wrong and names no secret.
    process.stderr.write(`${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(EXIT_STARTUP);
  }
  // Start-up failures (bad configuration, unreachable database) end the process with a reason, as a JSON line.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), msg: message })}\n`);
  process.exit(1);
});
