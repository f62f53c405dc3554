import { createHash } from 'node:crypto';

/** The namespace of the engine's name-based ids (a random UUID, fixed once for all). */
export const MESSAGE_ID_NAMESPACE = '3f6d1b2e-8c4a-4f57-9a0e-5d2c7b1e9f40';

/** A name-based UUID (RFC 9562 version 5: SHA-1 of the namespace's bytes and the name): the same name always gives the same id. */
export function uuidV5(name: string, namespace: string = MESSAGE_ID_NAMESPACE): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The stable id of the message of one effect: the `index`-th effect declared by the event `seq` of an
 * instance. A replay, a retry or a second node computes the same id, which receivers use to drop duplicates.
 */
export function messageIdOf(instanceId: string, seq: number, index: number): string {
  return uuidV5(`outbox:${instanceId}:${seq}:${index}`);
}

/** The id of the delivery of one message to one subscription (one per pair). */
export function deliveryIdOf(messageId: string, subscriptionId: string): string {
  return uuidV5(`delivery:${messageId}:${subscriptionId}`);
}
