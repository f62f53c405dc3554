/**
 * The leaf of an event in the transparency log.
 *
 * Leaf entry = RFC 8785 (JCS) canonical UTF-8 bytes of the JSON object of ALL the event's stored fields:
 *
 *   {"actor", "at", "hash", "instanceId", "payload", "prevHash", "recordedAt", "seq", "type"}
 *
 * with `payload` the stored payload text parsed as JSON (the export's `payload`), `seq` a number. A stored
 * payload that is not JSON (only a damaged database has one) is entered as `payloadText` (its text) instead
 * of `payload`, as the export does, so its leaf differs from any genuine one. Leaf hash = SHA-256(0x00 ||
 * entry) (RFC 9162 §2.1.1). Changing any stored field, `recordedAt` included, or rewriting the chain
 * (prevHash/hash) changes the leaf.
 */
import { canonicalBytes, canonicalString } from './jcs';
import { leafHash, leafHashOfText } from './merkle';

export interface LeafEventFields {
  instanceId: string;
  seq: number | string;
  type: string;
  /** The stored text (a database row) or the parsed value (an export line, `payloadText` when not JSON). */
  payload?: unknown;
  payloadText?: string;
  actor: string;
  at: string;
  recordedAt: string;
  prevHash: string;
  hash: string;
}

/** The leaf entry of an event as stored in the database (payload as its stored JSON text). */
export function storedEventLeafEntry(event: LeafEventFields & { payload: string }): Buffer {
  let parsed: { payload: unknown } | { payloadText: string };
  try {
    parsed = { payload: JSON.parse(event.payload) as unknown };
  } catch {
    parsed = { payloadText: event.payload };
  }
  return entryOf(event, parsed);
}

/** The leaf entry of an event as exported (payload already parsed, or `payloadText`). */
export function exportedEventLeafEntry(event: LeafEventFields): Buffer {
  return entryOf(
    event,
    event.payloadText !== undefined && event.payload === undefined ? { payloadText: event.payloadText } : { payload: event.payload },
  );
}

function entryOf(event: LeafEventFields, payload: { payload: unknown } | { payloadText: string }): Buffer {
  return canonicalBytes({
    instanceId: event.instanceId,
    seq: Number(event.seq),
    type: event.type,
    ...payload,
    actor: event.actor,
    at: event.at,
    recordedAt: event.recordedAt,
    prevHash: event.prevHash,
    hash: event.hash,
  });
}

export function storedEventLeafHash(event: LeafEventFields & { payload: string }): Buffer {
  return leafHash(storedEventLeafEntry(event));
}

export function exportedEventLeafHash(event: LeafEventFields): Buffer {
  return leafHash(exportedEventLeafEntry(event));
}

/**
 * The leaf hash of an event about to be stored, given the canonical text of its payload object
 * (`canonicalize(payload)`, which succeeds only for I-JSON, and then equals the canonical text of the
 * payload as stored and parsed again): the entry is written member by member in JCS order, without
 * parsing the stored text back. The same bytes as `storedEventLeafEntry`, property-tested.
 */
export function newEventLeafHash(event: LeafEventFields & { payload: string }, canonicalPayload: string): Buffer {
  const entry =
    '{"actor":' +
    canonicalString(event.actor) +
    ',"at":' +
    canonicalString(event.at) +
    ',"hash":' +
    canonicalString(event.hash) +
    ',"instanceId":' +
    canonicalString(event.instanceId) +
    ',"payload":' +
    canonicalPayload +
    ',"prevHash":' +
    canonicalString(event.prevHash) +
    ',"recordedAt":' +
    canonicalString(event.recordedAt) +
    ',"seq":' +
    JSON.stringify(Number(event.seq)) +
    ',"type":' +
    canonicalString(event.type) +
    '}';
  return leafHashOfText(entry);
}
