import type { Command } from '../engine/engine.types';

/**
 * The body of POST /instances/:id/events, `{type, at?, expectedVersion?, ...payload}` (validated as
 * EventBody), as a command: the payload is validated by the engine against the event's schema for the
 * record's kind.
 */
export function toCommand(body: { type: string; at?: string; expectedVersion?: number } & Record<string, unknown>): Command {
  const { type, at, expectedVersion, ...payload } = body;
  return { type, at, expectedVersion, payload };
}
