import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  new Logger('App').log(`Listening on http://${config.host}:${config.port}/api (OpenAPI: /api/docs)`);
}

main().catch((error: unknown) => {
  // Start-up failures (bad configuration, unreachable database) end the process with a reason.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
