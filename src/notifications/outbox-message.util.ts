import type { Effect } from '../engine/decider';
import type { OutboxMessage } from '../persistence/repositories/outbox.repository';
import { messageIdOf } from './message-id.util';

/** The event whose decision declared the effects. */
export interface EffectSource {
  instanceId: string;
  kind: string;
  seq: number;
  /** The event's business instant. */
  occurredAt: string;
  /** When it is written (real clock). */
  createdAt: string;
}

/** The outbox rows of a decision's effects, in the order the machine declared them, each with its stable id. */
export function outboxMessagesOf(effects: readonly Effect[], source: EffectSource): OutboxMessage[] {
  return effects.map((effect, index) => ({
    messageId: messageIdOf(source.instanceId, source.seq, index),
    instanceId: source.instanceId,
    kind: source.kind,
    seq: source.seq,
    effectIndex: index,
    type: effect.type,
    params: JSON.stringify(effect.params ?? {}),
    occurredAt: source.occurredAt,
    createdAt: source.createdAt,
  }));
}
