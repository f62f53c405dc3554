import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfig, StartupError } from './config/app-config';
import { checkDatabaseReachable } from './persistence/database-preflight';

async function main(): Promise<void> {
  const config = loadConfig();
  await checkDatabaseReachable(config.database);
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger('App').log(`Listening on http://${config.host}:${config.port}/api (OpenAPI: /api/docs)`);
}

/** Exit code of a start refused for its configuration or its database (bad value, unreachable, missing). */
const EXIT_STARTUP = 2;

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    // One line, no trace: what is wrong is in the message, and the message names no secret.
    process.stderr.write(`${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
    process.exit(EXIT_STARTUP);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
