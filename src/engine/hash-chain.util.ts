import { hash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

/** The hash before the first event of an instance. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  instanceId: string;
  seq: number;
  type: string;
  payload: unknown;
  actor: string;
  at: string;
}

/**
 * sha256 over the canonical JSON (sorted keys) of the previous hash and the event's fields: changing
 * any field of any event, or removing one, breaks every later link.
 */
export function chainHash(previousHash: string, fields: ChainedFields): string {
  const canonical = stableStringify([previousHash, fields.instanceId, fields.seq, fields.type, fields.payload, fields.actor, fields.at]);
  return hash('sha256', canonical, 'hex');
}
