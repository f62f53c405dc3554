import { Presets, SingleBar } from 'cli-progress';
import type { CliContext } from './cli-context';

export interface Progress {
  update(value: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

/**
 * A progress bar on stderr (stdout stays clean for results and JSON): shown when stdout is a terminal,
 * or when asked with --progress (then also into a pipe or a file); --no-progress hides it.
 */
export function startProgress(
  context: CliContext,
  requested: boolean | undefined,
  total: number,
  label: string,
  unit = 'instances',
): Progress {
  const enabled = requested ?? Boolean(context.stdout.isTTY);
  if (!enabled || total <= 0) return SILENT;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {duration_formatted} elapsed, {eta_formatted} left`,
      stream: context.stderr as NodeJS.WritableStream,
      noTTYOutput: true,
      notTTYSchedule: 1000,
      etaBuffer: 50,
      hideCursor: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (value) => bar.update(Math.min(value, total)),
    stop: () => {
      bar.update(total);
      bar.stop();
    },
  };
}
