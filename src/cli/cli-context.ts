import type { MachineCatalogue } from '../engine/machine-catalogue';
import { buildCatalogue } from '../kinds/kind-catalogue';

export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** What a command needs from its surroundings; tests pass their own (environment, catalogue, buffers). */
export interface CliContext {
  /** Read like the service's environment: DATABASE_URL, DATA_DIR (src/config/app-config.ts). */
  env: NodeJS.ProcessEnv;
  /** The machines histories are replayed with; by default the service's (src/kinds/kind-catalogue.ts). */
  catalogue: MachineCatalogue;
  stdout: OutputStream;
  stderr: OutputStream;
}

/** Exit codes: 0 all good, 1 a verification found a problem (or a dry run found changes), 2 could not run. */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_ERROR = 2;

export function processContext(): CliContext {
  return { env: process.env, catalogue: buildCatalogue(), stdout: process.stdout, stderr: process.stderr };
}
